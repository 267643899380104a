import { BadRequestException, Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { JssdkService, OAuthUser, WechatOAuth, WechatValidationError, type WechatOAuthUser, type WxConfig } from 'nestjs-wechat-mp';
import { SamplePlatform } from './sample-platform.js';

/** H5 pages opened inside WeChat: the OAuth2 login (网页授权) and the JS-SDK config. */
@Controller('h5')
export class SampleH5Controller {
  constructor(
    private readonly jssdk: JssdkService,
    @Inject(SamplePlatform) private readonly platform: SamplePlatform,
  ) {}

  /** Signed-in visitors only: unknown ones are sent through WeChat's authorize page and back. */
  @Get('profile')
  @WechatOAuth({ scope: 'snsapi_userinfo' })
  @Header('Content-Type', 'text/html; charset=utf-8')
  profile(@OAuthUser() user: WechatOAuthUser): string {
    const nickname = user.nickname ?? '';
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>我的资料</title></head><body><main>
<h1>你好，<span id="nickname">${escapeHtml(nickname)}</span></h1>
<p>openid: <code id="openid">${escapeHtml(user.openid)}</code></p>
${user.isSnapshotUser ? '<p role="alert">快照页用户：请在微信中打开</p>' : ''}
<p id="wx-config-status" role="status">wx.config …</p>
</main>
<script src="${escapeHtml(this.platform.jweixinUrl)}"></script>
<script>
fetch('/h5/jssdk-config?url=' + encodeURIComponent(location.href))
  .then(function (r) { return r.json(); })
  .then(function (config) { wx.config(config); });
wx.ready(function () { document.getElementById('wx-config-status').textContent = 'wx.config: ok'; });
wx.error(function (res) { document.getElementById('wx-config-status').textContent = 'wx.config: ' + res.errMsg; });
</script></body></html>`;
  }

  /** The `wx.config` object for the page at `url` (pass `location.href`; its #fragment is not signed). */
  @Get('jssdk-config')
  async jssdkConfig(@Query('url') url: string): Promise<WxConfig> {
    try {
      return await this.jssdk.buildConfig({ url, jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseImage'] });
    } catch (error) {
      // A bad `url` is the caller's mistake: 400 naming the field, not a 500.
      if (error instanceof WechatValidationError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
