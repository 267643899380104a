import { endpoint } from '../endpoint.js';
import { QrcodeJumpAddDto, QrcodeJumpDeleteDto, QrcodeJumpGetDto, QrcodeJumpPublishDto } from './qrcode-jump.dto.js';
import type { QrcodeJumpRules } from './qrcode-jump.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump';

/** 扫服务号二维码打开小程序: rules that make a 服务号 QR code open a mini program page. */
export const QRCODE_JUMP_ENDPOINTS = {
  qrcodeJumpGet: endpoint<QrcodeJumpRules>()({
    title: '获取已设置的二维码规则', method: 'POST', path: '/cgi-bin/wxopen/qrcodejumpget', kind: 'read',
    request: QrcodeJumpGetDto, response: 'json', expect: ['rule_list'], doc: `${DOC}/api_qrcodejumpget`,
  }),
  /** Adding twice answers 85071: not repeated. */
  qrcodeJumpAdd: endpoint()({
    title: '增加或修改二维码规则', method: 'POST', path: '/cgi-bin/wxopen/qrcodejumpadd', kind: 'send',
    request: QrcodeJumpAddDto, response: 'json', doc: `${DOC}/api_qrcodejumpadd`,
  }),
  /** Spends one of the month's publishes: not repeated. */
  qrcodeJumpPublish: endpoint()({
    title: '发布已设置的二维码规则', method: 'POST', path: '/cgi-bin/wxopen/qrcodejumppublish', kind: 'send',
    request: QrcodeJumpPublishDto, response: 'json', doc: `${DOC}/api_qrcodejumppublish`,
  }),
  qrcodeJumpDelete: endpoint()({
    title: '删除已设置的二维码规则', method: 'POST', path: '/cgi-bin/wxopen/qrcodejumpdelete', kind: 'send',
    request: QrcodeJumpDeleteDto, response: 'json', doc: `${DOC}/api_qrcodejumpdelete`,
  }),
} as const;
