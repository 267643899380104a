import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeSignature } from '../../lib/crypto/signature.js';
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

  describe('seeding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wechat-cli-seed-'));
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    const serve = async (...extra: string[]) => {
      const { out, io } = collector();
      const result = await runCli(['--port', '0', '--app-id', 'wxseed', '--app-secret', 'seed-secret', ...extra], io);
      started.push(result);
      return { result, out };
    };

    it('seeds followers and templates from flags', async () => {
      const { result, out } = await serve('--follower', 'oSeedA', '--follower', 'oSeedB', '--template', 'tpl_1=发货通知', '--template', 'tpl_2');
      expect(result.code).toBe(0);
      expect(out.stdout).toContain('seeded 2 followers, 2 templates\n');
      const token = await fetchToken(result.emulator!, { appId: 'wxseed', appSecret: 'seed-secret' });
      expect((await call(result.emulator!, 'GET', '/cgi-bin/user/get', { token })).json.data.openid).toEqual(expect.arrayContaining(['oSeedA', 'oSeedB']));
      const templates = (await call(result.emulator!, 'GET', '/cgi-bin/template/get_all_private_template', { token })).json.template_list;
      expect(templates).toEqual([expect.objectContaining({ template_id: 'tpl_1', title: '发货通知' }), expect.objectContaining({ template_id: 'tpl_2', title: 'tpl_2' })]);
    });

    it('seeds followers with subscribe time, remark and tags, and templates, from a JSON file', async () => {
      const seed = file('seed.json', {
        followers: ['oPlain', { openid: 'oVip', subscribeTime: 1_700_000_000, remark: '老王', tags: ['VIP', '北京'], blacklisted: true }],
        templates: [{ templateId: 'tpl_file', title: '订单通知', content: '{{first.DATA}}' }],
      });
      const { result, out } = await serve('--seed', seed, '--follower', 'oFlag');
      expect(out.stdout).toContain('seeded 3 followers, 1 template\n');
      const emu = result.emulator!;
      const token = await fetchToken(emu, { appId: 'wxseed', appSecret: 'seed-secret' });
      const info = (await call(emu, 'GET', '/cgi-bin/user/info', { token, query: { openid: 'oVip' } })).json;
      expect(info).toMatchObject({ subscribe: 1, subscribe_time: 1_700_000_000, remark: '老王', tagid_list: [100, 101] });
      const tags = (await call(emu, 'GET', '/cgi-bin/tags/get', { token })).json.tags;
      expect(tags).toEqual(expect.arrayContaining([{ id: 100, name: 'VIP', count: 1 }, { id: 101, name: '北京', count: 1 }]));
      expect(emu.blacklist('wxseed')).toEqual(['oVip']);
      expect(emu.followers('wxseed')).toEqual(expect.arrayContaining(['oPlain', 'oVip', 'oFlag']));
    });

    it.each([
      ['not JSON', '{followers:', 'not valid JSON'],
      ['an array', [], 'the file must hold a JSON object'],
      ['a follower without openid', { followers: ['oA', { remark: 'x' }] }, 'followers[1].openid must be a non-empty string'],
      ['tags that are not names', { followers: [{ openid: 'oA', tags: 'VIP' }] }, 'followers[0].tags must be an array of tag names'],
      ['a template without id', { templates: [{ title: 't' }] }, 'templates[0].templateId must be a non-empty string'],
    ])('refuses a seed file that is %s, naming the entry (exit 2)', async (_label, content, message) => {
      const { out, io } = collector();
      const result = await runCli(['--app-id', 'wx1', '--app-secret', 's', '--seed', file('bad.json', content)], io);
      expect(result).toEqual({ code: 2 });
      expect(out.stderr).toContain(message);
    });

    it('refuses a missing seed file', async () => {
      const { out, io } = collector();
      expect(await runCli(['--app-id', 'wx1', '--app-secret', 's', '--seed', join(dir, 'nope.json')], io)).toEqual({ code: 2 });
      expect(out.stderr).toContain('ENOENT');
    });
  });

  describe('handshake and refused pushes', () => {
    let server: Server;
    let url: string;
    let answer: (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => void;
    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => answer(req, res, new URL(req.url ?? '/', 'http://x').searchParams));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    /** An endpoint that checks the signature as the library does and echoes echostr. */
    const verifying = (token: string) => (_req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => {
      const expected = computeSignature([token, q.get('timestamp') ?? '', q.get('nonce') ?? '']);
      if (q.get('signature') !== expected) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        return res.end('{"statusCode":401,"message":"invalid_signature"}');
      }
      res.end(q.get('echostr') ?? '');
    };

    it('passes when the endpoint checks the signature and echoes echostr', async () => {
      answer = verifying(APP.token);
      const { out, io } = collector();
      expect(await runCli(['handshake', '--url', url, '--token', APP.token, '--echostr', 'echo-123'], io)).toEqual({ code: 0 });
      expect(out.stdout).toBe('HTTP 200: echostr echoed, URL verification passes\n');
    });

    it('fails with the status and body when the endpoint refuses (a wrong token)', async () => {
      answer = verifying('another-token');
      const { out, io } = collector();
      expect(await runCli(['handshake', '--url', url, '--token', APP.token], io)).toEqual({ code: 1 });
      expect(out.stdout).toBe('HTTP 401: refused\nbody: "{\\"statusCode\\":401,\\"message\\":\\"invalid_signature\\"}"\n');
    });

    it('fails when the endpoint answers 200 with something else than echostr', async () => {
      answer = (_req, res) => res.end('success');
      const { out, io } = collector();
      expect(await runCli(['handshake', '--url', url, '--token', APP.token, '--echostr', 'e1'], io)).toEqual({ code: 1 });
      expect(out.stdout).toBe('HTTP 200: expected the body to be exactly echostr "e1"\nbody: "success"\n');
    });

    it('reports no answer when nothing listens', async () => {
      const { out, io } = collector();
      expect(await runCli(['handshake', '--url', 'http://127.0.0.1:1/wechat', '--token', 't'], io)).toEqual({ code: 1 });
      expect(out.stdout).toMatch(/^no answer \(ECONNREFUSED\)\n$/);
    });

    it('a refused push prints the status and the body, not "no reply"', async () => {
      answer = (_req, res) => {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end('{"statusCode":401,"message":"invalid_signature"}');
      };
      const { out, io } = collector();
      const result = await runCli(['push', '--url', url, '--token', APP.token, 'text', 'hi'], io);
      expect(result.code).toBe(1);
      expect(out.stdout).toContain('HTTP 401 after 1 delivery\nrefused with HTTP 401; body: "{\\"statusCode\\":401,\\"message\\":\\"invalid_signature\\"}"\n');
      expect(out.stdout).not.toContain('no reply');
    });

    it.each([
      [['handshake', '--token', 't'], '--url is required'],
      [['handshake', '--url', 'http://127.0.0.1:1/w'], '--token is required'],
      [['handshake', '--url', 'http://127.0.0.1:1/w', '--token', 't', '--timeout', 'x'], '--timeout must be an integer'],
    ])('handshake rejects %j with exit code 2', async (argv, message) => {
      const { out, io } = collector();
      expect(await runCli(argv, io)).toEqual({ code: 2 });
      expect(out.stderr).toContain(message);
    });
  });
});
