import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { OAuthUser, WechatMpModule, WechatOAuth, type WechatOAuthUser } from '../../lib/index.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { LogCapture } from '../support/log-capture.js';

const account = { appId: 'wxoauthguard000001', appSecret: 'oauth-guard-app-secret-000', token: 'oauthguardtoken' };

@Controller('h5')
class PagesController {
  @Get('me')
  @WechatOAuth()
  me(@OAuthUser() user: WechatOAuthUser): { openid: string; scope: string } {
    return { openid: user.openid, scope: user.scope };
  }

  @Get('real-users-only')
  @WechatOAuth({ refuseSnapshotUsers: true })
  realOnly(@OAuthUser() user: WechatOAuthUser): string {
    return user.openid;
  }
}

/** Follows redirects by hand with a cookie jar; returns the final response. */
async function browse(url: string, jar: Map<string, string>): Promise<Response> {
  for (let i = 0; i < 6; i++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (/Max-Age=0/.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    if (res.status !== 302) return res;
    // oauthBaseUrl names the emulator as `localhost`; reach it on 127.0.0.1 (localhost may resolve to ::1).
    url = new URL(res.headers.get('location')!.replace(/#wechat_redirect$/, '').replace('//localhost:', '//127.0.0.1:'), url).toString();
  }
  throw new Error('too many redirects');
}

describe.each(['express', 'fastify'] as const)('@WechatOAuth() guard (%s, snsapi_base, oauthBaseUrl option)', (adapter) => {
  let emulator: WechatEmulator;
  let app: INestApplication;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    emulator = await WechatEmulator.start({ ...account, followers: ['oGuardUser'] });
    const moduleRef = await Test.createTestingModule({
      imports: [
        WechatMpModule.forRoot({
          ...account,
          apiBaseUrl: emulator.url,
          // The authorize page on another host than the API (as open.weixin.qq.com is): the same emulator by name.
          oauthBaseUrl: emulator.url.replace('127.0.0.1', 'localhost'),
          path: false,
        }),
      ],
      controllers: [PagesController],
    }).compile();
    app = adapter === 'fastify' ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: logs }) : moduleRef.createNestApplication({ logger: logs });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('redirects to the oauthBaseUrl host with a nonce cookie', async () => {
    const res = await fetch(`${base}/h5/me`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const host = emulator.url.replace('127.0.0.1', 'localhost');
    expect(res.headers.get('location')).toMatch(new RegExp(`^${host}/connect/oauth2/authorize\\?appid=${account.appId}&redirect_uri=`));
    expect(res.headers.getSetCookie().join('\n')).toMatch(/^wechat_oauth_nonce=[0-9a-f]{16}; Path=\/; Max-Age=600; SameSite=Lax; HttpOnly$/);
  });

  it('logs a snsapi_base visitor in silently and hands the handler the typed user', async () => {
    emulator.setOAuthVisitor('oGuardUser');
    const res = await browse(`${base}/h5/me`, new Map());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ openid: 'oGuardUser', scope: 'snsapi_base' });
  });

  it('refuses 快照页 virtual users where asked (403), lets them through flagged elsewhere', async () => {
    emulator.setOAuthVisitor('oVirtualUser', { snapshotUser: true });
    try {
      const refused = await browse(`${base}/h5/real-users-only`, new Map());
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toContain('快照页');
      const allowed = await browse(`${base}/h5/me`, new Map());
      expect(allowed.status).toBe(200);
    } finally {
      emulator.setOAuthVisitor('oGuardUser');
    }
  });

  it('a visitor who refused on the consent page (state but no code) gets a 403, not a loop', async () => {
    const res = await fetch(`${base}/h5/me?state=abc`, { redirect: 'manual' });
    expect(res.status).toBe(403);
  });
});
