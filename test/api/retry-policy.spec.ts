import { backoffDelayMs, isRepeatable, DEFAULT_RETRY } from '../../lib/api/retry-policy.js';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatTransportError } from '../../lib/errors/wechat-transport.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

describe('backoffDelayMs', () => {
  it('doubles from the base delay, jitters within the upper half, and stops at the cap', () => {
    const options = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelayMs(1, options, () => 0)).toBe(50);
    expect(backoffDelayMs(1, options, () => 1)).toBe(100);
    expect(backoffDelayMs(2, options, () => 1)).toBe(200);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(300);
    expect(backoffDelayMs(9, options, () => 1)).toBe(1_000);
    expect(DEFAULT_RETRY).toEqual({ attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 });
  });
});

describe('isRepeatable', () => {
  const read = ENDPOINTS.menuGet;
  const send = ENDPOINTS.templateSend;
  const transport = (reason: WechatTransportError['reason'], status?: number) =>
    new WechatTransportError(reason, '/p', 'x', status);
  const api = (errcode: number) => new WechatApiError(errcode, 'm', '/p', undefined, undefined);

  it.each([
    ['read, timeout', true, read, transport('timeout')],
    ['read, reset', true, read, transport('network')],
    ['read, HTTP 503', true, read, transport('http_status', 503)],
    ['read, HTTP 404', false, read, transport('http_status', 404)],
    ['read, bad response', false, read, transport('bad_response')],
    ['read, errcode -1', true, read, api(-1)],
    ['read, errcode 45009', false, read, api(45009)],
    ['read, connection refused', true, read, transport('connect')],
    ['send, timeout', false, send, transport('timeout')],
    ['send, reset', false, send, transport('network')],
    ['send, HTTP 503', false, send, transport('http_status', 503)],
    ['send, errcode -1', false, send, api(-1)],
    ['send, connection refused', true, send, transport('connect')],
    ['any, a plain Error', false, read, new Error('bug')],
  ])('%s → repeatable: %s', (_label, expected, endpoint, error) => {
    expect(isRepeatable(endpoint, error)).toBe(expected);
  });
});

describe('retries against the emulator', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
  });
  afterEach(async () => {
    emu.faults.clear();
    await emu.stop();
  });
  const calls = (path: string) => emu.requests.filter((r) => r.path === path);

  it('a read answered errcode -1 twice is retried and succeeds', async () => {
    const { client } = newClient(emu.url);
    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'errcode', errcode: -1, times: 2 });
    await expect(client.call(ENDPOINTS.getCallbackIp)).resolves.toHaveProperty('ip_list');
    expect(calls('/cgi-bin/getcallbackip').map((r) => r.errcode)).toEqual([-1, -1, 0]);
  });

  it('a read answered HTTP 503 is retried and succeeds', async () => {
    const { client } = newClient(emu.url);
    emu.faults.inject({ path: '/cgi-bin/get_api_domain_ip', kind: 'http5xx', status: 503, times: 1 });
    await expect(client.call(ENDPOINTS.getApiDomainIp)).resolves.toHaveProperty('ip_list');
    expect(calls('/cgi-bin/get_api_domain_ip').map((r) => r.status)).toEqual([503, 200]);
  });

  it('a read whose connection is reset is retried and succeeds', async () => {
    const { client } = newClient(emu.url);
    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'reset', times: 1 });
    await expect(client.call(ENDPOINTS.getCallbackIp)).resolves.toHaveProperty('ip_list');
    expect(calls('/cgi-bin/getcallbackip')).toHaveLength(2);
  });

  it('a read failing every time gives up after the attempt bound with the last error', async () => {
    const { client } = newClient(emu.url);
    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'errcode', errcode: -1 });
    await expect(client.call(ENDPOINTS.getCallbackIp)).rejects.toMatchObject({ errcode: -1, explanation: { en: expect.stringContaining('busy') } });
    expect(calls('/cgi-bin/getcallbackip')).toHaveLength(3);
  });

  it.each([
    ['errcode -1', { kind: 'errcode' as const, errcode: -1 }, { errcode: -1 }],
    ['HTTP 502', { kind: 'http5xx' as const, status: 502 }, { reason: 'http_status', status: 502 }],
    ['a reset connection', { kind: 'reset' as const }, { reason: 'network' }],
  ])('a send met with %s is not sent again and the error surfaces', async (_label, fault, expected) => {
    const { client } = newClient(emu.url);
    await client.token.getAccessToken();
    emu.faults.inject({ path: '/cgi-bin/menu/create', times: 1, ...fault });
    const body = { button: [{ type: 'click' as const, name: 'A', key: 'K' }] };
    await expect(client.call(ENDPOINTS.menuCreate, body)).rejects.toMatchObject(expected);
    expect(calls('/cgi-bin/menu/create')).toHaveLength(1);
    expect(emu.menu()).toBeNull();
  });

  it('a slow upstream fails with the timeout error (and a send is not repeated after it)', async () => {
    const { client, sent } = newClient(emu.url, { account: { apiTimeoutMs: 150 } });
    await client.token.getAccessToken();
    emu.faults.inject({ path: '/cgi-bin/menu/create', kind: 'delay', delayMs: 400 });
    const body = { button: [{ type: 'click' as const, name: 'A', key: 'K' }] };
    const error = await client.call(ENDPOINTS.menuCreate, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatTransportError);
    expect(error).toMatchObject({ reason: 'timeout', path: '/cgi-bin/menu/create' });
    expect((error as Error).message).toContain('150 ms');
    expect(sent.filter((r) => r === 'POST /cgi-bin/menu/create')).toHaveLength(1);
  });

  it('a slow read is retried until the bound, then fails with the timeout error', async () => {
    const { client, sent } = newClient(emu.url, { account: { apiTimeoutMs: 100 } });
    await client.token.getAccessToken();
    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'delay', delayMs: 1_000 });
    const started = Date.now();
    await expect(client.call(ENDPOINTS.getCallbackIp)).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sent.filter((r) => r === 'GET /cgi-bin/getcallbackip')).toHaveLength(3);
  });

  it('a send refused for its token is sent once more with a fresh token (it was refused, not delivered)', async () => {
    const { client } = newClient(emu.url);
    await client.token.getAccessToken();
    emu.revokeTokens();
    const body = { button: [{ type: 'click' as const, name: 'A', key: 'K' }] };
    await client.call(ENDPOINTS.menuCreate, body);
    expect(calls('/cgi-bin/menu/create').map((r) => r.errcode)).toEqual([40001, 0]);
    expect(emu.menu()).toMatchObject({ button: [{ type: 'click', name: 'A', key: 'K' }] });
  });
});
