import { WechatTransportError } from '../../errors/wechat-transport.error.js';
import { validateDto } from '../dto/validate-dto.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { ShowQrcodeDto } from './qrcode.dto.js';
import { QRCODE_ENDPOINTS as E } from './qrcode.endpoints.js';
import type { QrcodeCreateResult, QrcodeTicket, TemporaryQrcodeOptions } from './qrcode.types.js';

/** Parametric QR codes: temporary or permanent, integer or string scene; the image URL and bytes. */
export class QrcodeService {
  constructor(private readonly client: WechatApiClient) {}

  /** 生成带参数二维码 (temporary): `scene` a 32-bit integer or a 1–64 character string. */
  async createTemporary(options: TemporaryQrcodeOptions): Promise<QrcodeTicket> {
    const { scene, expireSeconds } = options;
    return this.withShowUrl(
      await this.client.call(E.qrcodeCreateTemporary, {
        ...(expireSeconds === undefined ? {} : { expire_seconds: expireSeconds }),
        action_name: typeof scene === 'number' ? 'QR_SCENE' : 'QR_STR_SCENE',
        action_info: { scene: sceneOf(scene) },
      }),
    );
  }

  /** 生成带参数二维码 (permanent): limited to 100,000 per account, so a failed call is not repeated. */
  async createPermanent(scene: number | string): Promise<QrcodeTicket> {
    return this.withShowUrl(
      await this.client.call(E.qrcodeCreatePermanent, {
        action_name: typeof scene === 'number' ? 'QR_LIMIT_SCENE' : 'QR_LIMIT_STR_SCENE',
        action_info: { scene: sceneOf(scene) },
      }),
    );
  }

  /** 换取二维码图片: the image URL of a ticket (URL-encoded: tickets often hold `+`, `/` and `=`). */
  showUrl(ticket: string): string {
    validateDto(ShowQrcodeDto, { ticket });
    return this.client.urlOf(E.showQrcode, { ticket });
  }

  /** 换取二维码图片: the QR code image (JPEG) of a ticket. */
  async getImage(ticket: string): Promise<Buffer> {
    const result = await this.client.call(E.showQrcode, { ticket });
    if (result.kind !== 'file') throw new WechatTransportError('bad_response', E.showQrcode.path, 'expected an image, got JSON');
    return result.file.data;
  }

  private withShowUrl(answer: QrcodeCreateResult): QrcodeTicket {
    return { ...answer, showUrl: this.showUrl(answer.ticket) };
  }
}

/** A number is a `scene_id`, anything else a `scene_str` (so a wrong type is refused naming `scene_str`). */
function sceneOf(scene: number | string): { scene_id: number } | { scene_str: string } {
  return typeof scene === 'number' ? { scene_id: scene } : { scene_str: scene };
}
