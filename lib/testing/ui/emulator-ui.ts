import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BUILDER_DEFAULTS } from '../../message/message-builders.js';
import { resolveMenu } from '../api/menu.routes.js';
import { EMULATOR_DEFAULT_OPENID } from '../emulator.options.js';
import type { AccountState, JsonObject, SentMessage } from '../emulator-state.js';
import type { PushAttempt, PushFormat, PushMode } from '../push/push-client.js';
import type { RecordedRequest } from '../request-log.js';
import { FILES_PREFIX } from '../route.js';
import { UiInputError, menuEvent, newOpenid, qrScene, scanQr, subscribe, unsubscribe, userMessage, type MenuButton, type UiPush } from './ui-actions.js';
import { renderTicketPng } from '../png-image.js';
import { isLive } from '../ticket-ledger.js';
import { readAsset } from './ui-assets.js';
import { replyBubble, sentBubble, templateBubble, type Bubble } from './ui-bubbles.js';
import type { EmulatorAppTarget, UiHost } from './ui-host.js';

/** Where the page lives on the emulator's port. */
export const UI_PREFIX = '/ui/';

/** One line of the chat. `openid` null: a mass send (see `recipients`). */
interface ChatEntry {
  readonly id: number;
  readonly appId: string;
  readonly at: number;
  readonly openid: string | null;
  readonly recipients?: readonly string[];
  readonly from: 'user' | 'app' | 'system';
  /** message: the follower's own; reply: passive reply; custom/mass/template: sent through the API. */
  readonly source: 'message' | 'reply' | 'custom' | 'mass' | 'template' | 'error' | 'note';
  readonly bubble: Bubble;
  readonly pushId?: number;
}

/** One push and everything about its exchange, for the inspector. */
interface PushRecord {
  readonly id: number;
  readonly appId: string;
  readonly at: number;
  readonly openid: string;
  readonly label: string;
  readonly mode: PushMode;
  readonly format: PushFormat;
  state: 'sending' | 'done';
  attempts: PushAttempt[];
  request?: { url: string; query: Record<string, string>; body: string; plaintext: string; contentType: string };
  answer?: { status: number; raw: string; decrypted?: string; reply?: unknown; error?: { reason: string; message: string } };
}

interface Profile {
  nickname: string;
}

/** The page's memory of one account: chat, pushes, everyone who ever followed, the selected follower. */
class AccountView {
  readonly chat: ChatEntry[] = [];
  readonly pushes: PushRecord[] = [];
  readonly profiles = new Map<string, Profile>();
  selected: string = EMULATOR_DEFAULT_OPENID;
  sentSeen = 0;
}

const MAX_CHAT = 500;
const MAX_PUSHES = 200;
const MAX_JSON_BYTES = 64 * 1024;
/** "图片（image）: 10M，支持PNG\JPEG\JPG\GIF格式". */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const IMAGE_SIGNATURES: readonly [string, (b: Buffer) => boolean][] = [
  ['image/png', (b) => b.subarray(1, 4).toString('latin1') === 'PNG'],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8],
  ['image/gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
];
const TRUNCATE = 20_000;

/**
 * The emulator's web page: a phone (chat, custom menu, H5 pane) and an inspector, served on the emulator's own
 * port under `/ui/`, with live updates over Server-Sent Events. Pushes go to the app's callback URL through the
 * emulator's push client, signed and in the configured mode.
 */
export class EmulatorUi {
  private readonly views = new Map<string, AccountView>();
  private readonly clients = new Set<ServerResponse>();
  private seq = 1;
  private readonly unsubscribe: () => void;
  /** The page's POST actions, by path under `/ui/`. */
  private readonly actions: Readonly<Record<string, (appId: string, body: JsonObject) => JsonObject>> = {
    'api/app': (appId, body) => this.actApp(appId, body),
    'api/select': (appId, body) => this.actSelect(appId, body),
    'api/follow': (appId) => this.actFollow(appId),
    'api/send': (appId, body) => this.actSend(appId, body),
    'api/menu': (appId, body) => this.actMenu(appId, body),
    'api/scan': (appId, body) => this.actScan(appId, body),
    'api/subscribe': (appId, body) => this.actSubscribe(appId, body),
    'api/unsubscribe': (appId, body) => this.actUnsubscribe(appId, body),
    'api/revoke-tickets': (appId) => this.actRevokeTickets(appId),
  };

  constructor(private readonly host: UiHost) {
    this.unsubscribe = host.onRequest((entry) => this.onApiCall(entry));
  }

  /** `http://127.0.0.1:PORT/ui/`. */
  get url(): string {
    return `${this.host.baseUrl}${UI_PREFIX}`;
  }

  /**
   * Sets the account's 服务器配置 (for `appId`, default the first account): the page's pushes and the events the
   * platform raises on its own go there. Unset mode and format take the console's defaults.
   */
  setApp(app: EmulatorAppTarget, appId = this.host.defaultAppId): void {
    checkTarget(app);
    const account = this.host.account(appId);
    account.callback = {
      url: app.url,
      mode: app.mode ?? (account.encodingAESKey ? 'safe' : 'plain'),
      format: app.format ?? 'xml',
      ...(app.timeoutMs === undefined ? {} : { timeoutMs: app.timeoutMs }),
    };
    this.broadcast('state', { appId });
  }

  app(appId = this.host.defaultAppId): EmulatorAppTarget | undefined {
    const callback = this.host.account(appId).callback;
    return callback ? { ...callback } : undefined;
  }

  /**
   * The follower chosen on the page, who an H5 page's OAuth consent logs in (the hook for `/connect/oauth2/*`).
   */
  selectedFollower(appId = this.host.defaultAppId): { openid: string; nickname: string; following: boolean } {
    const view = this.view(appId);
    return { openid: view.selected, nickname: this.nickname(appId, view.selected), following: this.host.account(appId).followers.has(view.selected) };
  }

  /**
   * Makes `openid` the page's selected follower (a visitor who does not follow is fine: OAuth works for anyone).
   * `setOAuthVisitor` is this; the page's follower list then shows them.
   */
  selectFollower(openid: string, appId = this.host.defaultAppId): void {
    this.nickname(appId, openid);
    this.view(appId).selected = openid;
    this.broadcast('state', { appId });
  }

  /** The nickname the page shows for `openid` (an OAuth profile's nickname, set with `setOAuthProfile`, wins). */
  followerNickname(appId: string, openid: string): string {
    return this.nickname(appId, openid);
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  /** Answers a request under `/ui/` (or `/`, which redirects here). Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    try {
      if (url.pathname === '/' || url.pathname === '/ui') {
        res.writeHead(302, { Location: UI_PREFIX }).end();
        return;
      }
      const name = url.pathname.slice(UI_PREFIX.length);
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (name === 'events') return this.openStream(req, res);
        if (name === 'api/state') return sendJson(res, 200, this.state(this.appIdOf(url.searchParams.get('appId'))));
        if (name === 'qr') return this.qrImage(res, url.searchParams);
        const asset = readAsset(name === '' ? 'index.html' : name);
        if (!asset) return sendJson(res, 404, { error: `no page file ${name}` });
        res.writeHead(200, { 'Content-Type': asset.contentType, 'Content-Length': asset.bytes.length, 'Cache-Control': 'no-cache' });
        res.end(asset.bytes);
        return;
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST only' });
      if (name === 'api/upload') return sendJson(res, 200, await this.upload(req, url.searchParams));
      const body = await readJson(req);
      const action = Object.hasOwn(this.actions, name) ? this.actions[name] : undefined;
      if (!action) return sendJson(res, 404, { error: `no page action ${name}` });
      return sendJson(res, 200, action(this.appIdOf(body.appId), body));
    } catch (error) {
      req.resume();
      if (error instanceof UiInputError) return sendJson(res, 400, { error: error.message });
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  // ---- actions (POST /ui/<name>) ----

  private actApp(appId: string, body: JsonObject): JsonObject {
    const app: EmulatorAppTarget = { url: str(body.url) };
    if (body.mode !== undefined) app.mode = body.mode as PushMode;
    if (body.format !== undefined) app.format = body.format as PushFormat;
    try {
      this.setApp(app, appId);
    } catch (error) {
      throw new UiInputError(error instanceof Error ? error.message : String(error));
    }
    return { ok: true };
  }

  private actSelect(appId: string, body: JsonObject): JsonObject {
    const openid = str(body.openid);
    const view = this.view(appId);
    if (!view.profiles.has(openid) && !this.host.account(appId).followers.has(openid)) throw new UiInputError('openid is not a known follower');
    view.selected = openid;
    this.broadcast('state', { appId });
    return { ok: true };
  }

  /** Every live JS-SDK ticket turns stale, as after a refresh elsewhere: a page signed with it then fails wx.config. */
  private actRevokeTickets(appId: string): JsonObject {
    this.host.account(appId).tickets.revoke(this.host.now());
    this.broadcast('state', { appId });
    return { ok: true };
  }

  /** A new follower: selected at once, and their subscribe is pushed. */
  private actFollow(appId: string): JsonObject {
    const openid = this.newFollower(appId);
    return { openid, pushId: this.start(appId, openid, subscribe(openid, BUILDER_DEFAULTS.ToUserName)) };
  }

  private actSend(appId: string, body: JsonObject): JsonObject {
    const openid = this.follower(appId, body);
    const push = userMessage(str(body.kind), openid, BUILDER_DEFAULTS.ToUserName, body, (id) => this.mediaUrl(appId, id));
    return { pushId: this.start(appId, openid, push) };
  }

  private actMenu(appId: string, body: JsonObject): JsonObject {
    const openid = this.follower(appId, body);
    const menu = resolveMenu(this.host.account(appId), openid);
    const path = Array.isArray(body.path) ? body.path : [];
    let buttons = (menu?.button ?? []) as MenuButton[];
    let button: MenuButton | undefined;
    for (const index of path) {
      button = typeof index === 'number' ? buttons[index] : undefined;
      if (!button) throw new UiInputError('path names no button of the current menu');
      buttons = button.sub_button ?? [];
    }
    if (!button) throw new UiInputError('path is required');
    return { pushId: this.start(appId, openid, menuEvent(button, openid, BUILDER_DEFAULTS.ToUserName, body, menu?.menuid)) };
  }

  /** Scans a parametric code as the selected follower, or as a brand-new one (`asNew`). */
  private actScan(appId: string, body: JsonObject): JsonObject {
    const account = this.host.account(appId);
    const ticket = account.qrTickets.get(str(body.ticket));
    if (!ticket) throw new UiInputError('ticket is not a QR code this account created');
    if (ticket.expireSeconds !== undefined && this.host.now() >= ticket.createdAt + ticket.expireSeconds * 1000) {
      throw new UiInputError('this QR code has expired');
    }
    const openid = body.asNew === true ? this.newFollower(appId) : this.follower(appId, body);
    const following = account.followers.has(openid);
    if (!following) {
      // the follower WeChat records: scene ADD_SCENE_QR_CODE with the code's scene
      const follower = account.follow(openid, this.host.now());
      follower.subscribeScene = 'ADD_SCENE_QR_CODE';
      follower.qrScene = ticket.sceneId ?? 0;
      follower.qrSceneStr = ticket.sceneStr ?? '';
    }
    return { openid, pushId: this.start(appId, openid, scanQr(ticket, openid, BUILDER_DEFAULTS.ToUserName, following)) };
  }

  private actSubscribe(appId: string, body: JsonObject): JsonObject {
    const openid = this.follower(appId, body);
    return { pushId: this.start(appId, openid, subscribe(openid, BUILDER_DEFAULTS.ToUserName)) };
  }

  private actUnsubscribe(appId: string, body: JsonObject): JsonObject {
    const openid = this.follower(appId, body);
    return { pushId: this.start(appId, openid, unsubscribe(openid, BUILDER_DEFAULTS.ToUserName)) };
  }

  /** An image the follower sends: stored as temporary media, so the message carries a real media id. */
  private async upload(req: IncomingMessage, query: URLSearchParams): Promise<JsonObject> {
    const type = String(req.headers['content-type'] ?? '');
    // not a CORS-safelisted type: another site's page cannot post here without a preflight
    if (!/^(image\/|application\/octet-stream)/.test(type)) throw new UiInputError('send the image bytes with an image/* Content-Type');
    const appId = this.appIdOf(query.get('appId'));
    const bytes = await readBody(req, MAX_IMAGE_BYTES);
    const contentType = IMAGE_SIGNATURES.find(([, test]) => test(bytes))?.[0];
    if (!contentType) throw new UiInputError('the file is not a PNG, JPEG or GIF image');
    const mediaId = randomBytes(48).toString('base64url');
    const ext = contentType.slice('image/'.length);
    this.host.account(appId).media.set(mediaId, {
      mediaId,
      kind: 'temporary',
      type: 'image',
      filename: (query.get('filename') ?? '').replace(/[^\w.-]/g, '').slice(0, 100) || `${mediaId}.${ext}`,
      contentType,
      bytes,
      createdAt: this.host.now(),
      url: this.fileUrl(mediaId),
    });
    return { mediaId, src: this.fileUrl(mediaId) };
  }

  /** A QR code's image for the page's list (not showqrcode: the inspector lists only the app's own API calls). */
  private qrImage(res: ServerResponse, query: URLSearchParams): void {
    const ticket = query.get('ticket') ?? '';
    if (!this.host.account(this.appIdOf(query.get('appId'))).qrTickets.has(ticket)) return sendJson(res, 404, { error: 'no such QR code' });
    const png = renderTicketPng(ticket);
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'max-age=3600' });
    res.end(png);
  }

  // ---- pushes ----

  /** Starts a push in the background and returns its id; the page follows it over the event stream. */
  private start(appId: string, openid: string, push: UiPush): number {
    const view = this.view(appId);
    const account = this.host.account(appId);
    const app = account.callback;
    if (!app) throw new UiInputError('no app URL yet: enter your callback URL above, or start the emulator with --app-url');
    const { mode, format } = app;
    const message = push.message;
    const isEvent = message.MsgType === 'event';
    const record: PushRecord = {
      id: this.seq++,
      appId,
      at: Date.now(),
      openid,
      label: isEvent ? `event ${String((message as { Event?: unknown }).Event)}` : message.MsgType,
      mode,
      format,
      state: 'sending',
      attempts: [],
    };
    view.pushes.push(record);
    if (view.pushes.length > MAX_PUSHES) view.pushes.shift();
    this.addChat({ appId, openid, from: isEvent ? 'system' : 'user', source: isEvent ? 'note' : 'message', bubble: push.bubble, pushId: record.id });
    this.broadcast('push', record);
    const onAttempt = (attempt: PushAttempt) => {
      record.attempts.push(attempt);
      this.broadcast('push', record);
    };
    this.host
      .push(appId, app.url, message, { mode, format, timeoutMs: app.timeoutMs, onAttempt })
      .then((result) => {
        const url = new URL(result.request.url);
        record.request = {
          url: `${url.origin}${url.pathname}`,
          query: Object.fromEntries(url.searchParams),
          body: cut(result.request.body),
          plaintext: cut(result.request.plaintext),
          contentType: result.request.contentType,
        };
        record.attempts = [...result.attempts];
        record.answer = {
          status: result.status,
          raw: cut(result.raw),
          decrypted: result.decrypted === undefined ? undefined : cut(result.decrypted),
          reply: result.reply === '' || result.reply === 'success' ? result.reply : result.reply.reply,
          error: result.error ? { reason: result.error.reason, message: result.error.message } : undefined,
        };
        if (result.error) {
          const bubble: Bubble = { type: 'error', reason: result.error.reason, message: result.error.message, status: result.status, body: cut(result.raw, 2000) };
          this.addChat({ appId, openid, from: 'system', source: 'error', bubble, pushId: record.id });
        } else if (typeof result.reply === 'object') {
          const bubble = replyBubble(result.reply.reply, isEvent, (id) => this.mediaUrl(appId, id));
          this.addChat({ appId, openid, from: 'app', source: 'reply', bubble, pushId: record.id });
        }
      })
      .catch((error: unknown) => {
        record.answer = { status: 0, raw: '', error: { reason: 'push_failed', message: error instanceof Error ? error.message : String(error) } };
        const bubble: Bubble = { type: 'error', reason: 'push_failed', message: record.answer.error!.message, status: 0, body: '' };
        this.addChat({ appId, openid, from: 'system', source: 'error', bubble, pushId: record.id });
      })
      .finally(() => {
        record.state = 'done';
        this.broadcast('push', record);
        this.broadcast('state', { appId });
      });
    return record.id;
  }

  // ---- API calls the app made ----

  private onApiCall(entry: RecordedRequest): void {
    const appIds = entry.appId ? [entry.appId] : [];
    this.broadcast('api', { appId: entry.appId ?? null, ...apiSummary(entry) });
    for (const appId of appIds) {
      let account: AccountState;
      try {
        account = this.host.account(appId);
      } catch {
        continue;
      }
      const view = this.view(appId);
      const fresh = account.sent.slice(view.sentSeen);
      view.sentSeen = account.sent.length;
      for (const sent of fresh) this.showSent(appId, account, sent);
      this.broadcast('state', { appId });
    }
  }

  /** A message the app sent through the API, in the chats of those it reaches. */
  private showSent(appId: string, account: AccountState, sent: SentMessage): void {
    const media = (id: string) => this.mediaUrl(appId, id);
    if (sent.kind === 'typing') return;
    if (sent.kind === 'template') {
      this.addChat({ appId, openid: String(sent.to), from: 'app', source: 'template', bubble: templateBubble(sent.body, account.templates.get(str(sent.body.template_id))) });
      return;
    }
    if (sent.kind === 'custom' || sent.kind === 'mass-preview') {
      const openid = typeof sent.to === 'string' ? sent.to : String(sent.to[0] ?? '');
      this.addChat({ appId, openid, from: 'app', source: sent.kind === 'custom' ? 'custom' : 'mass', bubble: sentBubble(sent.body, media) });
      return;
    }
    let recipients: string[];
    if (Array.isArray(sent.to)) recipients = [...sent.to];
    else if (sent.to === 'all') recipients = [...account.followers.keys()];
    else if (typeof sent.to === 'string' && sent.to.startsWith('tag:')) {
      const tag = Number(sent.to.slice(4));
      recipients = [...account.followers.values()].filter((f) => f.tagIds.includes(tag)).map((f) => f.openid);
    } else recipients = [String(sent.to)];
    this.addChat({ appId, openid: null, recipients, from: 'app', source: 'mass', bubble: sentBubble(sent.body, media) });
  }

  // ---- state ----

  private state(appId: string): JsonObject {
    const account = this.host.account(appId);
    const view = this.view(appId);
    const now = this.host.now();
    for (const openid of account.followers.keys()) this.nickname(appId, openid);
    const menu = resolveMenu(account, view.selected);
    const tokens = this.host.tokens(appId);
    const tokenState = (record: (typeof tokens)['classic']) =>
      record && { issuedAt: record.issuedAt, expiresAt: record.expiresAt, alive: now < record.expiresAt && now < (record.deadAt ?? Infinity) };
    return {
      appId,
      accounts: [...this.host.accountIds()],
      pageUrl: this.url,
      apiUrl: this.host.baseUrl,
      now,
      hasAesKey: Boolean(account.encodingAESKey),
      app: account.callback ? { ...account.callback } : null,
      selected: view.selected,
      followers: [...view.profiles].map(([openid, profile]) => ({
        openid,
        nickname: profile.nickname,
        following: account.followers.has(openid),
        tagIds: account.followers.get(openid)?.tagIds ?? [],
      })),
      menu: menu ?? null,
      qrcodes: [...account.qrTickets.values()].reverse().map((t) => {
        const expiresAt = t.expireSeconds === undefined ? null : t.createdAt + t.expireSeconds * 1000;
        return {
          ticket: t.ticket,
          actionName: t.actionName,
          scene: qrScene(t),
          expiresAt,
          expired: expiresAt !== null && now >= expiresAt,
          image: `${this.url}qr?${new URLSearchParams({ appId, ticket: t.ticket })}`,
        };
      }),
      tokens: { classic: tokenState(tokens.classic) ?? null, stable: tokenState(tokens.stable) ?? null, jsapi: ticketState(account, now) },
      chat: view.chat.slice(-300),
      pushes: view.pushes.slice(-100),
      requests: this.host
        .requests()
        .filter((r) => r.appId === appId || r.appId === undefined)
        .slice(-200)
        .map(apiSummary),
    };
  }

  // ---- helpers ----

  private view(appId: string): AccountView {
    let view = this.views.get(appId);
    if (!view) {
      this.host.account(appId); // throws for an unknown AppID
      view = new AccountView();
      this.views.set(appId, view);
    }
    return view;
  }

  private appIdOf(value: unknown): string {
    if (value === undefined || value === null || value === '') return this.host.defaultAppId;
    if (typeof value !== 'string' || !this.host.accountIds().includes(value)) throw new UiInputError('appId names no account of this emulator');
    return value;
  }

  /** The `openid` of the request (default: the selected follower), who must be known to the page. */
  private follower(appId: string, body: JsonObject): string {
    const view = this.view(appId);
    const openid = body.openid === undefined ? view.selected : str(body.openid);
    if (!view.profiles.has(openid) && !this.host.account(appId).followers.has(openid)) throw new UiInputError('openid is not a known follower');
    this.nickname(appId, openid);
    return openid;
  }

  private newFollower(appId: string): string {
    const view = this.view(appId);
    const openid = newOpenid();
    view.profiles.set(openid, { nickname: `新用户${view.profiles.size + 1}` });
    view.selected = openid;
    return openid;
  }

  private nickname(appId: string, openid: string): string {
    const view = this.view(appId);
    let profile = view.profiles.get(openid);
    if (!profile) {
      profile = { nickname: openid === EMULATOR_DEFAULT_OPENID ? '测试用户' : `用户${view.profiles.size + 1}` };
      view.profiles.set(openid, profile);
    }
    // one nickname per follower: the page, the consent screen and sns/userinfo agree
    const oauthName = this.host.account(appId).oauth.profiles.get(openid)?.nickname;
    if (oauthName) profile.nickname = oauthName;
    return profile.nickname;
  }

  private fileUrl(mediaId: string): string {
    return `${this.host.baseUrl}${FILES_PREFIX}${encodeURIComponent(mediaId)}`;
  }

  private mediaUrl(appId: string, mediaId: string): string | undefined {
    return this.host.account(appId).media.has(mediaId) ? this.fileUrl(mediaId) : undefined;
  }

  private addChat(entry: Omit<ChatEntry, 'id' | 'at'>): void {
    const full: ChatEntry = { id: this.seq++, at: Date.now(), ...entry };
    const view = this.view(entry.appId);
    view.chat.push(full);
    if (view.chat.length > MAX_CHAT) view.chat.shift();
    this.broadcast('chat', full);
  }

  private openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private broadcast(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(frame);
  }
}

function apiSummary(entry: RecordedRequest): JsonObject {
  return { at: entry.at, method: entry.method, path: entry.path, status: entry.status, errcode: entry.errcode ?? null, fault: entry.fault ?? null };
}

const MODES: readonly string[] = ['plain', 'compatible', 'safe'];
const FORMATS: readonly string[] = ['xml', 'json'];

/** Checks an app target; the error names the bad field. */
export function checkTarget(app: EmulatorAppTarget): void {
  if (!app || typeof app.url !== 'string') throw new UiInputError('app url is required');
  let url: URL;
  try {
    url = new URL(app.url);
  } catch {
    throw new UiInputError(`app url is not a URL: ${app.url.slice(0, 100)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UiInputError('app url must be http: or https:');
  if (app.mode !== undefined && !MODES.includes(app.mode)) throw new UiInputError(`app mode must be one of ${MODES.join(', ')}`);
  if (app.format !== undefined && !FORMATS.includes(app.format)) throw new UiInputError(`app format must be one of ${FORMATS.join(', ')}`);
  if (app.timeoutMs !== undefined && (!Number.isInteger(app.timeoutMs) || app.timeoutMs < 1 || app.timeoutMs > 60_000)) {
    throw new UiInputError('app timeoutMs must be a whole number of milliseconds from 1 to 60000');
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const cut = (text: string, max = TRUNCATE): string => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new UiInputError(`the body is larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<JsonObject> {
  if (!/^application\/json/.test(String(req.headers['content-type'] ?? ''))) throw new UiInputError('send JSON (Content-Type: application/json)');
  const text = (await readBody(req, MAX_JSON_BYTES)).toString('utf8');
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new UiInputError('the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UiInputError('the body must be a JSON object');
  return value as JsonObject;
}

/** The newest jsapi_ticket's times and liveness (never its value), or null before the first getticket. */
function ticketState(account: AccountState, now: number): JsonObject | null {
  const newest = account.tickets.all('jsapi')[0];
  if (!newest) return null;
  return { issuedAt: newest.issuedAt, expiresAt: newest.expiresAt, alive: isLive(newest, now), stale: !isLive(newest, now) && now < newest.expiresAt };
}
