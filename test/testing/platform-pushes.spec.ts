import { MessageCrypto } from '../../lib/crypto/message-crypto.js';
import { runCli, WechatEmulator, type CliResult } from '../../lib/testing/index.js';
import { renderTicketPng } from '../../lib/testing/png-image.js';
import { startStub } from '../api/api-test-kit.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

/** A draft with a permanent cover, straight through the emulator's API (no library code). */
async function draftOf(emu: WechatEmulator, token: string, title = '文章'): Promise<string> {
  const form = new FormData();
  form.append('media', new Blob([renderTicketPng(title)], { type: 'image/png' }), 'cover.png');
  const cover = await call(emu, 'POST', '/cgi-bin/material/add_material', { token, query: { type: 'image' }, form });
  const draft = await call(emu, 'POST', '/cgi-bin/draft/add', {
    token,
    json: { articles: [{ title, content: '<p>x</p>', thumb_media_id: cover.json.media_id }] },
  });
  return draft.json.media_id as string;
}

describe('emulator: events the platform raises on its own', () => {
  it('records them undelivered without a callback URL, and validates setCallback / failNextPublish', async () => {
    const emu = await WechatEmulator.start({ ...APP, jobDelayMs: 0 });
    try {
      const token = await fetchToken(emu);
      const submitted = await call(emu, 'POST', '/cgi-bin/freepublish/submit', { token, json: { media_id: await draftOf(emu, token) } });
      expect(submitted.json).toMatchObject({ errcode: 0, publish_id: expect.stringMatching(/^\d+$/), msg_data_id: expect.any(String) });
      await emu.idle();
      expect(emu.platformPushes()).toEqual([expect.objectContaining({ event: 'PUBLISHJOBFINISH', delivered: false, appId: APP.appId })]);
      expect(emu.platformPushes()[0]!.result).toBeUndefined();
      expect(() => emu.setCallback('ftp://x')).toThrow(/http/);
      expect(() => emu.failNextPublish({ status: 1 as 2 })).toThrow(/2, 3 or 4/);
      expectError(await call(emu, 'POST', '/cgi-bin/draft/batchget', { token, json: { offset: 0, count: 21 } }), 40097);
      expectError(await call(emu, 'POST', '/cgi-bin/draft/add', { token, json: { articles: [] } }), 44003);
    } finally {
      await emu.stop();
    }
  });

  it('stop() cancels a pending publish job: nothing is pushed afterwards and no timer is left', async () => {
    const stub = await startStub((_req, _body, res) => res.end('success'));
    const emu = await WechatEmulator.start({ ...APP, jobDelayMs: 60_000, callbackUrl: `${stub.url}/wechat` });
    const token = await fetchToken(emu);
    await call(emu, 'POST', '/cgi-bin/freepublish/submit', { token, json: { media_id: await draftOf(emu, token) } });
    const started = Date.now();
    await emu.stop();
    await emu.idle();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(emu.platformPushes()).toHaveLength(0);
    expect(stub.hits).toHaveLength(0);
    await stub.stop();
  });

  it('pushes encrypted in safe mode, signed with the account token', async () => {
    const stub = await startStub((_req, _body, res) => res.end('success'));
    const emu = await WechatEmulator.start({ ...APP, jobDelayMs: 5 });
    try {
      emu.setCallback(`${stub.url}/wechat`, { mode: 'safe' });
      const token = await fetchToken(emu);
      await call(emu, 'POST', '/cgi-bin/freepublish/submit', { token, json: { media_id: await draftOf(emu, token, '加密') } });
      await emu.idle();
      expect(emu.platformPushes()[0]).toMatchObject({ delivered: true, result: { status: 200 } });
      const hit = stub.hits[0]!;
      expect(hit.query.get('encrypt_type')).toBe('aes');
      const encrypt = /<Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt>/.exec(hit.body.toString())![1]!;
      const plain = new MessageCrypto(APP.encodingAESKey, APP.appId).decrypt(encrypt);
      expect(plain).toContain('<Event><![CDATA[PUBLISHJOBFINISH]]></Event>');
      expect(plain).toContain('<publish_status>0</publish_status>');
    } finally {
      await emu.stop();
      await stub.stop();
    }
  });

  it('the CLI takes --app-url (where the platform events go too) and --job-delay', async () => {
    const stub = await startStub((_req, _body, res) => res.end('success'));
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
    let result: CliResult | undefined;
    try {
      result = await runCli(
        ['--port', '0', '--app-id', APP.appId, '--app-secret', APP.appSecret, '--token', APP.token, '--app-url', `${stub.url}/wechat`, '--job-delay', '5'],
        io,
      );
      expect(result.code).toBe(0);
      const emu = result.emulator!;
      const token = await fetchToken(emu);
      await call(emu, 'POST', '/cgi-bin/freepublish/submit', { token, json: { media_id: await draftOf(emu, token) } });
      await emu.idle();
      expect(stub.hits.map((h) => h.body.toString()).join()).toContain('PUBLISHJOBFINISH');
      const bad = await runCli(['--app-id', 'a', '--app-secret', 'b', '--app-url', 'nope', '--token', 't'], io);
      expect(bad.code).toBe(2);
      expect(bad.emulator).toBeUndefined();
    } finally {
      await result?.emulator?.stop();
      await stub.stop();
    }
  });
});
