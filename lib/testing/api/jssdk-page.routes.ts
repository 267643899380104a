import { checkWxConfig } from '../jssdk/jssdk-verifier.js';
import { JSSDK_VERIFY_PATH, JWEIXIN_PATH, JWEIXIN_SCRIPT } from '../jssdk/jweixin-script.js';
import { PageBody, type EmulatorRoute } from '../route.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html';
/** Pages on any origin load the script and call the check. */
const CORS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

/** The emulator's own browser-side pieces (not WeChat APIs): the jweixin stand-in and its signature check. */
export const JSSDK_PAGE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: JWEIXIN_PATH,
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler: () => new PageBody(200, 'application/javascript; charset=utf-8', JWEIXIN_SCRIPT, CORS),
  },
  {
    method: 'GET',
    path: JSSDK_VERIFY_PATH,
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const q = ctx.query;
      const get = (name: string) => q.get(name) ?? '';
      const appId = get('appId');
      const account = ctx.core.account(appId);
      if (account) ctx.setAppId(appId);
      const input = { appId, timestamp: get('timestamp'), nonceStr: get('nonceStr'), signature: get('signature'), href: get('href') };
      const result = checkWxConfig(account, input, ctx.core.clock.now());
      return new PageBody(200, 'application/json; charset=utf-8', JSON.stringify(result), CORS);
    },
  },
];
