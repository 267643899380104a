import { endpoint, type EndpointRow } from '../endpoint.js';
import { AddVoiceDto, AiCropDto, ImageInputDto, TranslateDto, VoiceResultQueryDto } from './intelligent.dto.js';
import type {
  AiCropResult, BankCardOcrResult, BizLicenseOcrResult, DrivingLicenseOcrResult, IdCardOcrResult, QrcodeScanResult,
  TextOcrResult, TranslateResult, VehicleLicenseOcrResult, VoiceRecognitionResult,
} from './intelligent.types.js';

const SERVICE = 'https://developers.weixin.qq.com/doc/service/api/openpoc';
const OLD = 'https://developers.weixin.qq.com/doc/offiaccount/Intelligent_Interface';

/** The answer each image API gives, by row name. */
export interface ImageApiResults {
  ocrIdCard: IdCardOcrResult;
  ocrBankCard: BankCardOcrResult;
  ocrVehicleLicense: VehicleLicenseOcrResult;
  ocrDrivingLicense: DrivingLicenseOcrResult;
  ocrBizLicense: BizLicenseOcrResult;
  ocrComm: TextOcrResult;
  ocrMenu: TextOcrResult;
  scanQrcode: QrcodeScanResult;
}
export type ImageApiName = keyof ImageApiResults;

/** The image APIs that take only the image (`img_url` or multipart `img`), described once. */
export const IMAGE_API_SPECS = {
  ocrIdCard: { title: '身份证OCR识别', path: '/cv/ocr/idcard', doc: `${SERVICE}/ocr/api_idcardocr` },
  ocrBankCard: { title: '银行卡OCR识别', path: '/cv/ocr/bankcard', doc: `${OLD}/OCR.html` },
  ocrVehicleLicense: { title: '行驶证OCR识别', path: '/cv/ocr/driving', doc: `${OLD}/OCR.html` },
  ocrDrivingLicense: { title: '驾驶证OCR识别', path: '/cv/ocr/drivinglicense', doc: `${OLD}/OCR.html` },
  ocrBizLicense: { title: '营业执照OCR识别', path: '/cv/ocr/bizlicense', doc: `${OLD}/OCR.html` },
  ocrComm: { title: '通用印刷体OCR识别', path: '/cv/ocr/comm', doc: `${OLD}/OCR.html` },
  ocrMenu: { title: '菜单OCR识别', path: '/cv/ocr/menu', doc: `${OLD}/OCR.html` },
  scanQrcode: { title: '二维码/条码识别', path: '/cv/img/qrcode', doc: `${OLD}/Img_Proc.html` },
} as const satisfies Record<ImageApiName, { title: string; path: string; doc: string }>;

export type ImageApiRow<K extends ImageApiName> = EndpointRow<ImageInputDto, ImageApiResults[K]>;

/** `img_url` in the query, `img` as the multipart file; an `img_url` call sends no body. */
function imageRow<K extends ImageApiName>(spec: { title: string; path: string; doc: string }): ImageApiRow<K> {
  return endpoint<ImageApiResults[K]>()({
    title: spec.title, method: 'POST', path: spec.path, kind: 'read', body: 'multipart', query: ['img_url'], file: 'img',
    request: ImageInputDto, response: 'json', doc: spec.doc,
  });
}

export const IMAGE_API_ROWS = Object.fromEntries(
  Object.entries(IMAGE_API_SPECS).map(([name, spec]) => [name, imageRow(spec)]),
) as { readonly [K in ImageApiName]: ImageApiRow<K> };

/**
 * 智能接口: OCR, image processing and AI voice. 图片高清化 (`/cv/img/superresolution`) was taken down by the
 * platform and is not here. AI voice recognition is announced for retirement and may be unstable meanwhile.
 */
export const INTELLIGENT_ENDPOINTS = {
  ...IMAGE_API_ROWS,
  aiCrop: endpoint<AiCropResult>()({
    title: '图片智能裁剪', method: 'POST', path: '/cv/img/aicrop', kind: 'read', body: 'multipart', query: ['img_url'],
    file: 'img', request: AiCropDto, response: 'json', expect: ['results'], doc: `${SERVICE}/image/api_imgaicrop`,
  }),
  /** Uploading the same voice_id again replaces nothing anyone reads until the result is asked for: `read`. */
  addVoiceToRecognize: endpoint()({
    title: '提交语音', method: 'POST', path: '/cgi-bin/media/voice/addvoicetorecofortext', kind: 'read', body: 'multipart',
    query: ['format', 'voice_id', 'lang'], file: 'media', request: AddVoiceDto, response: 'json',
    doc: `${SERVICE}/ai/api_addvoicetorecofortext`,
  }),
  queryVoiceResult: endpoint<VoiceRecognitionResult>()({
    title: '获取语音识别结果', method: 'POST', path: '/cgi-bin/media/voice/queryrecoresultfortext', kind: 'read',
    query: ['voice_id', 'lang'], request: VoiceResultQueryDto, response: 'json', expect: ['result'], doc: `${OLD}/AI_Open_API.html`,
  }),
  /** The source text is the raw body ("源内容放POST的body里"), languages in the query. */
  translate: endpoint<TranslateResult>()({
    title: '微信翻译', method: 'POST', path: '/cgi-bin/media/voice/translatecontent', kind: 'read', body: 'text',
    query: ['lfrom', 'lto'], request: TranslateDto, response: 'json', expect: ['to_content'], doc: `${OLD}/AI_Open_API.html`,
  }),
} as const;
