import type { HandlerMatcher } from '../../lib/handlers/handler-matcher.js';
import { WechatDuplicateHandlerError, WechatHandlerDefinitionError } from '../../lib/handlers/wechat-handler.error.js';
import type { WechatHandler } from '../../lib/handlers/wechat-handler.interface.js';
import { WechatHandlerRegistry } from '../../lib/handlers/wechat-handler.registry.js';
import type { AnyInboundMessage, InboundMessage } from '../../lib/message/message-types.js';
import { WechatAccounts, type ResolvedAccount } from '../../lib/wechat-accounts.js';

/** One claim: the handler's label, what it claims, and its @ForAccount scope. */
type Claim = readonly [label: string, matcher: HandlerMatcher, account?: string];

const base = { ToUserName: 'gh_1', FromUserName: 'openid_1', CreateTime: '1700000000' };
const text = (Content: string): InboundMessage => ({ ...base, MsgType: 'text', Content, MsgId: '1' });
const event = (Event: string, EventKey?: string): InboundMessage =>
  ({ ...base, MsgType: 'event', Event, ...(EventKey === undefined ? {} : { EventKey }) }) as InboundMessage;

const DEFAULT = { name: 'default', appId: 'wx_default' };
const SHOP = { name: 'shop', appId: 'wx_shop' };

const accounts = new WechatAccounts(
  [DEFAULT, SHOP].map(
    (a): ResolvedAccount => ({ ...a, token: 't', requireEncryption: false, maxTimestampSkewSeconds: 300, bodyLimitBytes: 1, apiBaseUrl: '', apiTimeoutMs: 1, tokenEndpoint: 'stable', replyDeadlineMs: 4000 }),
  ),
);

function handler(label: string, account?: string): WechatHandler {
  return { instance: {}, methodName: label, label, ...(account === undefined ? {} : { account }), invoke: async () => label };
}

function registryOf(claims: readonly Claim[], withAccounts = true): WechatHandlerRegistry {
  const registry = new WechatHandlerRegistry(withAccounts ? accounts : undefined);
  for (const [label, matcher, account] of claims) registry.register(handler(label, account), matcher);
  registry.compile();
  return registry;
}

// Shorthands mirroring the decorators.
const onText = (pattern?: string | RegExp): HandlerMatcher => (pattern === undefined ? { kind: 'text' } : { kind: 'text', pattern });
const onType = (msgType: string): HandlerMatcher => ({ kind: 'message', msgType });
const onEvent = (name: string, key?: string): HandlerMatcher => (key === undefined ? { kind: 'event', event: name } : { kind: 'event', event: name, key });
const onScan = (scene?: string): HandlerMatcher => (scene === undefined ? { kind: 'scan' } : { kind: 'scan', scene });
const onMessage: HandlerMatcher = { kind: 'fallback' };

interface OrderCase {
  name: string;
  message: AnyInboundMessage;
  account?: { name: string; appId: string };
  /** Claims in the order they must win: with all present the first wins; remove it and the next wins; … */
  order: readonly Claim[];
  /** Claims that must never win this message. */
  bystanders?: readonly Claim[];
  scene?: string;
  withAccounts?: boolean;
}

const ORDER_CASES: OrderCase[] = [
  {
    name: 'text: exact string → RegExps in registration order → @OnText() → @OnMessage()',
    message: text('hello'),
    order: [
      ['Exact.hello', onText('hello')],
      ['First.regex', onText(/llo$/)],
      ['Second.regex', onText(/^hel/)],
      ['Any.text', onText()],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Exact.caseDiffers', onText('Hello')],
      ['Exact.notTrimmed', onText(' hello')],
      ['Regex.noMatch', onText(/^x/)],
      ['Image.only', onType('image')],
    ],
  },
  {
    name: 'image: @OnImage() → @OnMessage()',
    message: { ...base, MsgType: 'image', PicUrl: 'p', MediaId: 'm', MsgId: '1' },
    order: [
      ['Image.handle', onType('image')],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Voice.handle', onType('voice')],
      ['Text.any', onText()],
    ],
  },
  {
    name: 'unknown MsgType: only @OnMessage()',
    message: { ...base, MsgType: 'hologram' },
    order: [['Fallback.any', onMessage]],
    bystanders: [
      ['Image.handle', onType('image')],
      ['Text.any', onText()],
      ['Event.hologram', onEvent('hologram')],
    ],
  },
  {
    name: 'subscribe with qrscene_X: @OnScan(X) → @OnEvent(subscribe, key) → @OnSubscribe() → @OnScan() → @OnMessage()',
    message: event('subscribe', 'qrscene_X'),
    scene: 'X',
    order: [
      ['Scan.x', onScan('X')],
      ['Event.subscribeKeyed', onEvent('subscribe', 'qrscene_X')],
      ['Subscribe.any', onEvent('subscribe')],
      ['Scan.any', onScan()],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Scan.y', onScan('Y')],
      ['Scan.event', onEvent('SCAN')],
      ['Text.any', onText()],
    ],
  },
  {
    name: 'plain subscribe: @OnSubscribe() → @OnMessage(); @OnScan() does not claim it',
    message: event('subscribe', ''),
    order: [
      ['Subscribe.any', onEvent('SUBSCRIBE')],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Scan.any', onScan()],
      ['Scan.x', onScan('X')],
    ],
  },
  {
    name: 'SCAN: @OnScan(key) → @OnEvent(SCAN, key) → @OnEvent(SCAN) → @OnScan() → @OnMessage()',
    message: event('SCAN', '42'),
    scene: '42',
    order: [
      ['Scan.42', onScan('42')],
      ['Event.scanKeyed', onEvent('SCAN', '42')],
      ['Event.scan', onEvent('scan')],
      ['Scan.any', onScan()],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Subscribe.any', onEvent('subscribe')],
      ['Scan.qr42', onScan('qr')],
      ['Click.42', onEvent('CLICK', '42')],
    ],
  },
  {
    name: 'CLICK: @OnMenuClick(key) → @OnEvent(CLICK) → @OnMessage()',
    message: event('CLICK', 'V1001_TODAY_MUSIC'),
    order: [
      ['Menu.click', onEvent('CLICK', 'V1001_TODAY_MUSIC')],
      ['Event.click', onEvent('click')],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Menu.caseDiffers', onEvent('CLICK', 'v1001_today_music')],
      ['Menu.view', onEvent('VIEW')],
      ['Scan.sameKey', onScan('V1001_TODAY_MUSIC')],
    ],
  },
  {
    name: 'VIEW: @OnMenuView(url) → @OnMenuView() → @OnMessage()',
    message: event('VIEW', 'https://kangspace.org'),
    order: [
      ['Menu.viewUrl', onEvent('VIEW', 'https://kangspace.org')],
      ['Menu.viewAny', onEvent('VIEW')],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Menu.otherUrl', onEvent('VIEW', 'https://kangspace.org/')],
      ['Menu.clickSameKey', onEvent('CLICK', 'https://kangspace.org')],
    ],
  },
  {
    name: 'other events: @OnEvent(name, key) → @OnEvent(name) (any case) → @OnMessage()',
    message: event('scancode_push', 'scan_btn'),
    order: [
      ['Event.keyed', onEvent('scancode_push', 'scan_btn')],
      ['Event.any', onEvent('SCANCODE_PUSH')],
      ['Fallback.any', onMessage],
    ],
    bystanders: [
      ['Event.waitmsg', onEvent('scancode_waitmsg')],
      ['Menu.clickSameKey', onEvent('CLICK', 'scan_btn')],
    ],
  },
  {
    name: 'accounts: at each step the account layer comes before the all-accounts layer (text)',
    message: text('hello'),
    account: SHOP,
    order: [
      ['Shop.exact', onText('hello'), 'shop'],
      ['All.exact', onText('hello')],
      ['Shop.regex', onText(/h/), 'wx_shop'],
      ['All.regex', onText(/h/)],
      ['Shop.any', onText(), 'shop'],
      ['All.any', onText()],
      ['Shop.fallback', onMessage, 'shop'],
      ['All.fallback', onMessage],
    ],
    bystanders: [
      ['Default.exact', onText('hello'), 'default'],
      ['Default.fallback', onMessage, 'wx_default'],
    ],
  },
  {
    name: 'accounts: at each step the account layer comes before the all-accounts layer (CLICK)',
    message: event('CLICK', 'K'),
    account: SHOP,
    order: [
      ['Shop.menu', onEvent('CLICK', 'K'), 'shop'],
      ['All.menu', onEvent('CLICK', 'K')],
      ['Shop.click', onEvent('CLICK'), 'shop'],
      ['All.click', onEvent('CLICK')],
      ['Shop.fallback', onMessage, 'shop'],
      ['All.fallback', onMessage],
    ],
  },
  {
    name: 'accounts: another account never sees restricted handlers',
    message: text('hello'),
    account: DEFAULT,
    order: [['All.fallback', onMessage]],
    bystanders: [
      ['Shop.exact', onText('hello'), 'shop'],
      ['Shop.fallback', onMessage, 'wx_shop'],
    ],
  },
  {
    name: 'accounts without WechatAccounts: @ForAccount(AppID) still matches by the context AppID',
    message: text('hello'),
    account: SHOP,
    withAccounts: false,
    order: [
      ['Shop.byAppId', onText(), 'wx_shop'],
      ['All.fallback', onMessage],
    ],
  },
];

describe('WechatHandlerRegistry resolution order', () => {
  describe.each(ORDER_CASES)('$name', ({ message, account = DEFAULT, order, bystanders = [], scene, withAccounts = true }) => {
    it.each(order.map((claim, i) => [claim[0], i] as const))('%s wins once the claims before it are gone', (label, i) => {
      const registry = registryOf([...bystanders, ...order.slice(i)], withAccounts);
      const resolution = registry.resolve(message, account);
      expect(resolution?.handler.label).toBe(label);
      expect(resolution?.scene).toBe(scene);
    });

    it('resolves nothing when only bystanders are registered', () => {
      expect(registryOf(bystanders, withAccounts).resolve(message, account)).toBeUndefined();
    });
  });

  it('registration order, not the order of the claims in the table, decides between RegExps', () => {
    const registry = registryOf([
      ['Late.z', onText(/z/)],
      ['Early.a', onText(/a/)],
    ]);
    expect(registry.resolve(text('az'), DEFAULT)?.handler.label).toBe('Late.z');
  });

  it('sees handlers registered after the first lookup', () => {
    const registry = registryOf([['All.fallback', onMessage]]);
    expect(registry.resolve(text('x'), SHOP)?.handler.label).toBe('All.fallback');
    registry.register(handler('Shop.x', 'shop'), onText('x'));
    expect(registry.resolve(text('x'), SHOP)?.handler.label).toBe('Shop.x');
  });
});

describe('WechatHandlerRegistry duplicates', () => {
  it.each<[string, Claim, Claim, string]>([
    ['two @OnMessage()', ['A.foo', onMessage], ['B.bar', onMessage], 'fallback (@OnMessage())'],
    ['two @OnText()', ['A.foo', onText()], ['B.bar', onText()], 'text (any, @OnText())'],
    ['the same exact text', ['A.foo', onText('hello')], ['B.bar', onText('hello')], 'text "hello"'],
    ['identical RegExps', ['A.foo', onText(/^a/i)], ['B.bar', onText(/^a/i)], 'text /^a/i'],
    ['@OnSubscribe() and @OnEvent(SUBSCRIBE)', ['A.foo', onEvent('subscribe')], ['B.bar', onEvent('SUBSCRIBE')], 'event "SUBSCRIBE"'],
    ['@OnMenuView() and @OnEvent(VIEW)', ['A.foo', onEvent('VIEW')], ['B.bar', onEvent('VIEW')], 'event "VIEW"'],
    ['the same menu key', ['A.foo', onEvent('CLICK', 'K')], ['B.bar', onEvent('click', 'K')], 'event "click" key "K"'],
    ['the same scene', ['A.foo', onScan('7')], ['B.bar', onScan('7')], 'scan scene "7"'],
    ['two @OnScan()', ['A.foo', onScan()], ['B.bar', onScan()], 'scan (any scene, @OnScan())'],
    ['two @OnImage()', ['A.foo', onType('image')], ['B.bar', onType('image')], 'message type "image"'],
    ['@OnText() and a text MsgType claim', ['A.foo', onText()], ['B.bar', onType('text')], 'message type "text"'],
    ['one account by name and by AppID', ['A.foo', onMessage, 'shop'], ['B.bar', onMessage, 'wx_shop'], '[account shop] fallback (@OnMessage())'],
  ])('%s fail, naming both handlers and the key', (_name, first, second, key) => {
    const attempt = () => registryOf([first, second]);
    expect(attempt).toThrow(WechatDuplicateHandlerError);
    expect(attempt).toThrow(`'A.foo' and 'B.bar' both handle ${key}`);
    try {
      attempt();
    } catch (error) {
      expect((error as WechatDuplicateHandlerError).handlers).toEqual(['A.foo', 'B.bar']);
      expect((error as WechatDuplicateHandlerError).key).toBe(key);
      expect((error as WechatDuplicateHandlerError).code).toBe('WECHAT_HANDLER_DUPLICATE');
    }
  });

  it.each<[string, Claim, Claim]>([
    ['RegExps differing in flags', ['A.foo', onText(/a/i)], ['B.bar', onText(/a/)]],
    ['an exact string and a RegExp of the same text', ['A.foo', onText('a')], ['B.bar', onText(/a/)]],
    ['the same key in two account scopes', ['A.foo', onText('a'), 'shop'], ['B.bar', onText('a')]],
    ['a scene and a menu key with the same value', ['A.foo', onScan('X')], ['B.bar', onEvent('CLICK', 'X')]],
    ['a keyed and an unkeyed event claim', ['A.foo', onEvent('CLICK', 'X')], ['B.bar', onEvent('CLICK')]],
  ])('%s do not collide', (_name, first, second) => {
    expect(registryOf([first, second]).handlerCount).toBe(2);
  });
});

describe('WechatHandlerRegistry bookkeeping', () => {
  it('refuses @ForAccount for an account that is not registered', () => {
    expect(() => registryOf([['A.foo', onMessage, 'nobody']])).toThrow(WechatHandlerDefinitionError);
    expect(() => registryOf([['A.foo', onMessage, 'nobody']])).toThrow(/A\.foo .*@ForAccount\('nobody'\)/);
  });

  it('refuses hand-built matchers it cannot route', () => {
    expect(() => registryOf([['A.foo', { kind: 'text', pattern: /a/g }]])).toThrow(/without the g\/y flags/);
    expect(() => registryOf([['A.foo', onType('event')]])).toThrow(/cannot claim MsgType "event"/);
    expect(() => registryOf([['A.foo', { kind: 'nope' } as never]])).toThrow(/unknown matcher kind "nope"/);
  });

  it('counts and describes every claim', () => {
    const registry = registryOf([
      ['A.hello', onText('hello')],
      ['A.hello', onText(/^hi/)],
      ['B.menu', onEvent('CLICK', 'K'), 'wx_shop'],
      ['C.any', onMessage],
    ]);
    expect(registry.handlerCount).toBe(4);
    expect(registry.describe()).toEqual([
      'text "hello" → A.hello',
      'text /^hi/ → A.hello',
      '[account shop] event "CLICK" key "K" → B.menu',
      'fallback (@OnMessage()) → C.any',
    ]);
  });
});
