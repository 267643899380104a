import { rawCall } from '../support/raw-call.js';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { JssdkService } from '../../lib/api/jssdk/jssdk.service.js';
import type { WxConfig } from '../../lib/api/jssdk/jssdk.types.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, captureLogs, newClient } from './api-test-kit.js';

/**
 * A verifier written apart from the library's signer: the docs' 附录1 steps, done with an explicit sorted field list
 * and hashing the bytes ourselves.
 */
function independentSignature(ticket: string, nonceStr: string, timestamp: number, pageUrl: string): string {
  const fields: [string, string][] = [['url', pageUrl], ['timestamp', String(timestamp)], ['noncestr', nonceStr], ['jsapi_ticket', ticket]];
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const string1 = fields.map(([k, v]) => k + '=' + v).join('&');
  return createHash('sha1').update(Buffer.from(string1, 'utf8')).digest('hex');
}

/** Runs the emulator's jweixin script the way a page does, with a minimal DOM, and returns what wx.config reported. */
async function runJweixin(emu: WechatEmulator, href: string, config: WxConfig & { debug?: boolean }) {
  const source = await (await fetch(emu.jweixinUrl)).text();
  const alerts: string[] = [];
  const elements: Record<string, { id: string; attrs: Record<string, string>; textContent: string; style: Record<string, string>; setAttribute(n: string, v: string): void }> = {};
  const element = () => ({ id: '', attrs: {} as Record<string, string>, textContent: '', style: {} as Record<string, string>, setAttribute(n: string, v: string) { this.attrs[n] = v; } });
  const html = element();
  const window: Record<string, unknown> = {
    location: { href },
    fetch,
    URL,
    URLSearchParams,
    alert: (text: string) => alerts.push(text),
    document: {
      currentScript: { src: emu.jweixinUrl },
      documentElement: html,
      getElementById: (id: string) => elements[id],
      createElement: () => element(),
      body: { appendChild: (el: { id: string }) => void (elements[el.id] = el as never) },
    },
  };
  // The page's global object is `window`, as in a browser (free names like URL resolve on it).
  window.window = window;
  runInNewContext(source, window);
  const wx = window.wx as { config(c: unknown): Promise<unknown>; ready(fn: () => void): void; error(fn: (r: { errMsg: string; reason: string }) => void): void };
  const outcome = new Promise<string>((resolve) => {
    wx.ready(() => resolve('ready'));
    wx.error((res) => resolve(`error: ${res.errMsg} — ${res.reason}`));
  });
  await wx.config(config);
  return { outcome: await outcome, alerts, banner: elements['wx-emulator-config'], html };
}

describe('JssdkService (wx.config) against the emulator', () => {
  let emu: WechatEmulator;
  let jssdk: JssdkService;

  beforeEach(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    jssdk = new JssdkService(newClient(emu.url).client);
  });
  afterEach(() => emu.stop());

  it('signs the page URL without its fragment over the cached jsapi_ticket; an independent verifier agrees', async () => {
    const href = 'https://h5.example.com/pay/order?id=7&from=menu#/step/2?x=1';
    const config = await jssdk.buildConfig({ url: href, jsApiList: ['chooseImage'], openTagList: ['wx-open-launch-weapp'], debug: true });
    expect(config).toEqual({
      debug: true,
      appId: APP.appId,
      timestamp: expect.any(Number),
      nonceStr: expect.stringMatching(/^[0-9a-f]{16}$/),
      signature: expect.stringMatching(/^[0-9a-f]{40}$/),
      jsApiList: ['chooseImage'],
      openTagList: ['wx-open-launch-weapp'],
    });
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(5);
    const ticket = emu.currentTicket('jsapi')!;
    expect(config.signature).toBe(independentSignature(ticket, config.nonceStr, config.timestamp, 'https://h5.example.com/pay/order?id=7&from=menu'));
    expect(config.signature).not.toBe(independentSignature(ticket, config.nonceStr, config.timestamp, href));
    // and the emulator's own check (a third implementation) accepts it for the page, fragment and all
    expect(emu.checkWxConfig({ ...config, timestamp: String(config.timestamp), href })).toMatchObject({ ok: true, errMsg: 'config:ok' });
  });

  it('fetches the jsapi_ticket once for many pages', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => jssdk.buildConfig({ url: `https://h5.example.com/p${i}` })));
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/ticket/getticket')).toHaveLength(1);
  });

  it.each([
    [{ url: '' }, 'url'],
    [{ url: '/relative/page' }, 'url'],
    [{ url: 'https://h5.example.com/', jsApiList: 'chooseImage' as never }, 'jsApiList'],
    [{ url: 'https://h5.example.com/', jsApiList: ['ok', 'bad name'] }, 'jsApiList[1]'],
  ])('refuses %j naming the field, before any request', async (options, field) => {
    await expect(jssdk.buildConfig(options)).rejects.toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field });
    expect(emu.requests).toHaveLength(0);
  });

  it('the emulator jweixin script: config:ok on the right page, shown in a status banner and a debug alert', async () => {
    const href = 'https://h5.example.com/share?a=1#top';
    const config = await jssdk.buildConfig({ url: href, debug: true });
    const run = await runJweixin(emu, href, config);
    expect(run.outcome).toBe('ready');
    expect(run.banner?.attrs.role).toBe('status');
    expect(run.banner?.textContent).toBe('wx.config: config:ok');
    expect(run.html.attrs['data-wx-config']).toBe('ok');
    expect(run.alerts).toHaveLength(1);
    expect(JSON.parse(run.alerts[0]!)).toMatchObject({ errMsg: 'config:ok' });
  });

  it('the emulator jweixin script names a URL signed without its query string', async () => {
    const signedFor = await jssdk.buildConfig({ url: 'https://h5.example.com/list' });
    const run = await runJweixin(emu, 'https://h5.example.com/list?page=2', signedFor);
    expect(run.outcome).toBe(
      'error: config:invalid signature — wrong URL: signed for "https://h5.example.com/list" (the query string is part of the signed URL) ' +
        'but the page is "https://h5.example.com/list?page=2"',
    );
  });

  it('reports a URL signed with its fragment, a stale ticket and a forged signature, visibly', async () => {
    const ticket = await jssdk.getTicket();
    const href = 'https://h5.example.com/page?x=1#frag';
    const ts = Math.floor(Date.now() / 1000);
    const withFragment = { appId: APP.appId, timestamp: ts, nonceStr: 'n0nce', signature: independentSignature(ticket, 'n0nce', ts, href), jsApiList: [], openTagList: [], debug: false };
    const a = await runJweixin(emu, href, withFragment);
    expect(a.outcome).toContain('wrong URL: signed for "https://h5.example.com/page?x=1#frag" (the fragment must be removed)');
    expect(a.banner?.attrs.role).toBe('alert');
    expect(a.alerts).toHaveLength(0); // no alert without debug

    const good = await jssdk.buildConfig({ url: href });
    emu.revokeTickets();
    const b = await runJweixin(emu, href, good);
    expect(b.outcome).toContain('stale jsapi_ticket');

    const forged = { ...good, signature: 'f'.repeat(40) };
    const c = await runJweixin(emu, href, forged);
    expect(c.outcome).toContain('bad signature');
    expect(c.html.attrs['data-wx-config']).toBe('fail');
  });

  it('media/get/jssdk downloads a voice as speex; an unknown media_id is 40007', async () => {
    const { client } = newClient(emu.url);
    const uploaded = await rawCall(client, 
      { ...(await import('../../lib/api/wechat-endpoints.js')).ENDPOINTS.mediaUpload },
      { query: { type: 'voice' }, file: { field: 'media', data: Buffer.from('#!AMR\n' + 'x'.repeat(100)), fileName: 'v.amr', contentType: 'audio/amr' } },
    );
    const result = await jssdk.downloadHdVoice(String(uploaded.media_id));
    expect(result.kind).toBe('file');
    if (result.kind === 'file') expect(result.file.contentType).toBe('voice/speex');
    await expect(jssdk.downloadHdVoice('no-such-media')).rejects.toMatchObject({ errcode: 40007, path: '/cgi-bin/media/get/jssdk' });
  });

  it('no ticket or token appears in logs or errors', async () => {
    const logs = captureLogs();
    try {
      const ticket = await jssdk.getTicket();
      emu.faults.inject({ path: '/cgi-bin/ticket/getticket', kind: 'http5xx', times: 10 });
      const { client } = newClient(emu.url, { store: undefined });
      const failing = await new JssdkService(client).buildConfig({ url: 'https://h5.example.com/' }).catch((e: unknown) => e);
      expect(failing).toMatchObject({ code: 'WECHAT_TRANSPORT_ERROR' });
      const text = [logs.lines.join('\n'), String((failing as Error).message), JSON.stringify(emu.requests)].join('\n');
      expect(text).not.toContain(ticket);
      expect(text).not.toContain(APP.appSecret);
    } finally {
      logs.restore();
    }
  });
});
