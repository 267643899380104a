import { WechatEmulator } from '../../lib/testing/index.js';
import { pinMidQuotaPeriod } from '../support/quota-clock.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const OTHER = { appId: 'wx0000000000000002', appSecret: 'app-secret-two' };

describe('emulator: access tokens', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, accounts: [OTHER] });
    pinMidQuotaPeriod(emu.clock); // forced refreshes count per CST day
  });
  afterEach(() => emu.stop());

  const menuGet = (token: string) => call(emu, 'GET', '/cgi-bin/get_current_selfmenu_info', { token });
  const stable = (body: Record<string, unknown>) =>
    call(emu, 'POST', '/cgi-bin/stable_token', {
      json: { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, ...body },
    });

  describe('/cgi-bin/token', () => {
    it('issues a token valid for 7200 s', async () => {
      const res = await call(emu, 'GET', '/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      expect(res.json.access_token.length).toBeGreaterThan(100);
      expect(emu.tokenFetches()).toBe(1);
      expect((await menuGet(res.json.access_token)).json).toEqual({ is_menu_open: 0 });
    });

    it('issues a new token on every call; the previous one works 5 more minutes, then fails with 40001', async () => {
      const first = await fetchToken(emu);
      const second = await fetchToken(emu);
      expect(second).not.toBe(first);
      expect(emu.tokenFetches(APP.appId)).toBe(2);
      emu.clock.advance(299);
      expect((await menuGet(first)).json.is_menu_open).toBe(0);
      emu.clock.advance(1);
      expectError(await menuGet(first), 40001, 'invalid credential, access_token is invalid or not latest');
      expect((await menuGet(second)).json.is_menu_open).toBe(0);
    });

    it('only the immediately previous token gets the overlap', async () => {
      const first = await fetchToken(emu);
      emu.clock.advance(60);
      await fetchToken(emu);
      emu.clock.advance(60);
      await fetchToken(emu);
      // first was superseded at 60 s, so it dies at 360 s whatever came later
      emu.clock.advance(239);
      expect((await menuGet(first)).json.is_menu_open).toBe(0);
      emu.clock.advance(1);
      expectError(await menuGet(first), 40001);
    });

    it('fails with 42001 once 7200 s have passed', async () => {
      const token = await fetchToken(emu);
      emu.clock.advance(7199);
      expect((await menuGet(token)).json.is_menu_open).toBe(0);
      emu.clock.advance(1);
      expectError(await menuGet(token), 42001, 'access_token expired');
    });

    it.each([
      ['wrong secret', { grant_type: 'client_credential', appid: APP.appId, secret: 'nope' }, 40125, 'invalid appsecret'],
      ['unknown appid', { grant_type: 'client_credential', appid: 'wx404', secret: 'x' }, 40013, 'invalid appid'],
      ['bad grant_type', { grant_type: 'password', appid: APP.appId, secret: APP.appSecret }, 40002, 'invalid grant_type'],
      ['no grant_type', { appid: APP.appId, secret: APP.appSecret }, 40002, 'invalid grant_type'],
      ['no appid', { grant_type: 'client_credential', secret: APP.appSecret }, 41002, 'appid missing'],
      ['no secret', { grant_type: 'client_credential', appid: APP.appId }, 41004, 'appsecret missing'],
      ["another account's secret", { grant_type: 'client_credential', appid: APP.appId, secret: OTHER.appSecret }, 40125, 'invalid appsecret'],
    ])('%s → %i', async (_name, query, errcode, errmsg) => {
      expectError(await call(emu, 'GET', '/cgi-bin/token', { query }), errcode, errmsg);
      expect(emu.tokenFetches()).toBe(0);
    });

    it('keeps accounts apart: a new token for one account leaves the other untouched', async () => {
      const mine = await fetchToken(emu);
      await fetchToken(emu, OTHER);
      emu.clock.advance(301);
      expect((await menuGet(mine)).json.is_menu_open).toBe(0);
      expect(emu.tokenFetches(OTHER.appId)).toBe(1);
    });

    it('answers 43002-style refusal for POST and never logs the secret', async () => {
      await fetchToken(emu);
      const logged = emu.requests.at(-1)!;
      expect(logged.query).toEqual({ grant_type: 'client_credential', appid: APP.appId, secret: '***' });
      expect(JSON.stringify(emu.requests)).not.toContain(APP.appSecret);
      expectError(await call(emu, 'POST', '/cgi-bin/token', { query: { grant_type: 'client_credential' } }), 43001, 'require GET method');
    });
  });

  describe('/cgi-bin/stable_token', () => {
    it('returns the same token while more than 5 minutes are left, with the remaining expires_in', async () => {
      const a = await stable({});
      expect(a.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      emu.clock.advance(1000);
      const b = await stable({ force_refresh: false });
      expect(b.json).toEqual({ access_token: a.json.access_token, expires_in: 6200 });
      expect(emu.tokenFetches()).toBe(1);
    });

    it('is isolated from classic tokens', async () => {
      const s = (await stable({})).json.access_token;
      const c = await fetchToken(emu);
      await fetchToken(emu);
      emu.clock.advance(400);
      expect((await menuGet(s)).json.is_menu_open).toBe(0);
      expectError(await menuGet(c), 40001);
    });

    it('issues a new token in the last 5 minutes; the old one lives out its time, then 42001', async () => {
      const a = (await stable({})).json.access_token;
      emu.clock.advance(7200 - 300);
      const b = await stable({});
      expect(b.json.access_token).not.toBe(a);
      expect(b.json.expires_in).toBe(7200);
      emu.clock.advance(299);
      expect((await menuGet(a)).json.is_menu_open).toBe(0);
      emu.clock.advance(1);
      expectError(await menuGet(a), 42001);
    });

    it('force_refresh issues a new token; the old one overlaps 5 minutes; a second force 30 s later kills it', async () => {
      const leaked = (await stable({})).json.access_token;
      const n1 = (await stable({ force_refresh: true })).json.access_token;
      expect(n1).not.toBe(leaked);
      expect((await menuGet(leaked)).json.is_menu_open).toBe(0);
      emu.clock.advance(10);
      // within 30 s a forced call does not refresh
      expect((await stable({ force_refresh: true })).json.access_token).toBe(n1);
      emu.clock.advance(20);
      const n2 = (await stable({ force_refresh: true })).json.access_token;
      expect(n2).not.toBe(n1);
      expectError(await menuGet(leaked), 40001);
      expect((await menuGet(n1)).json.is_menu_open).toBe(0);
      expect(emu.tokenFetches()).toBe(3);
    });

    it('allows 20 forced refreshes a day (45009 after), and a new day resets the count', async () => {
      for (let i = 0; i < 20; i++) {
        expect((await stable({ force_refresh: true })).json.expires_in).toBe(7200);
        emu.clock.advance(30);
      }
      expectError(await stable({ force_refresh: true }), 45009, 'reach max api daily quota limit');
      emu.clock.advance(86_400);
      expect((await stable({ force_refresh: true })).json.expires_in).toBe(7200);
    });

    it.each([
      ['wrong secret', { secret: 'nope' }, 40125],
      ['unknown appid', { appid: 'wx404' }, 40013],
      ['bad grant_type', { grant_type: 'x' }, 40002],
      ['no appid', { appid: undefined }, 41002],
      ['no secret', { secret: '' }, 41004],
      ['non-boolean force_refresh', { force_refresh: 'yes' }, 40097],
    ])('%s → %i', async (_name, patch, errcode) => {
      expectError(await stable(patch), errcode);
    });

    it('needs POST and a JSON object body', async () => {
      expectError(await call(emu, 'GET', '/cgi-bin/stable_token'), 43002, 'require POST method');
      expectError(await call(emu, 'POST', '/cgi-bin/stable_token', { raw: '' }), 44002, 'empty post data');
      expectError(await call(emu, 'POST', '/cgi-bin/stable_token', { raw: '{not json' }), 47001, 'data format error');
      expectError(await call(emu, 'POST', '/cgi-bin/stable_token', { raw: '[1]' }), 47001);
    });

    it('redacts the secret in the request log', async () => {
      await stable({});
      expect(emu.requests.at(-1)!.body).toEqual({ grant_type: 'client_credential', appid: APP.appId, secret: '***' });
    });
  });

  describe('access_token checks', () => {
    it('41001 without a token, 40001 with an unknown one', async () => {
      expectError(await call(emu, 'GET', '/cgi-bin/getcallbackip'), 41001, 'access_token missing');
      expectError(await call(emu, 'GET', '/cgi-bin/getcallbackip', { token: 'forged' }), 40001);
    });

    it('revokeTokens() makes every live token fail with 40001', async () => {
      const classic = await fetchToken(emu);
      const stableToken = (await stable({})).json.access_token;
      const other = await fetchToken(emu, OTHER);
      emu.revokeTokens(APP.appId);
      expectError(await menuGet(classic), 40001);
      expectError(await menuGet(stableToken), 40001);
      expect((await menuGet(other)).json.is_menu_open).toBe(0);
      // a stable call after a revoke hands out a fresh token
      const fresh = (await stable({})).json.access_token;
      expect(fresh).not.toBe(stableToken);
      expect((await menuGet(fresh)).json.is_menu_open).toBe(0);
    });

    it('logs the token redacted and names the account', async () => {
      const token = await fetchToken(emu);
      await menuGet(token);
      const logged = emu.requests.at(-1)!;
      expect(logged).toMatchObject({ path: '/cgi-bin/get_current_selfmenu_info', appId: APP.appId, status: 200, errcode: 0 });
      expect(logged.query.access_token).toBe('***');
      expect(JSON.stringify(emu.requests)).not.toContain(token);
    });
  });

  describe('IP whitelist', () => {
    it('answers 40164 naming the caller when it is not whitelisted', async () => {
      const strict = await WechatEmulator.start({ ...APP, ipWhitelist: ['10.0.0.1'] });
      try {
        const res = await call(strict, 'GET', '/cgi-bin/token', {
          query: { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret },
        });
        expectError(res, 40164, 'invalid ip 127.0.0.1, not in whitelist');
      } finally {
        await strict.stop();
      }
    });
  });
});
