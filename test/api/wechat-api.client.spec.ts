import type { WechatHttpClient } from '../../lib/api/transport/http-client.js';
import { httpServiceOn } from '../support/http-service.js';
import axios from 'axios';
import { inspect } from 'node:util';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { WechatApiClient } from '../../lib/api/wechat-api.client.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatTransportError } from '../../lib/errors/wechat-transport.error.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import { APP, FAST_RETRY, accountFor, json, newClient, startStub } from './api-test-kit.js';

const TOKEN = 'stub-access-token-0123456789';

/** Answers the token endpoints, then delegates. */
function withToken(rest: Parameters<typeof startStub>[0]): Parameters<typeof startStub>[0] {
  return (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/cgi-bin/stable_token' || path === '/cgi-bin/token') return json(res, { access_token: TOKEN, expires_in: 7200 });
    rest(req, body, res);
  };
}

function expectNoSecret(error: unknown): void {
  const dump = `${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
  expect(dump).not.toContain(TOKEN);
  expect(dump).not.toContain(APP.appSecret);
}

describe('WechatApiClient', () => {
  it('adds the access_token, sends JSON as UTF-8 without \\u escapes, and parses JSON labelled text/plain', async () => {
    const stub = await startStub(withToken((_req, _body, res) => json(res, { ip_list: ['1.1.1.1'] }, 'text/plain')));
    try {
      const { client } = newClient(stub.url);
      await expect(client.call(ENDPOINTS.getCallbackIp)).resolves.toEqual({ ip_list: ['1.1.1.1'] });
      await client.call(ENDPOINTS.menuTryMatch, { user_id: '用户' });
      const [tokenHit, ipHit, postHit] = stub.hits;
      expect(JSON.parse(tokenHit.body.toString())).toEqual({
        grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, force_refresh: false,
      });
      expect(ipHit.query.get('access_token')).toBe(TOKEN);
      expect(postHit.headers['content-type']).toContain('application/json');
      expect(postHit.body.toString('utf8')).toBe('{"user_id":"用户"}');
    } finally {
      await stub.stop();
    }
  });

  it('turns errcode ≠ 0 into WechatApiError with path, rid and explanation, and no token in it', async () => {
    const stub = await startStub(
      withToken((_req, _body, res) => json(res, { errcode: 48001, errmsg: 'api unauthorized rid: 6412a3f1-2c3b4d5e-0a1b2c3d' })),
    );
    try {
      const { client } = newClient(stub.url);
      const error = await client.call(ENDPOINTS.menuGet).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatApiError);
      const apiError = error as WechatApiError;
      expect(apiError).toMatchObject({ code: 'WECHAT_API_ERROR', errcode: 48001, path: '/cgi-bin/menu/get', rid: '6412a3f1-2c3b4d5e-0a1b2c3d' });
      expect(apiError.errmsg).toContain('api unauthorized');
      expect(apiError.explanation?.zh).toContain('未授权');
      expect(apiError.message).toContain('48001');
      expect(apiError.message).toContain('/cgi-bin/menu/get');
      expectNoSecret(error);
      expect(stub.hits.filter((h) => h.path === '/cgi-bin/menu/get')).toHaveLength(1);
    } finally {
      await stub.stop();
    }
  });

  it('downloads files, and still throws WechatApiError for a JSON error answered with 200', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7b, 0x00]);
    const stub = await startStub(
      withToken((req, _body, res) => {
        const id = new URL(req.url ?? '/', 'http://x').searchParams.get('media_id');
        if (id === 'file') {
          res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="abc.png"' });
          return res.end(png);
        }
        if (id === 'video') return json(res, { video_url: 'http://example.invalid/v.mp4' }, 'text/plain');
        json(res, { errcode: 40007, errmsg: 'invalid media_id' }, 'text/plain');
      }),
    );
    try {
      const { client } = newClient(stub.url);
      const file = await client.call(ENDPOINTS.mediaGet, { media_id: 'file' });
      expect(file).toEqual({ kind: 'file', file: { data: png, contentType: 'image/png', fileName: 'abc.png' } });
      await expect(client.call(ENDPOINTS.mediaGet, { media_id: 'video' })).resolves.toEqual({
        kind: 'json',
        json: { video_url: 'http://example.invalid/v.mp4' },
      });
      await expect(client.call(ENDPOINTS.mediaGet, { media_id: 'nope' })).rejects.toMatchObject({
        errcode: 40007,
        path: '/cgi-bin/media/get',
      });
    } finally {
      await stub.stop();
    }
  });

  it('sends multipart bodies with the file and the extra fields', async () => {
    const stub = await startStub(withToken((_req, _body, res) => json(res, { media_id: 'm1' })));
    try {
      const { client } = newClient(stub.url);
      await client.call(ENDPOINTS.materialAdd, {
        type: 'video',
        media: { data: Buffer.from('fake-mp4-bytes'), fileName: 'clip.mp4', contentType: 'video/mp4' },
        description: { title: '标题', introduction: 'intro' },
      });
      const hit = stub.hits.find((h) => h.path === '/cgi-bin/material/add_material')!;
      expect(hit.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      const text = hit.body.toString('utf8');
      expect(text).toContain('name="media"; filename="clip.mp4"');
      expect(text).toContain('Content-Type: video/mp4');
      expect(text).toContain('fake-mp4-bytes');
      expect(text).toContain('name="description"');
      expect(text).toContain('"title":"标题"');
      expect(hit.query.get('type')).toBe('video');
    } finally {
      await stub.stop();
    }
  });

  it('reports a 4xx page as http_status and a non-JSON 200 as bad_response, without repeating either', async () => {
    const stub = await startStub(
      withToken((req, _body, res) => {
        if (req.url?.startsWith('/cgi-bin/menu/get')) {
          res.writeHead(404, { 'Content-Type': 'text/html' });
          return res.end('<html>not found</html>');
        }
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>proxy login</html>');
      }),
    );
    try {
      const { client } = newClient(stub.url);
      await expect(client.call(ENDPOINTS.menuGet)).rejects.toMatchObject({ reason: 'http_status', status: 404 });
      await expect(client.call(ENDPOINTS.materialCount)).rejects.toMatchObject({ reason: 'bad_response' });
      expect(stub.hits.filter((h) => h.path !== '/cgi-bin/stable_token')).toHaveLength(2);
    } finally {
      await stub.stop();
    }
  });

  it('repeats a refused connection even for a send (it never reached WeChat), within the attempt bound', async () => {
    const stub = await startStub(() => undefined);
    const url = stub.url;
    await stub.stop(); // nothing listens on that port any more
    const instance = axios.create();
    let requests = 0;
    instance.interceptors.request.use((config) => {
      requests++;
      return config;
    });
    const store = new MemoryTokenStore();
    await store.set(APP.appId, { accessToken: TOKEN, expiresAt: Date.now() + 7_200_000 });
    // An @nestjs/axios HttpService works as well as a bare axios instance: the client sends with its axiosRef.
    const client = new WechatApiClient(accountFor(url), httpServiceOn(instance) as unknown as WechatHttpClient, store, { retry: FAST_RETRY });
    const error = await client.call(ENDPOINTS.customSend, { touser: 'oUser', msgtype: 'text', text: { content: 'hi' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatTransportError);
    expect(error).toMatchObject({ reason: 'connect', networkCode: 'ECONNREFUSED', mayHaveReachedServer: false });
    expect(requests).toBe(FAST_RETRY.attempts);
    expectNoSecret(error);
  });

  it('times out a silent upstream with reason "timeout" and keeps the secret out of the error (classic token in the URL)', async () => {
    const stub = await startStub(() => undefined); // never answers
    try {
      const { client } = newClient(stub.url, {
        account: { apiTimeoutMs: 150, tokenEndpoint: 'classic' },
        client: { retry: { attempts: 1 } },
      });
      const started = Date.now();
      const error = await client.call(ENDPOINTS.getCallbackIp).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(error).toBeInstanceOf(WechatTransportError);
      expect(error).toMatchObject({ reason: 'timeout', path: '/cgi-bin/token', mayHaveReachedServer: true });
      expect(stub.hits[0].query.get('secret')).toBe(APP.appSecret); // it was in the URL...
      expectNoSecret(error); // ...and is in no part of the error
    } finally {
      await stub.stop();
    }
  });

  it('builds URLs of token-less endpoints with the query encoded, on the mp host', () => {
    const { client } = newClient('http://127.0.0.1:9', { client: { mpBaseUrl: 'http://127.0.0.1:8/' } });
    expect(client.urlOf(ENDPOINTS.showQrcode, { ticket: 'gQH+/8=' })).toBe('http://127.0.0.1:8/cgi-bin/showqrcode?ticket=gQH%2B%2F8%3D');
    const real = new WechatApiClient(accountFor('https://api.weixin.qq.com'), axios.create(), new MemoryTokenStore());
    expect(real.urlOf(ENDPOINTS.showQrcode, { ticket: 'T' })).toBe('https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=T');
    const emulated = new WechatApiClient(accountFor('http://127.0.0.1:7'), axios.create(), new MemoryTokenStore());
    expect(emulated.urlOf(ENDPOINTS.showQrcode, { ticket: 'T' })).toBe('http://127.0.0.1:7/cgi-bin/showqrcode?ticket=T');
  });
});
