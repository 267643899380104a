import type { EndpointRow } from '../endpoint.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import type { ImageInputDto, VoiceLang } from './intelligent.dto.js';
import { IMAGE_API_ROWS, INTELLIGENT_ENDPOINTS as E, type ImageApiName, type ImageApiResults } from './intelligent.endpoints.js';
import type {
  AiCropResult, BankCardOcrResult, BizLicenseOcrResult, DrivingLicenseOcrResult, IdCardOcrResult, QrcodeScanResult,
  TextOcrResult, TranslateResult, VehicleLicenseOcrResult, VoiceRecognitionResult,
} from './intelligent.types.js';

/**
 * An image for OCR or image processing: a URL WeChat downloads, or the bytes (JPEG, PNG or BMP, under 2 MB) sent
 * as multipart. Size and format are checked before the call.
 */
export type ImageSource = string | { data: Uint8Array; fileName?: string; contentType?: string };

function toImageInput(image: ImageSource): ImageInputDto {
  if (typeof image === 'string') return { img_url: image };
  return { img: { data: image.data, fileName: image.fileName ?? 'image', ...(image.contentType ? { contentType: image.contentType } : {}) } };
}

/**
 * 智能接口: OCR (ID card, bank card, driving and vehicle licences, business licence, printed text, menus), image
 * processing (QR codes, smart crop) and AI voice (recognition, translation).
 *
 * AI voice recognition (`addvoicetorecofortext` / `queryrecoresultfortext`) is announced by the platform for
 * retirement and may be unstable meanwhile: treat a failure there as expected and keep a fallback.
 */
export class IntelligentService {
  constructor(private readonly client: WechatApiClient) {}

  private image<K extends ImageApiName>(name: K, image: ImageSource): Promise<ImageApiResults[K]> {
    // Widened to the shared row shape: a generic index would defer `call`'s input type.
    const row: EndpointRow<ImageInputDto, unknown> = IMAGE_API_ROWS[name];
    return this.client.call(row, toImageInput(image)) as Promise<ImageApiResults[K]>;
  }

  /** 身份证OCR识别: front (holder) or back (validity) of a PRC ID card. */
  ocrIdCard(image: ImageSource): Promise<IdCardOcrResult> { return this.image('ocrIdCard', image); }
  /** 银行卡OCR识别: the card number. */
  ocrBankCard(image: ImageSource): Promise<BankCardOcrResult> { return this.image('ocrBankCard', image); }
  /** 行驶证OCR识别 (vehicle licence, `/cv/ocr/driving`). */
  ocrVehicleLicense(image: ImageSource): Promise<VehicleLicenseOcrResult> { return this.image('ocrVehicleLicense', image); }
  /** 驾驶证OCR识别 (driving licence, `/cv/ocr/drivinglicense`). */
  ocrDrivingLicense(image: ImageSource): Promise<DrivingLicenseOcrResult> { return this.image('ocrDrivingLicense', image); }
  /** 营业执照OCR识别. */
  ocrBizLicense(image: ImageSource): Promise<BizLicenseOcrResult> { return this.image('ocrBizLicense', image); }
  /** 通用印刷体OCR识别: every text line with its position. */
  ocrComm(image: ImageSource): Promise<TextOcrResult> { return this.image('ocrComm', image); }
  /** 菜单OCR识别. */
  ocrMenu(image: ImageSource): Promise<TextOcrResult> { return this.image('ocrMenu', image); }
  /** 二维码/条码识别: every code in the image. */
  scanQrcode(image: ImageSource): Promise<QrcodeScanResult> { return this.image('scanQrcode', image); }

  /** 图片智能裁剪: crop boxes for up to 5 width/height ratios (e.g. `[1, 2.35]`); none = WeChat's best ratio. */
  aiCrop(image: ImageSource, ratios: readonly number[] = []): Promise<AiCropResult> {
    return this.client.call(E.aiCrop, { ...toImageInput(image), ...(ratios.length ? { ratios: ratios.join(',') } : {}) });
  }

  /**
   * 提交语音: uploads an mp3 (16 kHz mono, at most 1 MB) for recognition under `voiceId`; ask for the text with
   * `queryVoiceResult`. Announced for retirement by the platform; may be unstable.
   */
  async addVoiceToRecognize(voiceId: string, mp3: Uint8Array, lang: VoiceLang = 'zh_CN'): Promise<void> {
    await this.client.call(E.addVoiceToRecognize, { format: 'mp3', voice_id: voiceId, lang, media: { data: mp3, fileName: `${voiceId}.mp3`, contentType: 'audio/mpeg' } });
  }

  /** 获取语音识别结果 of a voice uploaded with `addVoiceToRecognize` (at most 30 s after the upload). */
  queryVoiceResult(voiceId: string, lang: VoiceLang = 'zh_CN'): Promise<VoiceRecognitionResult> {
    return this.client.call(E.queryVoiceResult, { voice_id: voiceId, lang });
  }

  /** 微信翻译: Chinese ↔ English, at most 600 bytes of UTF-8 text. */
  translate(content: string, from: VoiceLang, to: VoiceLang): Promise<TranslateResult> {
    return this.client.call(E.translate, { lfrom: from, lto: to, content });
  }
}
