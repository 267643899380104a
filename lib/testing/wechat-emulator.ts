import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiDispatcher } from './api-dispatcher.js';
import { ALL_ROUTES } from './api/all.routes.js';
import { EmulatorClock } from './emulator-clock.js';
import { WechatEmulatorError } from './emulator-errors.js';
import {
  AccountState,
  type ArticleComments,
  type BlockedTemplateRecord,
  type JsonObject,
  type KfAccountRecord,
  type KfChatRecord,
  type MediaRecord,
  type QrJumpRule,
  type QrTicket,
  type SentMessage,
} from './emulator-state.js';
import { EMULATOR_DEFAULT_OPENID, type EmulatorAccount, type EmulatorStartOptions } from './emulator.options.js';
import { FaultInjector } from './fault-injector.js';
import { followerAfterPush, seedFollower } from './follower-seed.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import type { EmulatorCore } from './route.js';
import { TimerSet } from './timer-set.js';
import { TokenLedger } from './token-ledger.js';
import type { EmulatorOAuthProfile } from './oauth-ledger.js';
import type { EmulatorTicketType } from './ticket-ledger.js';
import { checkWxConfig, type ConfigCheckInput, type ConfigCheckResult } from './jssdk/jssdk-verifier.js';
import { JWEIXIN_PATH } from './jssdk/jweixin-script.js';
import type { InboundMessage } from '../message/message-types.js';
import { EmulatorUi, UI_PREFIX } from './ui/emulator-ui.js';
import { UiInputError } from './ui/ui-actions.js';
import type { EmulatorAppTarget } from './ui/ui-host.js';
import { pushMessage, type PushFormat, type PushMode, type PushOptions, type PushResult } from './push/push-client.js';
import { PlatformPushes, type PlatformPush } from './push/platform-pushes.js';
import type { PublishFailure } from './publish-state.js';
import { decideSubscription, type SubscribeDecision } from './subscribe-decision.js';
import { oneTimeKey } from './subscribe-state.js';

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

/** A comment to seed on a published article (`seedComments`). */
export interface EmulatorCommentSeed {
  content: string;
  /** Default: the emulator's default follower. */
  openid?: string;
  /** Unix seconds; default now (emulator clock). */
  createTime?: number;
}

/** An endpoint as the emulator implements it. */
export interface EmulatorRouteInfo {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly doc: string;
  readonly needsToken: boolean;
  /** Daily quota in effect (after overrides); undefined = none. */
  readonly quota?: number;
}

/** How long a publish or mass-send job runs by default before its *JOBFINISH event. */
const DEFAULT_JOB_DELAY_MS = 1000;

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
  private readonly ui: EmulatorUi;
  private server?: Server;
  private baseUrl = '';
  private stopping?: Promise<void>;
  private readonly pushes = new Set<AbortController>();
  private readonly jobs: PlatformPushes;

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
    this.jobs = new PlatformPushes(this.timers, () => this.clock.now());
    const jobDelayMs = options.jobDelayMs ?? DEFAULT_JOB_DELAY_MS;
    if (!Number.isFinite(jobDelayMs) || jobDelayMs < 0) throw new WechatEmulatorError('jobDelayMs must be a non-negative number');
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
      pageFollower: (appId) => this.ui.selectedFollower(appId),
      pageNickname: (appId, openid) => this.ui.followerNickname(appId, openid),
      later: (account, delayMs, finish) => this.jobs.later(() => this.pushing(account), delayMs, finish),
      requestByRid: (rid) => this.log.byRid(rid),
      jobDelayMs,
      notify: (account, message) => void this.jobs.push(this.pushing(account), message),
    };
    this.dispatcher = new ApiDispatcher(core, ALL_ROUTES, this.faults, this.log, this.timers, (id) => this.findFile(id));
    this.ui = new EmulatorUi(
      {
        get baseUrl() {
          return self.baseUrl;
        },
        defaultAppId: this.defaultAppId,
        accountIds: () => [...this.accounts.keys()],
        account: (appId) => this.account(appId),
        now: () => this.clock.now(),
        requests: () => this.log.all(),
        onRequest: (listener) => this.log.subscribe(listener),
        tokens: (appId) => this.tokens.currentTokens(appId),
        push: (appId, url, message, pushOptions) => this.push(url, message, { ...pushOptions, appId }),
      },
    );
    if (options.app) this.connectApp(options.app);
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

  /** The emulator's web page (a phone and an inspector): `http://127.0.0.1:PORT/ui/`. */
  get pageUrl(): string {
    return this.ui.url;
  }

  /**
   * Points the account's 服务器配置 at your app's callback URL (for `appId`, default the first account): the page's
   * pushes and the events the platform raises on its own go there. Mode defaults to `safe` when the account has an
   * encodingAESKey, else `plain`; format to `xml`. `setCallback(url, options)` is the same call.
   */
  connectApp(app: EmulatorAppTarget, appId?: string): void {
    try {
      this.ui.setApp(app, this.account(appId).appId);
    } catch (error) {
      if (error instanceof UiInputError) throw new WechatEmulatorError(error.message);
      throw error;
    }
  }

  /** Where the page pushes, if set. */
  connectedApp(appId?: string): EmulatorAppTarget | undefined {
    return this.ui.app(this.account(appId).appId);
  }

  /**
   * The follower selected on the page (by default the emulator's default follower): the user an H5 page's OAuth
   * consent logs in.
   */
  pageFollower(appId?: string): { openid: string; nickname: string; following: boolean } {
    return this.ui.selectedFollower(this.account(appId).appId);
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

  /**
   * OAuth2 网页授权: who is "holding the phone" — the same setting as the follower selected on the page
   * (`pageFollower()`); this selects `openid` there. `/connect/oauth2/authorize` answers for this user: a
   * `snsapi_base` link redirects straight back with a code for them, and the `snsapi_userinfo` consent screen
   * preselects them (its form can pick another; a plain HTTP client can GET
   * `/connect/oauth2/authorize/confirm?…&openid=X&action=allow` instead, or add `emulator_openid=X` to a
   * `snsapi_base` link). `snapshotUser: true` plays a 快照页 virtual user (`is_snapshotuser: 1`).
   */
  setOAuthVisitor(openid: string, options: { snapshotUser?: boolean; appId?: string } = {}): void {
    if (typeof openid !== 'string' || !openid) throw new WechatEmulatorError('setOAuthVisitor() needs an openid');
    const account = this.account(options.appId);
    if (options.snapshotUser === true) account.oauth.snapshotUsers.add(openid);
    else account.oauth.snapshotUsers.delete(openid);
    this.ui.selectFollower(openid, account.appId);
  }

  /**
   * What `sns/userinfo` answers for `openid`. Its nickname, when given, is also the one the page shows; without
   * one, `sns/userinfo` answers the page's nickname (测试用户, 新用户N, …).
   */
  setOAuthProfile(openid: string, profile: EmulatorOAuthProfile, appId?: string): void {
    this.account(appId).oauth.profiles.set(openid, { ...profile });
  }

  /** The live JS-SDK ticket of `type` (newest), or undefined before the first `getticket`. */
  currentTicket(type: EmulatorTicketType = 'jsapi', appId?: string): string | undefined {
    return this.account(appId).tickets.current(type, this.clock.now())?.ticket;
  }

  /** Every live ticket of the account is stale from now on, as after a refresh elsewhere. */
  revokeTickets(appId?: string): void {
    this.account(appId).tickets.revoke(this.clock.now());
  }

  /** Checks a `wx.config` as the emulator's jweixin script does (`href`: the page's location.href). */
  checkWxConfig(input: ConfigCheckInput): ConfigCheckResult {
    return checkWxConfig(this.accounts.get(input.appId), input, this.clock.now());
  }

  /** URL of the emulator's `jweixin-1.6.0.js` stand-in: load it in an H5 page instead of res.wx.qq.com's. */
  get jweixinUrl(): string {
    return `${this.baseUrl}${JWEIXIN_PATH}`;
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

  // ── Events the emulator raises itself, and state for the comment, customer-service and basics areas ──

  /**
   * Where the account's 服务器配置 URL points: events the platform raises on its own (PUBLISHJOBFINISH,
   * MASSSENDJOBFINISH, subscribe_msg_*) are pushed there, signed (and encrypted in compatible/safe mode) like
   * `push()`. Without one they are recorded in `platformPushes()` but not delivered. Same as the start option
   * `callbackUrl`.
   */
  setCallback(
    url: string | undefined,
    options: { appId?: string; mode?: PushMode; format?: PushFormat; timeoutMs?: number } = {},
  ): void {
    const { appId, ...rest } = options;
    if (url === undefined) {
      this.account(appId).callback = undefined;
      return;
    }
    this.connectApp({ url, ...rest }, appId);
  }

  /** Events the platform raised on its own, oldest first, with their delivery results. */
  platformPushes(appId?: string): readonly PlatformPush[] {
    return this.jobs.list(appId === undefined ? undefined : this.account(appId).appId);
  }

  /** Resolves once every pending job (publish, mass send) and platform push has finished. */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  /**
   * Seeds comments (留言) on article `index` of the publish `msgDataId` (comments opened), as followers would
   * write them; returns their `user_comment_id`s. The article is created on first use.
   */
  seedComments(msgDataId: number, comments: readonly EmulatorCommentSeed[], options: { index?: number; appId?: string } = {}): number[] {
    const account = this.account(options.appId);
    const key = `${msgDataId}:${options.index ?? 0}`;
    let article: ArticleComments | undefined = account.comments.get(key);
    if (!article) {
      article = { open: true, comments: [] };
      account.comments.set(key, article);
    }
    const target = article;
    return comments.map((seed) => {
      const id = target.comments.length + 1;
      target.comments.push({
        userCommentId: id,
        openid: seed.openid ?? EMULATOR_DEFAULT_OPENID,
        createTime: seed.createTime ?? this.clock.nowSeconds(),
        content: seed.content,
        commentType: 0,
        deleted: false,
      });
      return id;
    });
  }

  /** The comments of one article, deleted ones included (flagged), or undefined for an article the emulator does not know. */
  comments(msgDataId: number, index = 0, appId?: string): ArticleComments | undefined {
    const found = this.account(appId).comments.get(`${msgDataId}:${index}`);
    return found ? structuredClone(found) : undefined;
  }

  /** Customer-service accounts (客服账号) as the emulator holds them. */
  kfAccounts(appId?: string): readonly KfAccountRecord[] {
    return structuredClone([...this.account(appId).kfAccounts.values()]);
  }

  /** The worker behind `kfAccount` accepts its pending binding invitation (its WeChat ID becomes `kf_wx`). */
  acceptKfInvite(kfAccount: string, appId?: string): void {
    const record = this.kfAccount(kfAccount, appId);
    if (!record.invite || record.invite.status !== 'waiting') throw new WechatEmulatorError(`${kfAccount} has no pending invitation`);
    record.kfWx = record.invite.wx;
    record.invite = undefined;
  }

  /** Sets a customer-service account's online status (0 offline, 1 web, 2 mobile, 3 both), as its worker would. */
  setKfOnline(kfAccount: string, status: 0 | 1 | 2 | 3 = 1, appId?: string): void {
    this.kfAccount(kfAccount, appId).onlineStatus = status;
  }

  /** `openid` asks for a worker: the customer waits in `kfsession/getwaitcase` until a session is created. */
  addWaitingCustomer(openid: string, appId?: string): void {
    const account = this.account(appId);
    account.follow(openid, this.clock.now()).lastInteraction = this.clock.now();
    account.kfWaiting.set(openid, this.clock.nowSeconds());
  }

  /** Open customer-service sessions: customer openid → worker account. */
  kfSessions(appId?: string): Record<string, string> {
    return Object.fromEntries([...this.account(appId).kfSessions].map(([openid, s]) => [openid, s.kfAccount]));
  }

  /** Adds chat records (聊天记录) for `msgrecord/getmsglist`; they are listed by `time`. */
  addKfRecords(records: readonly KfChatRecord[], appId?: string): void {
    const list = this.account(appId).kfRecords;
    list.push(...records.map((r) => ({ ...r })));
    list.sort((a, b) => a.time - b.time);
  }

  /** Sets what `get_current_autoreply_info` answers (WeChat's own JSON shape); null: nothing set up. */
  setAutoreplyInfo(info: JsonObject | null, appId?: string): void {
    this.account(appId).autoreply = info === null ? null : structuredClone(info);
  }

  /** Records a template message the platform blocked, for `wxa/sec/queryblocktmplmsg`; returns its record id. */
  blockTemplateMessage(message: Omit<BlockedTemplateRecord, 'id' | 'sendTimestamp'> & { sendTimestamp?: number }, appId?: string): number {
    const list = this.account(appId).blockedTemplates;
    const id = list.length + 1;
    list.push({ ...message, id, sendTimestamp: message.sendTimestamp ?? this.clock.nowSeconds() });
    return id;
  }

  /** 扫服务号二维码打开小程序 rules, by prefix. */
  qrJumpRules(appId?: string): readonly QrJumpRule[] {
    return structuredClone([...this.account(appId).qrJumpRules.values()]);
  }

  private kfAccount(kfAccount: string, appId?: string): KfAccountRecord {
    const record = this.account(appId).kfAccounts.get(kfAccount);
    if (!record) throw new WechatEmulatorError(`no customer-service account ${kfAccount}`);
    return record;
  }

  /** The next `freepublish/submit` job ends with this failure (publish_status 2, 3 or 4) instead of success. */
  failNextPublish(failure: PublishFailure, appId?: string): void {
    if (![2, 3, 4].includes(failure.status)) throw new WechatEmulatorError('failNextPublish() status must be 2, 3 or 4');
    this.account(appId).publishing.failures.push({ ...failure });
  }

  /**
   * A follower accepts or rejects a 订阅通知 template, in the subscribe popup (pushes subscribe_msg_popup_event) or
   * later in the notification settings (pushes subscribe_msg_change_event). An accepted one-time template allows one
   * `bizsend`; a long-term one allows sends until rejected. Resolves when the event has been pushed.
   */
  subscribeDecision(openid: string, decision: SubscribeDecision, appId?: string): Promise<PlatformPush> {
    const account = this.account(appId);
    const event = decideSubscription(account, openid, decision, this.clock.nowSeconds());
    return this.jobs.push(this.pushing(account), event);
  }

  /**
   * A follower confirms a one-time subscribe message (一次性订阅消息) on the authorize page: `message/template/subscribe`
   * may then send them one message for that template and scene. Returns the URL WeChat redirects the user to.
   */
  authorizeOneTimeSubscribe(
    openid: string,
    grant: { templateId: string; scene: number; redirectUrl: string; reserved?: string },
    appId?: string,
  ): string {
    const account = this.account(appId);
    account.subscribe.oneTime.add(oneTimeKey(openid, grant.templateId, grant.scene));
    const target = new URL(grant.redirectUrl);
    target.search = new URLSearchParams({
      openid,
      template_id: grant.templateId,
      action: 'confirm',
      scene: String(grant.scene),
      ...(grant.reserved !== undefined ? { reserved: grant.reserved } : {}),
    }).toString();
    return target.toString();
  }

  /** E-invoices inserted into users' card packages, with the `encrypt_code` a reimburser queries them by. */
  invoices(appId?: string): { card_id: string; code: string; encrypt_code: string; openid: string; order_id: string; reimburse_status: string }[] {
    return [...this.account(appId).invoice.cards.values()].map((c) => ({
      card_id: c.cardId, code: c.code, encrypt_code: c.encryptCode, openid: c.openid, order_id: c.orderId, reimburse_status: c.reimburseStatus,
    }));
  }

  /** Stops listening, closes every connection (keep-alive included), aborts pushes and clears every timer. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.timers.close();
      this.ui.close();
      this.jobs.close();
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

  private pushing(account: AccountState) {
    return {
      appId: account.appId,
      target: { token: account.token ?? '', appId: account.appId, encodingAESKey: account.encodingAESKey },
      callback: account.callback,
    };
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
    if (account.callbackUrl !== undefined) state.callback = { url: account.callbackUrl, mode: 'plain', format: 'xml' };
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
      const path = (req.url ?? '/').split('?', 1)[0];
      const handler = path === '/' || path === '/ui' || path.startsWith(UI_PREFIX) ? this.ui : this.dispatcher;
      handler.handle(req, res).catch(() => {
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
