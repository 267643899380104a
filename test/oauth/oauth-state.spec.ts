import { jest } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { CookieOAuthSessionStore, type OAuthHttpContext } from '../../lib/oauth/oauth-session.store.js';
import { STATE_TTL_SECONDS, createState, readState } from '../../lib/oauth/oauth-state.js';
import type { WechatOAuthUser } from '../../lib/api/oauth/oauth.types.js';

const key = randomBytes(32);

describe('OAuth state (HMAC, bound to a nonce)', () => {
  it('is 57 letters and digits (within WeChat\'s 128) and reads back its nonce and attempt', () => {
    const { state, nonce } = createState(key, 2);
    expect(state).toMatch(/^[0-9a-f]{57}$/);
    expect(readState(key, state)).toEqual({ ok: true, nonce, attempt: 2, expired: false });
  });

  it('expires after STATE_TTL_SECONDS', () => {
    const issued = Date.now() - (STATE_TTL_SECONDS + 5) * 1000;
    const { state } = createState(key, 1, issued);
    expect(readState(key, state)).toMatchObject({ ok: true, expired: true });
  });

  it('refuses another key and any single-character change (property; fast-check prints the seed on failure)', () => {
    const { state } = createState(key, 1);
    expect(readState(randomBytes(32), state)).toEqual({ ok: false });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 56 }), fc.constantFrom(...'0123456789abcdef'), (index, char) => {
        fc.pre(state[index] !== char);
        const altered = state.slice(0, index) + char + state.slice(index + 1);
        return readState(key, altered).ok === false;
      }),
      { numRuns: 300 },
    );
  });
});

describe('CookieOAuthSessionStore (signed cookie)', () => {
  const user: WechatOAuthUser = { openid: 'oCookieUser', scope: 'snsapi_base', isSnapshotUser: false, loggedInAt: 1 };
  const context = (appId: string, jar: Map<string, string>, signingKey = key): OAuthHttpContext => ({
    request: {},
    appId,
    signingKey,
    cookie: (name) => jar.get(name),
    setCookie: (name, value) => void jar.set(name, value),
  });

  it('round-trips the user; another account, another key, or an altered cookie reads as no login', () => {
    const store = new CookieOAuthSessionStore({ ttlSeconds: 60 });
    const jar = new Map<string, string>();
    store.save(context('wxA', jar), user);
    expect(store.load(context('wxA', jar))).toEqual(user);
    expect(store.load(context('wxB', jar))).toBeNull();
    expect(store.load(context('wxA', jar, randomBytes(32)))).toBeNull();
    const [payload, mac] = jar.get('wechat_oauth')!.split('.');
    jar.set('wechat_oauth', `${payload}x.${mac}`);
    expect(store.load(context('wxA', jar))).toBeNull();
    jar.set('wechat_oauth', 'garbage');
    expect(store.load(context('wxA', jar))).toBeNull();
  });

  it('forgets a login after ttlSeconds', () => {
    const store = new CookieOAuthSessionStore({ ttlSeconds: 60 });
    const jar = new Map<string, string>();
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      store.save(context('wxA', jar), user);
      spy.mockReturnValue(now + 59_000);
      expect(store.load(context('wxA', jar))).not.toBeNull();
      spy.mockReturnValue(now + 61_000);
      expect(store.load(context('wxA', jar))).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
