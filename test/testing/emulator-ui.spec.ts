import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatEmulator, EMULATOR_DEFAULT_OPENID } from '../../lib/testing/index.js';
import { sha1Sorted, xmlField } from '../support/wechat-wire.js';
import { APP, call, fetchToken } from './emulator-helpers.js';

/** A stand-in app: records each push and answers with `answer(push)` (status, body, delay). */
interface Push {
  query: URLSearchParams;
  body: string;
}
type Answer = { status?: number; body: string; delayMs?: number };

function fakeApp(answer: (push: Push) => Answer): Promise<{ url: string; pushes: Push[]; server: Server }> {
  const pushes: Push[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const push = { query: new URL(req.url ?? '/', 'http://x').searchParams, body: Buffer.concat(chunks).toString('utf8') };
      pushes.push(push);
      const a = answer(push);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(a.status ?? 200, { 'Content-Type': 'text/xml' }).end(a.body);
      }, a.delayMs ?? 0);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, pushes, server })),
  );
}

const replyXml = (push: Push, inner: string) =>
  `<xml><ToUserName><![CDATA[${xmlField(push.body, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[gh_x]]></FromUserName><CreateTime>1</CreateTime>${inner}</xml>`;
const textReply = (push: Push, text: string) => replyXml(push, `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>`);
const newsReply = (push: Push, count: number) =>
  replyXml(
    push,
    `<MsgType><![CDATA[news]]></MsgType><ArticleCount>${count}</ArticleCount><Articles>${Array.from(
      { length: count },
      (_, i) => `<item><Title><![CDATA[第${i + 1}篇]]></Title><Url><![CDATA[http://127.0.0.1/a${i}]]></Url></item>`,
    ).join('')}</Articles>`,
  );

async function page(emu: WechatEmulator, action: string, body: Record<string, unknown> = {}) {
  const res = await fetch(`${emu.pageUrl}${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function state(emu: WechatEmulator): Promise<Record<string, any>> {
  return (await fetch(`${emu.pageUrl}api/state`)).json() as Promise<Record<string, any>>;
}

/** Waits until the page's push `pushId` is done and returns its record and the chat entries it produced. */
async function settled(emu: WechatEmulator, pushId: number) {
  for (let i = 0; i < 200; i++) {
    const s = await state(emu);
    const push = s.pushes.find((p: any) => p.id === pushId);
    if (push?.state === 'done') return { push, chat: s.chat.filter((c: any) => c.pushId === pushId) as any[], state: s };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`push ${pushId} never finished`);
}

describe('emulator web page (HTTP side)', () => {
  let emu: WechatEmulator;
  let app: Awaited<ReturnType<typeof fakeApp>>;
  let answer: (push: Push) => Answer;

  beforeEach(async () => {
    answer = (push) => ({ body: textReply(push, `echo ${xmlField(push.body, 'Content') ?? xmlField(push.body, 'Event')}`) });
    app = await fakeApp((push) => answer(push));
    emu = await WechatEmulator.start({
      port: 0,
      ...APP,
      templates: [{ templateId: 'TPL1', title: '订单通知' }],
      app: { url: app.url, mode: 'plain', timeoutMs: 300 },
    });
  });
  afterEach(async () => {
    await emu.stop();
    await new Promise((r) => app.server.close(r));
  });

  it('serves the page, its script and style, and redirects / there; nothing refers outside', async () => {
    const root = await fetch(`${emu.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui/');
    const html = await (await fetch(emu.pageUrl)).text();
    expect(html).toContain('<script type="module" src="app.js">');
    for (const file of ['app.js', 'app.css']) {
      const res = await fetch(`${emu.pageUrl}${file}`);
      expect(res.status).toBe(200);
      // everything the app sends goes in as text: the script never parses HTML
      expect(await res.text()).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect((await fetch(`${emu.pageUrl}nope.js`)).status).toBe(404);
    // the page's requests are not API calls
    expect(emu.requests).toHaveLength(0);
  });

  it('pushes a text signed as WeChat does and shows the passive reply in the chat', async () => {
    const { json } = await page(emu, 'api/send', { kind: 'text', content: 'hello 你好' });
    const { push, chat } = await settled(emu, json.pushId);
    const sent = app.pushes[0];
    expect(xmlField(sent.body, 'Content')).toBe('hello 你好');
    expect(xmlField(sent.body, 'FromUserName')).toBe(EMULATOR_DEFAULT_OPENID);
    const q = sent.query;
    expect(q.get('signature')).toBe(sha1Sorted([APP.token, q.get('timestamp')!, q.get('nonce')!]));
    expect(push.request.query.signature).toBe(q.get('signature'));
    expect(push.answer).toMatchObject({ status: 200, reply: { type: 'text', content: 'echo hello 你好' } });
    expect(chat.map((c) => [c.from, c.bubble])).toEqual([
      ['user', { type: 'text', text: 'hello 你好' }],
      ['app', { type: 'text', text: 'echo hello 你好' }],
    ]);
  });

  it('encrypts in safe mode and shows a reply that fails its signature check as an error, with the reason', async () => {
    emu.connectApp({ url: app.url, mode: 'safe', format: 'xml', timeoutMs: 300 });
    answer = () => ({ body: '<xml><Encrypt><![CDATA[AAAA]]></Encrypt><MsgSignature><![CDATA[bad]]></MsgSignature><TimeStamp>1</TimeStamp><Nonce>1</Nonce></xml>' });
    const { json } = await page(emu, 'api/send', { kind: 'text', content: 'secret' });
    const { push, chat } = await settled(emu, json.pushId);
    expect(app.pushes[0].query.get('encrypt_type')).toBe('aes');
    expect(app.pushes[0].body).not.toContain('secret');
    expect(push.request.plaintext).toContain('<Content><![CDATA[secret]]></Content>');
    expect(chat.at(-1).bubble).toMatchObject({ type: 'error', reason: 'msg_signature_invalid', status: 200 });
  });

  it('shows a malformed reply and an HTTP refusal as such, with status and body', async () => {
    answer = () => ({ body: '<xml><MsgType>text' });
    let { json } = await page(emu, 'api/send', { kind: 'text', content: 'x' });
    let { chat } = await settled(emu, json.pushId);
    expect(chat.at(-1).bubble).toMatchObject({ type: 'error', reason: 'reply_malformed' });

    answer = () => ({ status: 403, body: '<h1>forbidden</h1>' });
    ({ json } = await page(emu, 'api/send', { kind: 'text', content: 'y' }));
    ({ chat } = await settled(emu, json.pushId));
    expect(chat.at(-1).bubble).toMatchObject({ type: 'error', reason: 'http_status', status: 403, body: '<h1>forbidden</h1>' });
  });

  it("a slow app gets WeChat's retries, recorded delivery by delivery", async () => {
    answer = () => ({ body: 'success', delayMs: 1000 });
    const { json } = await page(emu, 'api/send', { kind: 'text', content: 'slow' });
    const { push, chat } = await settled(emu, json.pushId);
    expect(push.attempts.map((a: any) => a.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(app.pushes.map((p) => p.body)).toEqual([app.pushes[0].body, app.pushes[0].body, app.pushes[0].body]);
    expect(chat.at(-1).bubble).toMatchObject({ type: 'error', reason: 'no_answer' });
  });

  it('draws a news reply to a message with its first article only, and up to 8 for an event', async () => {
    answer = (push) => ({ body: newsReply(push, 3) });
    let { json } = await page(emu, 'api/send', { kind: 'text', content: 'news' });
    let { chat } = await settled(emu, json.pushId);
    expect(chat.at(-1).bubble).toMatchObject({ type: 'news', hidden: 2, articles: [{ title: '第1篇' }] });

    ({ json } = await page(emu, 'api/subscribe', {}));
    ({ chat } = await settled(emu, json.pushId));
    expect(chat.at(-1).bubble.articles.map((a: any) => a.title)).toEqual(['第1篇', '第2篇', '第3篇']);
  });

  it("draws the app's menu for the follower and pushes each button's event with the dialog's payload", async () => {
    const token = await fetchToken(emu);
    const button = [
      { type: 'click', name: '今日', key: 'K1' },
      {
        name: '更多',
        sub_button: [
          { type: 'scancode_waitmsg', name: '扫码', key: 'K2' },
          { type: 'pic_weixin', name: '相册', key: 'K3' },
          { type: 'location_select', name: '位置', key: 'K4' },
          { type: 'view', name: '网页', url: 'http://127.0.0.1:9/h5' },
        ],
      },
      { type: 'miniprogram', name: '小程序', url: 'http://127.0.0.1:9/mp', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
    ];
    expect((await call(emu, 'POST', '/cgi-bin/menu/create', { token, json: { button } })).json.errcode).toBe(0);
    expect((await state(emu)).menu.button[1].sub_button).toHaveLength(4);

    const events: string[] = [];
    for (const [path, payload] of [
      [[0], {}],
      [[1, 0], { scanType: 'barcode', scanResult: 'EAN-13,6901234567892' }],
      [[1, 1], { count: '2' }],
      [[1, 2], { label: '北京市', x: '39.9', y: '116.4' }],
      [[1, 3], {}],
      [[2], {}],
    ] as const) {
      const { json } = await page(emu, 'api/menu', { path, ...payload });
      await settled(emu, json.pushId);
      events.push(app.pushes.at(-1)!.body);
    }
    expect(events.map((b) => xmlField(b, 'Event'))).toEqual(['CLICK', 'scancode_waitmsg', 'pic_weixin', 'location_select', 'VIEW', 'view_miniprogram']);
    expect(xmlField(events[5], 'EventKey')).toBe('pages/lunar/index');
    expect(xmlField(events[0], 'EventKey')).toBe('K1');
    expect(xmlField(events[1], 'ScanResult')).toBe('EAN-13,6901234567892');
    expect(xmlField(events[1], 'ScanType')).toBe('barcode');
    expect(xmlField(events[2], 'Count')).toBe('2');
    expect(events[2].match(/<PicMd5Sum>/g)).toHaveLength(2);
    expect(xmlField(events[3], 'Label')).toBe('北京市');
    expect(xmlField(events[4], 'EventKey')).toBe('http://127.0.0.1:9/h5');

    expect((await page(emu, 'api/menu', { path: [7] })).json.error).toMatch(/path/);
  });

  it('resolves conditional menus for the selected follower, and VIEW carries that menu\'s MenuId', async () => {
    const token = await fetchToken(emu);
    await call(emu, 'POST', '/cgi-bin/menu/create', { token, json: { button: [{ type: 'click', name: '默认', key: 'D' }] } });
    const { tag } = (await call(emu, 'POST', '/cgi-bin/tags/create', { token, json: { tag: { name: '会员' } } })).json;
    const vip = (await page(emu, 'api/follow')).json.openid as string;
    await call(emu, 'POST', '/cgi-bin/tags/members/batchtagging', { token, json: { openid_list: [vip], tagid: tag.id } });
    const { menuid } = (
      await call(emu, 'POST', '/cgi-bin/menu/addconditional', {
        token,
        json: { button: [{ type: 'view', name: '会员中心', url: 'http://127.0.0.1:9/vip' }], matchrule: { tag_id: String(tag.id) } },
      })
    ).json;
    expect((await state(emu)).menu).toEqual({ button: [expect.objectContaining({ name: '会员中心' })], menuid: String(menuid) });
    const { json } = await page(emu, 'api/menu', { path: [0] });
    await settled(emu, json.pushId);
    expect(xmlField(app.pushes.at(-1)!.body, 'Event')).toBe('VIEW');
    expect(xmlField(app.pushes.at(-1)!.body, 'MenuId')).toBe(String(menuid));

    await page(emu, 'api/select', { openid: EMULATOR_DEFAULT_OPENID });
    expect((await state(emu)).menu.button[0].name).toBe('默认');
  });

  it('scans a QR code: a new follower subscribes with qrscene_, a follower gets SCAN; unsubscribe and re-subscribe', async () => {
    const token = await fetchToken(emu);
    const { ticket } = (await call(emu, 'POST', '/cgi-bin/qrcode/create', { token, json: { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop-1' } } } })).json;
    const listed = (await state(emu)).qrcodes;
    expect(listed).toEqual([expect.objectContaining({ ticket, scene: 'shop-1', image: expect.stringContaining('/ui/qr?') })]);
    expect((await fetch(listed[0].image)).headers.get('content-type')).toBe('image/png');
    // the page's own fetches are not the app's API calls
    expect(emu.requests.map((r) => r.path)).toEqual(['/cgi-bin/token', '/cgi-bin/qrcode/create']);

    let { json } = await page(emu, 'api/scan', { ticket, asNew: true });
    await settled(emu, json.pushId);
    const newcomer = json.openid as string;
    expect(xmlField(app.pushes.at(-1)!.body, 'Event')).toBe('subscribe');
    expect(xmlField(app.pushes.at(-1)!.body, 'EventKey')).toBe('qrscene_shop-1');
    expect(emu.followers()).toContain(newcomer);
    expect((await state(emu)).selected).toBe(newcomer);

    ({ json } = await page(emu, 'api/scan', { ticket }));
    await settled(emu, json.pushId);
    expect(xmlField(app.pushes.at(-1)!.body, 'Event')).toBe('SCAN');
    expect(xmlField(app.pushes.at(-1)!.body, 'EventKey')).toBe('shop-1');

    ({ json } = await page(emu, 'api/unsubscribe', {}));
    await settled(emu, json.pushId);
    expect(emu.followers()).not.toContain(newcomer);
    expect((await state(emu)).followers.find((f: any) => f.openid === newcomer)).toMatchObject({ following: false });
    ({ json } = await page(emu, 'api/subscribe', {}));
    await settled(emu, json.pushId);
    expect(emu.followers()).toContain(newcomer);
    expect(emu.pageFollower()).toMatchObject({ openid: newcomer, following: true });
  });

  it('streams customer-service, mass and template messages the app sends through the API, live', async () => {
    const events = await fetch(`${emu.pageUrl}events`);
    const reader = events.body!.getReader();
    const token = await fetchToken(emu);
    const to = EMULATOR_DEFAULT_OPENID;
    await call(emu, 'POST', '/cgi-bin/message/custom/send', { token, json: { touser: to, msgtype: 'text', text: { content: '<script>alert(1)</script>客服' } } });
    await call(emu, 'POST', '/cgi-bin/message/mass/send', { token, json: { touser: [to, 'oOther'], msgtype: 'text', text: { content: '群发' } } });
    const template = { touser: to, template_id: 'TPL1', url: 'http://127.0.0.1:9/order', data: { first: { value: '已发货' }, remark: { value: '谢谢' } } };
    expect((await call(emu, 'POST', '/cgi-bin/message/template/send', { token, json: template })).json.errcode).toBe(0);
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('谢谢')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    const chats = [...text.matchAll(/event: chat\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]));
    expect(chats.map((c) => [c.source, c.bubble.text])).toEqual([
      ['custom', '<script>alert(1)</script>客服'],
      ['mass', '群发'],
      ['template', undefined],
    ]);
    expect(chats[2].bubble).toEqual({ type: 'template', title: '订单通知', url: 'http://127.0.0.1:9/order', lines: [['first', '已发货'], ['remark', '谢谢']] });
    expect(chats[1].recipients).toEqual([to, 'oOther']);
    expect(text).toMatch(/event: api\ndata: .*"path":"\/cgi-bin\/message\/custom\/send"/);
  });

  it('an uploaded image becomes a media id the image message carries', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a5b2f90000000049454e44ae426082', 'hex');
    const up = await fetch(`${emu.pageUrl}api/upload?filename=a.png`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
    const { mediaId, src } = (await up.json()) as { mediaId: string; src: string };
    expect(Buffer.from(await (await fetch(src)).arrayBuffer())).toEqual(png);
    const { json } = await page(emu, 'api/send', { kind: 'image', mediaId });
    await settled(emu, json.pushId);
    expect(xmlField(app.pushes[0].body, 'MediaId')).toBe(mediaId);
    expect(xmlField(app.pushes[0].body, 'PicUrl')).toBe(src);

    const notImage = await fetch(`${emu.pageUrl}api/upload`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: 'hello' });
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: string }).error).toMatch(/not a PNG, JPEG or GIF/);
  });

  it('refuses bad page input with 400 naming the field, and keeps serving', async () => {
    expect(await page(emu, 'api/send', { kind: 'sticker' })).toMatchObject({ status: 400, json: { error: expect.stringContaining('kind must be one of') } });
    expect(await page(emu, 'api/send', { kind: 'text' })).toMatchObject({ status: 400, json: { error: 'content is required' } });
    expect(await page(emu, 'api/send', { kind: 'location', x: 'north', y: '1' })).toMatchObject({ status: 400, json: { error: expect.stringContaining('x must be a number') } });
    expect(await page(emu, 'api/send', { kind: 'text', content: 'x', openid: 'oNobody' })).toMatchObject({ status: 400, json: { error: 'openid is not a known follower' } });
    expect(await page(emu, 'api/scan', { ticket: 'nope' })).toMatchObject({ status: 400 });
    expect(await page(emu, 'api/app', { url: 'ftp://x' })).toMatchObject({ status: 400, json: { error: 'app url must be http: or https:' } });
    const text = await fetch(`${emu.pageUrl}api/send`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(400);
    const broken = await fetch(`${emu.pageUrl}api/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(() => emu.connectApp({ url: 'not a url' })).toThrow('app url is not a URL');
    expect((await state(emu)).app.url).toBe(app.url);
  });

  it('serves each account of a multi-account emulator, pushing with that account\'s token', async () => {
    const multi = await WechatEmulator.start({ port: 0, ...APP, accounts: [{ appId: 'wx0000000000000002', appSecret: 'second-secret', token: 'secondToken2' }] });
    try {
      multi.connectApp({ url: app.url }, 'wx0000000000000002');
      expect(multi.connectedApp()).toBeUndefined();
      const { json } = await page(multi, 'api/send', { appId: 'wx0000000000000002', kind: 'text', content: 'to the second' });
      for (let i = 0; i < 100 && app.pushes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const q = app.pushes[0].query;
      expect(q.get('signature')).toBe(sha1Sorted(['secondToken2', q.get('timestamp')!, q.get('nonce')!]));
      const second = (await (await fetch(`${multi.pageUrl}api/state?appId=wx0000000000000002`)).json()) as Record<string, any>;
      expect(second).toMatchObject({ appId: 'wx0000000000000002', accounts: [APP.appId, 'wx0000000000000002'], app: { mode: 'plain' } });
      expect(second.pushes.map((p: any) => p.id)).toEqual([json.pushId]);
      expect((await state(multi)).pushes).toEqual([]);
      expect(await page(multi, 'api/send', { appId: 'wxNope', kind: 'text', content: 'x' })).toMatchObject({ status: 400, json: { error: 'appId names no account of this emulator' } });
    } finally {
      await multi.stop();
    }
  });

  it('without an app URL, says how to set one', async () => {
    const bare = await WechatEmulator.start({ port: 0, ...APP });
    try {
      expect(bare.connectedApp()).toBeUndefined();
      expect(await page(bare, 'api/send', { kind: 'text', content: 'x' })).toMatchObject({ status: 400, json: { error: expect.stringContaining('--app-url') } });
    } finally {
      await bare.stop();
    }
  });
});
