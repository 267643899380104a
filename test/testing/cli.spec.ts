import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageCrypto } from '../../lib/crypto/message-crypto.js';
import { runCli, USAGE, WechatEmulator, type CliResult } from '../../lib/testing/index.js';
import { APP, call, fetchToken } from './emulator-helpers.js';

function collector() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

describe('wechat-mp-emulator CLI', () => {
  const started: CliResult[] = [];
  afterEach(async () => {
    for (const r of started.splice(0)) await r.emulator?.stop();
  });

  it('serves: prints the URL it listens on, and the emulator answers there', async () => {
    const { out, io } = collector();
    const result = await runCli(['--port', '0', '--app-id', 'wxcli', '--app-secret', 'cli-secret', '--token', 'tok3n'], io);
    started.push(result);
    expect(result.code).toBe(0);
    expect(out.stdout).toBe(`WeChat emulator listening on ${result.emulator!.url}\n`);
    expect(out.stdout).toMatch(/^WeChat emulator listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const token = await fetchToken(result.emulator!, { appId: 'wxcli', appSecret: 'cli-secret' });
    expect((await call(result.emulator!, 'GET', '/cgi-bin/getcallbackip', { token })).json.ip_list).toEqual(['127.0.0.1']);
  });

  it('--help prints the usage on stdout', async () => {
    const { out, io } = collector();
    expect((await runCli(['--help'], io)).code).toBe(0);
    expect(out.stdout).toBe(USAGE);
  });

  it.each([
    [['--app-id', 'wx1'], '--app-secret is required'],
    [['--app-secret', 's'], '--app-id is required'],
    [['--port', 'abc', '--app-id', 'wx1', '--app-secret', 's'], '--port must be an integer from 0 to 65535'],
    [['--port', '70000', '--app-id', 'wx1', '--app-secret', 's'], '--port must be an integer from 0 to 65535'],
    [['--bogus', '--app-id', 'wx1', '--app-secret', 's'], "Unknown option '--bogus'"],
    [['serve', '--app-id', 'wx1', '--app-secret', 's'], 'Unexpected argument'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['push', '--token', 't', 'text', 'hi'], '--url is required'],
    [['push', '--url', 'http://127.0.0.1:1/w', 'text', 'hi'], '--token is required'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--mode', 'secret', 'text', 'hi'], '--mode must be one of plain, compatible, safe'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--format', 'yaml', 'text', 'hi'], '--format must be one of xml, json'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--mode', 'safe', 'text', 'hi'], '--mode safe needs --aes-key'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--mode', 'safe', '--aes-key', APP.encodingAESKey, 'text', 'hi'], '--app-id is required'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't'], 'say what to push'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', 'sticker', 'x'], 'say what to push'],
    [['push', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--timeout', '0', 'text', 'x'], '--timeout must be an integer from 1 to 60000'],
  ])('rejects %j with exit code 2 and the usage', async (argv, message) => {
    const { out, io } = collector();
    const result = await runCli(argv, io);
    expect(result).toEqual({ code: 2 });
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain(USAGE);
    expect(out.stdout).toBe('');
  });

  it('exits 1 when the port is taken', async () => {
    const busy = await WechatEmulator.start({ ...APP });
    try {
      const { out, io } = collector();
      const result = await runCli(['--port', String(busy.port), '--app-id', 'wx1', '--app-secret', 's'], io);
      expect(result.code).toBe(1);
      expect(out.stderr).toContain('EADDRINUSE');
    } finally {
      await busy.stop();
    }
  });

  describe('push', () => {
    let endpoint: Server;
    let url: string;
    let bodies: string[];
    let reply: string;
    beforeAll(async () => {
      endpoint = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          bodies.push(Buffer.concat(chunks).toString('utf8'));
          res.end(reply);
        });
      });
      await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/wechat`;
    });
    beforeEach(() => {
      bodies = [];
    });
    afterAll(async () => {
      endpoint.closeAllConnections();
      await new Promise((resolve) => endpoint.close(resolve));
    });

    it('pushes a text and prints the typed reply', async () => {
      reply = '<xml><ToUserName><![CDATA[o]]></ToUserName><FromUserName><![CDATA[gh]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>';
      const { out, io } = collector();
      const result = await runCli(['push', '--url', url, '--token', APP.token, 'text', 'hello'], io);
      expect(result.code).toBe(0);
      expect(bodies[0]).toContain('<Content><![CDATA[hello]]></Content>');
      expect(out.stdout).toContain('HTTP 200 after 1 delivery\nreply: {');
      expect(out.stdout).toContain('"content": "你好"');
    });

    it('pushes a CLICK event in safe mode and reports an empty answer', async () => {
      reply = 'success';
      const { out, io } = collector();
      const argv = ['push', '--url', url, '--token', APP.token, '--app-id', APP.appId, '--aes-key', APP.encodingAESKey, '--mode', 'safe', 'event', 'CLICK', 'API_MENU_P_2'];
      const result = await runCli(argv, io);
      expect(result.code).toBe(0);
      const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(bodies[0])![1];
      const plaintext = new MessageCrypto(APP.encodingAESKey, APP.appId).decrypt(encrypt);
      expect(plaintext).toContain('<Event><![CDATA[CLICK]]></Event>');
      expect(plaintext).toContain('<EventKey><![CDATA[API_MENU_P_2]]></EventKey>');
      expect(out.stdout).toBe('HTTP 200 after 1 delivery\nno reply (success)\n');
    });

    it('exits 1 and names the problem when the reply is refused', async () => {
      reply = '<html>oops</html>';
      const { out, io } = collector();
      const result = await runCli(['push', '--url', url, '--token', APP.token, 'event', 'subscribe'], io);
      expect(result.code).toBe(1);
      expect(out.stdout).toContain('error: reply_malformed');
    });
  });
});
