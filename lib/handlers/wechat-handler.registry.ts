import { Injectable, Optional } from '@nestjs/common';
import type { AnyInboundMessage } from '../message/message-types.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { QR_SCENE_PREFIX } from './decorators/on-scan.decorator.js';
import type { HandlerMatcher } from './handler-matcher.js';
import { HANDLER_MESSAGES } from './handlers.messages.js';
import { WechatDuplicateHandlerError, WechatHandlerDefinitionError } from './wechat-handler.error.js';
import type { WechatHandler } from './wechat-handler.interface.js';

/**
 * The dispatch table: which handler answers a message.
 *
 * ## Resolution order
 *
 * The first step that has a handler wins; exactly one handler runs per message.
 *
 * - **Text messages** (`MsgType` `text`):
 *   1. `@OnText('…')` whose string equals the whole `Content` (case-sensitive, no trimming);
 *   2. `@OnText(/…/)` whose RegExp matches, tried in registration order — the explorer's discovery order:
 *      modules in the order Nest registered them, then providers (before controllers) in the order each module
 *      lists them, then methods in class order, then decorators top to bottom;
 *   3. `@OnText()` without a pattern;
 *   4. `@OnMessage()`.
 * - **Other messages**: `@OnImage()`, `@OnVoice()`, `@OnVideo()`, `@OnShortVideo()`, `@OnLocation()`,
 *   `@OnLink()`, `@OnFile()` by `MsgType`, then `@OnMessage()`. A `MsgType` this version does not know can
 *   only reach `@OnMessage()`.
 * - **subscribe with EventKey `qrscene_X`** (a new follower who scanned a parametric QR code):
 *   `@OnScan('X')` → `@OnSubscribe()` (= `@OnEvent('subscribe')`) → `@OnScan()` → `@OnMessage()`.
 *   A subscribe without `qrscene_`: `@OnSubscribe()` → `@OnMessage()`.
 * - **SCAN** (a follower scanned; EventKey is the scene): `@OnScan(EventKey)` → `@OnEvent('SCAN')` →
 *   `@OnScan()` → `@OnMessage()`. `@OnEvent('SCAN')` claims only SCAN events while `@OnScan()` also claims
 *   QR subscribes, so the narrower claim goes first, as for subscribe.
 *   For both, the handler finds the scene (without `qrscene_`) in `WechatInboundContext.scene`; an
 *   `@OnEvent(name, EventKey)` claim, if any, is tried right after `@OnScan(scene)`.
 * - **CLICK**: `@OnMenuClick(EventKey)` → `@OnEvent('CLICK')` → `@OnMessage()`.
 * - **VIEW**: `@OnMenuView(EventKey)` → `@OnMenuView()` (= `@OnEvent('VIEW')`) → `@OnMessage()`.
 * - **Any other event**: `@OnEvent(name, EventKey)` → `@OnEvent(name)` → `@OnMessage()`.
 *
 * Event names match case-insensitively (WeChat sends both `subscribe` and `SCAN`; write either). Keys, URLs
 * and scenes match exactly.
 *
 * **Accounts**: handlers restricted with `@ForAccount()` form a per-account layer that is consulted before the
 * all-accounts layer *at each step*: for a text message to account `a`, an `@OnText('hi')` for all accounts
 * beats an `@OnText(/h/)` restricted to `a`, which beats an `@OnText(/h/)` for all accounts.
 *
 * **Duplicates**: two handlers claiming the same key — same kind, same event/key/scene/pattern (RegExps by
 * source and flags), same account scope; this includes two `@OnMessage()` or two `@OnText()` without pattern —
 * fail bootstrap with `WechatDuplicateHandlerError`, naming both handlers and the key.
 *
 * Everything is precomputed at bootstrap: exact keys are `Map` lookups, and the only per-message scan is the
 * ordered text-RegExp list.
 */
@Injectable()
export class WechatHandlerRegistry {
  private readonly global = new Layer();
  private readonly own = new Map<string, Layer>();
  private readonly entries: { readonly key: string; readonly kind: HandlerMatcher['kind']; readonly handler: WechatHandler }[] = [];
  /** Per account: its own layer merged over the global one. Rebuilt by `compile()`. */
  private merged = new Map<string, Layer>();
  private dirty = false;

  constructor(@Optional() private readonly accounts?: WechatAccounts) {}

  /** Adds one claim of `handler`; throws `WechatDuplicateHandlerError` when its key is already taken. */
  register(handler: WechatHandler, matcher: HandlerMatcher): void {
    const scope = handler.account === undefined ? undefined : this.accountScope(handler);
    let layer = this.global;
    if (scope !== undefined) {
      layer = this.own.get(scope) ?? new Layer();
      this.own.set(scope, layer);
    }
    const key = (scope === undefined ? '' : `[account ${scope}] `) + describeMatcher(matcher);
    const previous = layer.add(matcher, handler);
    if (previous) throw new WechatDuplicateHandlerError(key, [previous.label, handler.label]);
    this.entries.push({ key, kind: matcher.kind, handler });
    this.dirty = true;
  }

  /** Precomputes the per-account tables; called once after discovery (and lazily if handlers were added later). */
  compile(): void {
    const merged = new Map<string, Layer>();
    for (const [account, layer] of this.own) merged.set(account, Layer.merge(layer, this.global));
    this.merged = merged;
    this.dirty = false;
  }

  /** The handler for `message` sent to `account`, and the QR scene when it is a scan; undefined if none. */
  resolve(message: AnyInboundMessage, account: { readonly name: string; readonly appId: string }): WechatResolution | undefined {
    if (this.dirty) this.compile();
    const layer = this.merged.get(account.name) ?? this.merged.get(account.appId) ?? this.global;
    const fields = message as unknown as Readonly<Record<string, unknown>>;
    const type = fields.MsgType;
    let handler: WechatHandler | undefined;
    if (type === 'event') return layer.resolveEvent(fields);
    if (type === 'text') {
      const content = fields.Content;
      if (typeof content === 'string') handler = layer.textExact.get(content) ?? layer.matchPattern(content);
      handler ??= layer.textAny;
    } else if (typeof type === 'string') {
      handler = layer.byMsgType.get(type);
    }
    handler ??= layer.fallback;
    return handler && { handler };
  }

  /** How many claims are registered (a method with two decorators counts twice). */
  get handlerCount(): number {
    return this.entries.length;
  }

  /** How many claims of each kind (`text`, `event`, …); for the module's startup summary. */
  countsByKind(): Partial<Record<HandlerMatcher['kind'], number>> {
    const counts: Partial<Record<HandlerMatcher['kind'], number>> = {};
    for (const { kind } of this.entries) counts[kind] = (counts[kind] ?? 0) + 1;
    return counts;
  }

  /** One line per claim, in registration order: `key → ClassName.method`. For debugging. */
  describe(): string[] {
    return this.entries.map(({ key, handler }) => `${key} → ${handler.label}`);
  }

  private accountScope(handler: WechatHandler): string {
    const raw = handler.account!;
    if (!this.accounts) return raw;
    const account = this.accounts.find(raw);
    if (!account) throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.unknownAccount(handler.label, raw));
    return account.name;
  }
}

/** The registry's answer for one message. */
export interface WechatResolution {
  readonly handler: WechatHandler;
  /** For SCAN and QR subscribe events: the scene, without `qrscene_`. */
  readonly scene?: string;
}

interface PatternEntry {
  readonly pattern: RegExp;
  readonly handler: WechatHandler;
}

/** One account scope's claims. Event names are stored lower-cased. */
class Layer {
  readonly textExact = new Map<string, WechatHandler>();
  textPatterns: PatternEntry[] = [];
  /** Duplicate detection for RegExps: `/source/flags` → handler. */
  readonly patternKeys = new Map<string, WechatHandler>();
  textAny?: WechatHandler;
  readonly byMsgType = new Map<string, WechatHandler>();
  readonly events = new Map<string, WechatHandler>();
  readonly eventKeys = new Map<string, Map<string, WechatHandler>>();
  readonly scenes = new Map<string, WechatHandler>();
  scanAny?: WechatHandler;
  fallback?: WechatHandler;

  /** Adds a claim; returns the handler that already holds the key, if any (nothing is changed then). */
  add(matcher: HandlerMatcher, handler: WechatHandler): WechatHandler | undefined {
    switch (matcher.kind) {
      case 'text': {
        const { pattern } = matcher;
        if (pattern === undefined) {
          if (this.textAny) return this.textAny;
          this.textAny = handler;
          return undefined;
        }
        if (typeof pattern === 'string') return claim(this.textExact, pattern, handler);
        if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky) {
          throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.badMatcher(handler.label, 'a text pattern must be a string or a RegExp without the g/y flags'));
        }
        const previous = claim(this.patternKeys, String(pattern), handler);
        if (!previous) this.textPatterns.push({ pattern, handler });
        return previous;
      }
      case 'message':
        if (matcher.msgType === 'text') return this.add({ kind: 'text' }, handler);
        if (matcher.msgType === 'event' || !matcher.msgType) {
          throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.badMatcher(handler.label, `cannot claim MsgType "${matcher.msgType}"; use @OnEvent() or @OnMessage()`));
        }
        return claim(this.byMsgType, matcher.msgType, handler);
      case 'event': {
        if (!matcher.event) throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.badMatcher(handler.label, 'an event claim needs an event name'));
        const event = matcher.event.toLowerCase();
        if (matcher.key === undefined) return claim(this.events, event, handler);
        let keys = this.eventKeys.get(event);
        if (!keys) this.eventKeys.set(event, (keys = new Map()));
        return claim(keys, matcher.key, handler);
      }
      case 'scan':
        if (matcher.scene === undefined) {
          if (this.scanAny) return this.scanAny;
          this.scanAny = handler;
          return undefined;
        }
        return claim(this.scenes, matcher.scene, handler);
      case 'fallback':
        if (this.fallback) return this.fallback;
        this.fallback = handler;
        return undefined;
      default:
        throw new WechatHandlerDefinitionError(
          HANDLER_MESSAGES.badMatcher(handler.label, `unknown matcher kind "${String((matcher as { kind: unknown }).kind)}"`),
        );
    }
  }

  matchPattern(content: string): WechatHandler | undefined {
    const patterns = this.textPatterns;
    for (let i = 0; i < patterns.length; i++) if (patterns[i].pattern.test(content)) return patterns[i].handler;
    return undefined;
  }

  resolveEvent(fields: Readonly<Record<string, unknown>>): WechatResolution | undefined {
    const event = typeof fields.Event === 'string' ? fields.Event.toLowerCase() : '';
    const eventKey = typeof fields.EventKey === 'string' ? fields.EventKey : undefined;
    const keyed = eventKey === undefined ? undefined : this.eventKeys.get(event)?.get(eventKey);
    let handler: WechatHandler | undefined;
    let scene: string | undefined;
    if (event === 'subscribe' && eventKey?.startsWith(QR_SCENE_PREFIX)) {
      scene = eventKey.slice(QR_SCENE_PREFIX.length);
      handler = this.scenes.get(scene) ?? keyed ?? this.events.get(event) ?? this.scanAny;
    } else if (event === 'scan') {
      scene = eventKey;
      handler = (scene === undefined ? undefined : this.scenes.get(scene)) ?? keyed ?? this.events.get(event) ?? this.scanAny;
    } else {
      handler = keyed ?? this.events.get(event);
    }
    handler ??= this.fallback;
    if (!handler) return undefined;
    return scene === undefined ? { handler } : { handler, scene };
  }

  /** `own` over `global`: at every step the account's claim, when it has one, wins over the global claim. */
  static merge(own: Layer, global: Layer): Layer {
    const layer = new Layer();
    mergeInto(layer.textExact, global.textExact, own.textExact);
    layer.textPatterns = [...own.textPatterns, ...global.textPatterns];
    layer.textAny = own.textAny ?? global.textAny;
    mergeInto(layer.byMsgType, global.byMsgType, own.byMsgType);
    mergeInto(layer.events, global.events, own.events);
    for (const event of new Set([...global.eventKeys.keys(), ...own.eventKeys.keys()])) {
      const keys = new Map<string, WechatHandler>();
      mergeInto(keys, global.eventKeys.get(event) ?? new Map(), own.eventKeys.get(event) ?? new Map());
      layer.eventKeys.set(event, keys);
    }
    mergeInto(layer.scenes, global.scenes, own.scenes);
    layer.scanAny = own.scanAny ?? global.scanAny;
    layer.fallback = own.fallback ?? global.fallback;
    return layer;
  }
}

function claim<K>(map: Map<K, WechatHandler>, key: K, handler: WechatHandler): WechatHandler | undefined {
  const previous = map.get(key);
  if (!previous) map.set(key, handler);
  return previous;
}

function mergeInto<K>(target: Map<K, WechatHandler>, global: ReadonlyMap<K, WechatHandler>, own: ReadonlyMap<K, WechatHandler>): void {
  for (const [key, handler] of global) target.set(key, handler);
  for (const [key, handler] of own) target.set(key, handler);
}

/** A claim as `describe()` and duplicate errors print it. */
export function describeMatcher(matcher: HandlerMatcher): string {
  switch (matcher.kind) {
    case 'text':
      if (matcher.pattern === undefined) return 'text (any, @OnText())';
      return typeof matcher.pattern === 'string' ? `text ${JSON.stringify(matcher.pattern)}` : `text ${String(matcher.pattern)}`;
    case 'message':
      return `message type "${matcher.msgType}"`;
    case 'event':
      return `event "${matcher.event}"` + (matcher.key === undefined ? '' : ` key ${JSON.stringify(matcher.key)}`);
    case 'scan':
      return matcher.scene === undefined ? 'scan (any scene, @OnScan())' : `scan scene ${JSON.stringify(matcher.scene)}`;
    case 'fallback':
      return 'fallback (@OnMessage())';
    default:
      return `unknown matcher ${JSON.stringify(matcher)}`;
  }
}
