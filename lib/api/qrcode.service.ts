import { WechatTransportError } from '../errors/wechat-transport.error.js';
import { checkInteger, checkString, invalid } from './api-validation.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ENDPOINTS } from './wechat-endpoints.js';

/**
 * Limits of parametric QR codes.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export const QRCODE_LIMITS = {
  /** 30 days. */
  maxExpireSeconds: 2_592_000,
  /** Temporary: a 32-bit non-zero integer. */
  temporarySceneId: { min: 1, max: 4_294_967_295 },
  /** Permanent: 1–100000. */
  permanentSceneId: { min: 1, max: 100_000 },
  sceneStrChars: { min: 1, max: 64 },
} as const;

/** Answer of `qrcode/create`, plus the image URL. */
export interface QrcodeTicket {
  ticket: string;
  /** Temporary codes only. */
  expire_seconds?: number;
  /** What the QR code encodes; make your own image from it if you like. */
  url: string;
  /** The image URL on mp.weixin.qq.com, ticket URL-encoded. */
  showUrl: string;
}

export interface TemporaryQrcodeOptions {
  /** Integer scene (`QR_SCENE`) or string scene (`QR_STR_SCENE`). */
  scene: number | string;
  /** Lifetime, at most 2592000 s (30 days). WeChat's default (30 s) when left out. */
  expireSeconds?: number;
}

/** Parametric QR codes: temporary or permanent, integer or string scene; the image URL and bytes. */
export class QrcodeService {
  constructor(private readonly client: WechatApiClient) {}

  async createTemporary(options: TemporaryQrcodeOptions): Promise<QrcodeTicket> {
    const { scene, expireSeconds } = options;
    if (expireSeconds !== undefined) checkInteger(expireSeconds, 'expire_seconds', 1, QRCODE_LIMITS.maxExpireSeconds);
    const byId = typeof scene === 'number';
    const body = {
      ...(expireSeconds === undefined ? {} : { expire_seconds: expireSeconds }),
      action_name: byId ? 'QR_SCENE' : 'QR_STR_SCENE',
      action_info: { scene: sceneOf(scene, QRCODE_LIMITS.temporarySceneId) },
    };
    return this.create(ENDPOINTS.qrcodeCreateTemporary, body);
  }

  /** Permanent codes are limited to 100,000 per account; a failed call is not repeated. */
  async createPermanent(scene: number | string): Promise<QrcodeTicket> {
    const body = {
      action_name: typeof scene === 'number' ? 'QR_LIMIT_SCENE' : 'QR_LIMIT_STR_SCENE',
      action_info: { scene: sceneOf(scene, QRCODE_LIMITS.permanentSceneId) },
    };
    return this.create(ENDPOINTS.qrcodeCreatePermanent, body);
  }

  /** The image URL of a ticket (the ticket is URL-encoded: it often holds `+`, `/` and `=`). */
  showUrl(ticket: string): string {
    checkString(ticket, 'ticket');
    return this.client.urlOf(ENDPOINTS.showQrcode, { ticket });
  }

  /** The QR code image (JPEG) of a ticket. */
  async getImage(ticket: string): Promise<Buffer> {
    checkString(ticket, 'ticket');
    const result = await this.client.download(ENDPOINTS.showQrcode, { query: { ticket } });
    if (result.kind !== 'file') {
      throw new WechatTransportError('bad_response', ENDPOINTS.showQrcode.path, 'expected an image, got JSON');
    }
    return result.file.data;
  }

  private async create(endpoint: typeof ENDPOINTS.qrcodeCreateTemporary | typeof ENDPOINTS.qrcodeCreatePermanent, body: object) {
    const answer = await this.client.request<Omit<QrcodeTicket, 'showUrl'>>(endpoint, { body });
    return { ...answer, showUrl: this.showUrl(answer.ticket) };
  }
}

function sceneOf(scene: unknown, idRange: { min: number; max: number }): { scene_id: number } | { scene_str: string } {
  if (typeof scene === 'number') return { scene_id: checkInteger(scene, 'scene_id', idRange.min, idRange.max) };
  if (typeof scene !== 'string') invalid('scene', 'must be an integer (scene_id) or a string (scene_str)');
  const { min, max } = QRCODE_LIMITS.sceneStrChars;
  if (scene.length < min || scene.length > max) invalid('scene_str', `must be ${min} to ${max} characters (got ${scene.length})`);
  return { scene_str: scene };
}
