import { runCli, type CliIo } from '../../lib/testing/index.js';
import { startStub } from '../api/api-test-kit.js';
import { call, fetchToken } from './emulator-helpers.js';

const io = (): CliIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } };
};

describe('emulator --app-url: events triggered by API calls are pushed to your endpoint', () => {
  it('pushes user_authorize_invoice, signed, when card/invoice/getauthurl is called', async () => {
    const callback = await startStub((_req, _body, res) => res.end('success'));
    const cli = io();
    const result = await runCli(['--port', '0', '--app-id', 'wxcb', '--app-secret', 'cb-secret', '--token', 'cbtoken', '--app-url', `${callback.url}/wechat`], cli);
    const emu = result.emulator!;
    try {
      const token = await fetchToken(emu, { appId: 'wxcb', appSecret: 'cb-secret' });
      const res = await call(emu, 'POST', '/card/invoice/getauthurl', {
        token, json: { s_pappid: 'sp', order_id: 'o-9', money: 1, timestamp: 1, source: 'app', ticket: 't', type: 0 },
      });
      expect(res.json.auth_url).toContain('o-9');
      await emu.idle();
      expect(callback.hits).toHaveLength(1);
      expect(callback.hits[0]!.query.get('signature')).toMatch(/^[0-9a-f]{40}$/);
      expect(callback.hits[0]!.body.toString()).toContain('<Event><![CDATA[user_authorize_invoice]]></Event>');
      expect(emu.platformPushes()).toHaveLength(1);
    } finally {
      await emu.stop();
      await callback.stop();
    }
  });

  it('refuses a callback URL that is not http(s)', async () => {
    const cli = io();
    const result = await runCli(['--app-id', 'a', '--app-secret', 'b', '--app-url', 'ftp://x'], cli);
    expect(result.code).toBe(2);
    expect(cli.err.join('')).toContain('--app-url needs --token');
  });
});
