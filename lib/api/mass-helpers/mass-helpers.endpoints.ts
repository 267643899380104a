import { endpoint } from '../endpoint.js';
import { MassNewsUploadDto, MassSpeedDto, MassVideoUploadDto } from './mass-helpers.dto.js';
import type { MassMediaResult, MassSpeedResult } from './mass-helpers.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html';

/** What a mass send needs besides the send itself: its mpnews/mpvideo media and its speed. */
export const MASS_HELPER_ENDPOINTS = {
  /** @deprecated The docs say 该能力已更新为草稿箱: use `draftAdd` and mass-send the draft's media_id as mpnews. */
  massUploadNews: endpoint<MassMediaResult>()({
    title: '上传图文消息素材', method: 'POST', path: '/cgi-bin/media/uploadnews', kind: 'send', request: MassNewsUploadDto,
    response: 'json', expect: ['media_id'], doc: DOC,
    deprecated: 'the docs say 该能力已更新为草稿箱: create the articles with draft/add (DraftService.add) and mass-send its media_id as mpnews',
  }),
  massUploadVideo: endpoint<MassMediaResult>()({
    title: '上传群发视频', method: 'POST', path: '/cgi-bin/media/uploadvideo', kind: 'send', request: MassVideoUploadDto,
    response: 'json', expect: ['media_id'], doc: DOC,
  }),
  massSpeedGet: endpoint<MassSpeedResult>()({
    title: '获取群发速度', method: 'POST', path: '/cgi-bin/message/mass/speed/get', kind: 'read', response: 'json',
    expect: ['speed'], doc: DOC,
  }),
  massSpeedSet: endpoint()({
    title: '设置群发速度', method: 'POST', path: '/cgi-bin/message/mass/speed/set', kind: 'read', request: MassSpeedDto,
    response: 'json', doc: DOC,
  }),
} as const;
