import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiDispatcher } from './api-dispatcher.js';
import { ALL_ROUTES } from './api/all.routes.js';
import { EmulatorClock } from './emulator-clock.js';
import { WechatEmulatorError } from './emulator-errors.js';
import { AccountState, type JsonObject, type MediaRecord, type QrTicket, type SentMessage } from './emulator-state.js';
import { EMULATOR_DEFAULT_OPENID, type EmulatorAccount, type EmulatorStartOptions } from './emulator.options.js';
import { FaultInjector } from './fault-injector.js';
import { followerAfterPush, seedFollower } from './follower-seed.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import type { EmulatorCore } from './route.js';
import { TimerSet } from './timer-set.js';
import { TokenLedger } from './token-ledger.js';
import type { InboundMessage } from '../message/message-types.js';
import { pushMessage, type PushOptions, type PushResult } from './push/push-client.js';

/** Options of `emulator.push()`. */
export interface EmulatorPushOptions extends PushOptions {
  /** Account that pushes (default: the first). Its token and encodingAESKey sign and encrypt the push. */
  appId?: string;
}

/**
 * Pushes that count as the user talking to the account, which opens the 48-hour customer-service window
 * ("用户发送消息、点击自定义菜单、关注公众号、扫描二维码…"):
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
const INTERACTION_EVENTS = new Set([
  'subscribe', 'SCAN', 'CLICK', 'VIEW', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album',
  'pic_weixin', 'location_select', 'view_miniprogram',
]);

/** An endpoint as the emulator implements it. */
export interface EmulatorRouteInfo {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly doc: string;
  readonly needsToken: boolean;
  /** Daily quota in effect (after overrides); undefined = none. */
  readonly quota?: number;
}

const AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

/**
 * A local stand-in for the WeChat 公众号 platform: the API on 127.0.0.1 (tokens, menus, QR codes, media, messages…)
 * and the push side (it calls your endpoint as WeChat does). Start one per test file; `stop()` leaves nothing behind.
 */
export class WechatEmulator {
  readonly clock = new EmulatorClock();
  /** Inject HTTP 5xx, errcode, delay or connection-reset faults per path. */
  readonly faults = new FaultInjector();
  private readonly tokens = new TokenLedger();
  private readonly log = new RequestLog();
  private readonly timers = new TimerSet();
  private readonly accounts = new Map<string, AccountState>();
  private readonly defaultAppId: string;
  private readonly quotaOverrides: ReadonlyMap<string, number | null>;
  private readonly dispatcher: ApiDispatcher;
  private server?: Server;
  private baseUrl = '';
  private stopping?: Promise<void>;
  private readonly pushes = new Set<AbortController>();

  private constructor(private readonly options: EmulatorStartOptions) {
    const accounts = [options, ...(options.accounts ?? [])];
    for (const [index, account] of accounts.entries()) this.addAccount(account, index === 0 ? '' : `accounts[${index - 1}].`);
    this.defaultAppId = options.appId;
    this.quotaOverrides = new Map(Object.entries(options.quotas ?? {}));
    for (const [path, limit] of this.quotaOverrides) {
      if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
        throw new WechatEmulatorError(`quotas["${path}"] must be a non-negative integer or null`);
      }
    }
    const self = this;
    const core: EmulatorCore = {
      clock: this.clock,
      tokens: this.tokens,
      get baseUrl() {
        return self.baseUrl;
      },
      ipWhitelist: options.ipWhitelist,
      account: (appId) => this.accounts.get(appId),
      accountIds: () => [...this.accounts.keys()],
      quotaLimit: (path) => this.quotaLimit(path),
    };
    this.dispatcher = new ApiDispatcher(core, ALL_ROUTES, this.faults, this.log, this.timers, (id) => this.findFile(id));
  }

  /** Starts an emulator on 127.0.0.1 (random port unless `port` is given). */
  static async start(options: EmulatorStartOptions): Promise<WechatEmulator> {
    if (!options || typeof options !== 'object') throw new WechatEmulatorError('WechatEmulator.start() needs options');
    const emulator = new WechatEmulator(options);
    await emulator.listen(options.port ?? 0);
    return emulator;
  }

  /** `http://127.0.0.1:PORT`: use it as `apiBaseUrl`. */
  get url(): string {
    return this.baseUrl;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Every API call received, oldest first (secrets redacted). */
  get requests(): readonly RecordedRequest[] {
    return this.log.all();
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** The endpoints this emulator answers, with their doc pages and quotas. */
  routes(): EmulatorRouteInfo[] {
    return this.dispatcher.routeList.map((r) => ({
      method: r.method,
      path: r.path,
      doc: r.doc,
      needsToken: r.needsToken,
      quota: this.quotaLimit(r.path),
    }));
  }

  /** How many access tokens were issued (classic and stable), for one account or all. */
  tokenFetches(appId?: string): number {
    return this.tokens.fetches(appId === undefined ? undefined : this.account(appId).appId);
  }

  /** Every live token of the account (or of all accounts) now fails with 40001, as after someone else refreshed. */
  revokeTokens(appId?: string): void {
    this.tokens.revoke(appId === undefined ? undefined : this.account(appId).appId, this.clock.now());
  }

  /** The current default menu (`{ button: [...] }`), or null. */
  menu(appId?: string): JsonObject | null {
    const menu = this.account(appId).menu;
    return menu ? structuredClone(menu) : null;
  }

  /** Conditional (personalized) menus, oldest first. */
  conditionalMenus(appId?: string): { menuid: string; button: unknown[]; matchrule: JsonObject }[] {
    return structuredClone([...this.account(appId).conditionalMenus.values()]);
  }

  /** Customer-service, typing, template and mass messages received, oldest first. */
  sentMessages(appId?: string): readonly SentMessage[] {
    return [...this.account(appId).sent];
  }

  /** Uploaded temporary media, permanent material and uploadimg images. */
  media(appId?: string): readonly MediaRecord[] {
    return [...this.account(appId).media.values()];
  }

  /** QR code tickets created. */
  qrTickets(appId?: string): readonly QrTicket[] {
    return [...this.account(appId).qrTickets.values()];
  }

  /** OpenIDs following the account. */
  followers(appId?: string): string[] {
    return [...this.account(appId).followers.keys()];
  }

  /** OpenIDs on the account's blacklist. */
  blacklist(appId?: string): string[] {
    return [...this.account(appId).blacklist];
  }

  /** Tag names of a follower (empty when they do not follow). */
  followerTags(openid: string, appId?: string): string[] {
    const account = this.account(appId);
    return (account.followers.get(openid)?.tagIds ?? []).map((id) => account.tags.get(id)?.name ?? String(id));
  }

  /** Makes `openid` a follower who has just interacted (customer-service messages to them then work for 48 h). */
  addFollower(openid: string, appId?: string): void {
    const follower = this.account(appId).follow(openid, this.clock.now());
    follower.lastInteraction = this.clock.now();
  }

  /** Calls of `path` counted against today's quota. */
  quotaUsed(path: string, appId?: string): number {
    return this.account(appId).quota.usedToday(path, this.clock.now());
  }

  /**
   * Sends `message` to your endpoint as WeChat would (signed query; encrypted body in compatible/safe mode),
   * re-sending the same payload when a delivery gets no complete answer within `timeoutMs` or a 5xx (up to
   * `maxDeliveries`), and returns the typed reply. The sender becomes a follower who has just interacted (an
   * `unsubscribe` event removes them). `timestamp` defaults to the real time, not the emulator clock: your
   * endpoint checks it against its own clock, so advancing the emulator clock (to expire tokens) must not make
   * pushes look replayed.
   */
  async push(url: string, message: InboundMessage, options: EmulatorPushOptions = {}): Promise<PushResult> {
    if (this.stopping) throw new WechatEmulatorError('the emulator is stopped');
    const account = this.account(options.appId);
    if (!account.token) throw new WechatEmulatorError(`account ${account.appId} has no token: pass \`token\` to WechatEmulator.start()`);
    const mode = options.mode ?? 'plain';
    if (mode !== 'plain' && !account.encodingAESKey) {
      throw new WechatEmulatorError(`a ${mode} mode push needs \`encodingAESKey\` for account ${account.appId}`);
    }
    if (!message || typeof message.FromUserName !== 'string' || typeof message.MsgType !== 'string') {
      throw new WechatEmulatorError('push() needs an inbound message (see buildMessage / buildEvent)');
    }
    this.notePush(account, message);
    const controller = new AbortController();
    this.pushes.add(controller);
    try {
      return await pushMessage(
        url,
        message,
        { token: account.token, appId: account.appId, encodingAESKey: account.encodingAESKey },
        { ...options, signal: controller.signal },
      );
    } finally {
      this.pushes.delete(controller);
    }
  }

  /** Stops listening, closes every connection (keep-alive included), aborts pushes and clears every timer. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.timers.close();
      for (const push of this.pushes) push.abort();
      const server = this.server;
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return this.stopping;
  }

  /** Account state by AppID (default: the first account). @internal */
  protected account(appId?: string): AccountState {
    const account = this.accounts.get(appId ?? this.defaultAppId);
    if (!account) throw new WechatEmulatorError(`the emulator has no account with AppID "${appId}"`);
    return account;
  }

  private notePush(account: AccountState, message: InboundMessage): void {
    const now = this.clock.now();
    const follower = followerAfterPush(account, message, now);
    if (!follower) return;
    if (message.MsgType !== 'event' || INTERACTION_EVENTS.has(String(message.Event))) follower.lastInteraction = now;
  }

  private addAccount(account: EmulatorAccount, where: string): void {
    if (!account || typeof account.appId !== 'string' || !account.appId) {
      throw new WechatEmulatorError(`${where}appId is required`);
    }
    if (typeof account.appSecret !== 'string' || !account.appSecret) {
      throw new WechatEmulatorError(`${where}appSecret is required`);
    }
    if (account.encodingAESKey !== undefined && !AES_KEY_PATTERN.test(account.encodingAESKey)) {
      throw new WechatEmulatorError(`${where}encodingAESKey must be 43 letters and digits`);
    }
    if (this.accounts.has(account.appId)) throw new WechatEmulatorError(`AppID ${account.appId} is listed twice`);
    const state = new AccountState(account.appId, account.appSecret, account.token, account.encodingAESKey);
    const now = this.clock.now();
    for (const seed of [EMULATOR_DEFAULT_OPENID, ...(this.options.followers ?? [])]) seedFollower(state, seed, now);
    for (const t of this.options.templates ?? []) {
      state.templates.set(t.templateId, {
        template_id: t.templateId,
        title: t.title ?? t.templateId,
        primary_industry: t.primaryIndustry ?? 'IT科技',
        deputy_industry: t.deputyIndustry ?? '互联网|电子商务',
        content: t.content ?? '{{first.DATA}}\n{{remark.DATA}}',
        example: t.example ?? '',
      });
    }
    this.accounts.set(account.appId, state);
  }

  private quotaLimit(path: string): number | undefined {
    if (this.quotaOverrides.has(path)) return this.quotaOverrides.get(path) ?? undefined;
    return this.dispatcher?.routeList.find((r) => r.path === path)?.quota;
  }

  private findFile(mediaId: string): { bytes: Buffer; contentType: string } | undefined {
    for (const account of this.accounts.values()) {
      const record = account.media.get(mediaId);
      if (record) return record;
    }
    return undefined;
  }

  private listen(port: number): Promise<void> {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return Promise.reject(new WechatEmulatorError('port must be an integer between 0 and 65535'));
    }
    const server = createServer((req, res) => {
      this.dispatcher.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }
}
