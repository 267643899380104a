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
    expect(out.stdout).toBe(`WeChat emulator listening on ${result.emulator!.url}\nEmulator page: ${result.emulator!.url}/ui/\n`);
    expect(out.stdout).toMatch(/^WeChat emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const token = await fetchToken(result.emulator!, { appId: 'wxcli', appSecret: 'cli-secret' });
    expect((await call(result.emulator!, 'GET', '/cgi-bin/getcallbackip', { token })).json.ip_list).toEqual(['127.0.0.1']);
  });

  it('--app-url points the page at your app: prints the page URL, and the page pushes there signed in the mode given', async () => {
    const received: { query: URLSearchParams; body: string }[] = [];
    const app: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body });
        res.end('success');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/wechat`;
    try {
      const { out, io } = collector();
      const argv = ['--port', '0', '--app-id', 'wxcli', '--app-secret', 'cli-secret', '--token', 'tok3n', '--aes-key', APP.encodingAESKey];
      const result = await runCli([...argv, '--app-url', appUrl, '--mode', 'compatible', '--format', 'json'], io);
      started.push(result);
      expect(result.code).toBe(0);
      const emulator = result.emulator!;
      expect(out.stdout).toBe(
        `WeChat emulator listening on ${emulator.url}\nEmulator page: ${emulator.url}/ui/\nPushes go to ${appUrl} (compatible, json)\n`,
      );
      const page = await fetch(`${emulator.pageUrl}api/send`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'text', content: 'from the page' }),
      });
      expect(page.status).toBe(200);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const [push] = received;
      expect(push.query.get('encrypt_type')).toBe('aes');
      const body = JSON.parse(push.body) as Record<string, string>;
      expect(body.Content).toBe('from the page');
      expect(new MessageCrypto(APP.encodingAESKey, 'wxcli').decrypt(body.Encrypt)).toContain('"Content":"from the page"');
    } finally {
      await new Promise((r) => app.close(r));
    }
  });

  it.each([
    [['--app-url', 'http://127.0.0.1:3000/wechat'], '--app-url needs --token'],
    [['--token', 't', '--app-url', 'ftp://x'], '--app-url must be an http:// or https:// URL'],
    [['--token', 't', '--mode', 'safe'], '--mode and --format go with --app-url'],
    [['--token', 't', '--app-url', 'http://127.0.0.1:3000/wechat', '--mode', 'safe'], '--mode safe needs --aes-key'],
    [['--token', 't', '--app-url', 'http://127.0.0.1:3000/wechat', '--format', 'yaml'], '--format must be one of xml, json'],
  ])('serve mode refuses %j with exit code 2', async (extra, message) => {
    const { out, io } = collector();
    const result = await runCli(['--port', '0', '--app-id', 'wx1', '--app-secret', 's', ...extra], io);
    started.push(result);
    expect(result.code).toBe(2);
    expect(out.stderr).toContain(message);
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
