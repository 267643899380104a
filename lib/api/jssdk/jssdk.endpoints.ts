import { endpoint } from '../endpoint.js';
import { JssdkMediaQueryDto } from './jssdk.dto.js';
import type { HdVoiceDownload } from './jssdk.types.js';
import { TICKET_ENDPOINTS } from './ticket.endpoints.js';

/** JS-SDK: the tickets `wx.config` and 卡券 sign with, and the high-definition voice download. */
export const JSSDK_ENDPOINTS = {
  ...TICKET_ENDPOINTS,
  /** `wx.uploadVoice`'s serverId → the voice as 16 kHz speex (`voice/speex`). */
  mediaGetJssdk: endpoint<HdVoiceDownload>()({
    title: '获取高清语音素材', method: 'GET', path: '/cgi-bin/media/get/jssdk', kind: 'read', request: JssdkMediaQueryDto,
    response: 'binary', doc: 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html',
  }),
} as const;
