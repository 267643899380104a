import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import { QrcodeService } from '../qrcode/qrcode.service.js';
import type { QrcodeTicket } from '../qrcode/qrcode.types.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { SHORTEN_LIMITS } from './shorten.dto.js';
import { SHORTEN_ENDPOINTS as E } from './shorten.endpoints.js';
import type { LongDataResult } from './shorten.types.js';

/** A QR `scene_str` holds at most 64 characters. */
const MAX_SCENE_STR = 64;
/** Marks a scene that is a short key, so `resolveScene` knows to fetch it (and leaves every other scene alone). */
export const SHORT_SCENE_PREFIX = 'sk:';
/** What WeChat puts before the scene in a subscribe-by-QR event's EventKey. */
const SUBSCRIBE_SCENE_PREFIX = 'qrscene_';

/** A QR code whose long scene lives behind a short key. */
export interface LongSceneQrcode extends QrcodeTicket {
  /** The `scene_str` the code carries: `sk:` + the short key. */
  sceneStr: string;
  shortKey: string;
}

/**
 * 短key托管 (`shorten/gen`, `shorten/fetch`), and the documented way around the 64-character QR scene cap: store
 * the long scene behind a short key, put the key in the QR code, and look it up again when the scan arrives.
 */
export class ShortenService {
  private readonly qrcodes: QrcodeService;

  constructor(private readonly client: WechatApiClient) {
    this.qrcodes = new QrcodeService(client);
  }

  /** 短key托管-生成: stores `longData` (at most 4 KB in UTF-8) for `expireSeconds` (default and most: 30 days). */
  async generate(longData: string, expireSeconds: number = SHORTEN_LIMITS.maxExpireSeconds): Promise<string> {
    return (await this.client.call(E.shortenGen, { long_data: longData, expire_seconds: expireSeconds })).short_key;
  }

  /** 短key托管-还原: the data behind a key; errcode 9410012 once it is unknown or expired. */
  fetch(shortKey: string): Promise<LongDataResult> {
    return this.client.call(E.shortenFetch, { short_key: shortKey });
  }

  /**
   * A temporary QR code for a scene longer than the 64-character `scene_str` allows: the scene is stored with
   * `shorten/gen` for as long as the code lives, and the code carries `sk:<short key>`. A short key lives at most
   * 30 days, like a temporary QR code; permanent codes need a scene of their own.
   */
  async createLongSceneQrcode(longScene: string, expireSeconds: number = SHORTEN_LIMITS.maxExpireSeconds): Promise<LongSceneQrcode> {
    if (!Number.isInteger(expireSeconds) || expireSeconds < 1 || expireSeconds > SHORTEN_LIMITS.maxExpireSeconds) {
      throw new WechatValidationError('expire_seconds', `must be an integer between 1 and ${SHORTEN_LIMITS.maxExpireSeconds}`);
    }
    const shortKey = await this.generate(longScene, expireSeconds);
    const sceneStr = `${SHORT_SCENE_PREFIX}${shortKey}`;
    const ticket = await this.qrcodes.createTemporary({ scene: sceneStr, expireSeconds });
    return { ...ticket, sceneStr, shortKey };
  }

  /**
   * The scene of an inbound scan: give it the `EventKey` of a SCAN or subscribe event (`qrscene_` is stripped).
   * A `sk:` scene is fetched from `shorten/fetch`; any other scene comes back as it is.
   */
  async resolveScene(eventKey: string): Promise<string> {
    const scene = eventKey.startsWith(SUBSCRIBE_SCENE_PREFIX) ? eventKey.slice(SUBSCRIBE_SCENE_PREFIX.length) : eventKey;
    if (!scene.startsWith(SHORT_SCENE_PREFIX) || scene.length > MAX_SCENE_STR) return scene;
    return (await this.fetch(scene.slice(SHORT_SCENE_PREFIX.length))).long_data;
  }
}
