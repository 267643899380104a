import { endpoint } from '../endpoint.js';
import type { DownloadResult } from '../api-files.js';
import { PermanentQrcodeCreateDto, ShowQrcodeDto, TemporaryQrcodeCreateDto } from './qrcode.dto.js';
import type { QrcodeCreateResult } from './qrcode.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html';

/** Parametric QR codes. Same path, two policies: a temporary ticket is cheap, a permanent one spends a 100,000 quota. */
export const QRCODE_ENDPOINTS = {
  qrcodeCreateTemporary: endpoint<QrcodeCreateResult>()({
    title: '生成带参数二维码', method: 'POST', path: '/cgi-bin/qrcode/create', kind: 'read',
    request: TemporaryQrcodeCreateDto, response: 'json', expect: ['ticket'], doc: DOC,
  }),
  qrcodeCreatePermanent: endpoint<QrcodeCreateResult>()({
    title: '生成带参数二维码', method: 'POST', path: '/cgi-bin/qrcode/create', kind: 'send',
    request: PermanentQrcodeCreateDto, response: 'json', expect: ['ticket'], doc: DOC,
  }),
  showQrcode: endpoint<DownloadResult>()({
    title: '换取二维码图片', method: 'GET', path: '/cgi-bin/showqrcode', host: 'mp', credential: 'none', kind: 'read',
    request: ShowQrcodeDto, response: 'binary', doc: DOC,
  }),
} as const;
