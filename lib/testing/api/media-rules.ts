import { randomBytes } from 'node:crypto';
import { fail, type WechatErrcode } from '../emulator-errors.js';
import type { MediaKind, MediaRecord, MediaType } from '../emulator-state.js';
import type { UploadedFile } from '../multipart.js';
import { FILES_PREFIX, type AuthedContext } from '../route.js';

export interface UploadRule {
  readonly maxBytes: number;
  readonly extensions: readonly string[];
  /** errcode for a file over `maxBytes`. */
  readonly tooLarge: WechatErrcode;
}

const MB = 1024 * 1024;

/**
 * Temporary media (https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html):
 * "图片（image）: 10M，支持PNG\JPEG\JPG\GIF格式；语音（voice）：2M，播放长度不超过60s，支持AMR\MP3格式；
 *  视频（video）：10MB，支持MP4格式；缩略图（thumb）：64KB，支持JPG格式".
 */
export const TEMPORARY_RULES: Readonly<Record<MediaType, UploadRule>> = {
  image: { maxBytes: 10 * MB, extensions: ['png', 'jpeg', 'jpg', 'gif'], tooLarge: 40009 },
  voice: { maxBytes: 2 * MB, extensions: ['amr', 'mp3'], tooLarge: 40010 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'], tooLarge: 40011 },
  thumb: { maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'], tooLarge: 40012 },
};

/**
 * Permanent material (https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html):
 * "图片（image）: 10M，支持bmp/png/jpeg/jpg/gif格式；语音（voice）：2M，播放长度不超过60s，mp3/wma/wav/amr格式；
 *  视频（video）：10MB，支持MP4格式；缩略图（thumb）：64KB，支持JPG格式".
 */
export const PERMANENT_RULES: Readonly<Record<MediaType, UploadRule>> = {
  image: { maxBytes: 10 * MB, extensions: ['bmp', 'png', 'jpeg', 'jpg', 'gif'], tooLarge: 40009 },
  voice: { maxBytes: 2 * MB, extensions: ['mp3', 'wma', 'wav', 'amr'], tooLarge: 40010 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'], tooLarge: 40011 },
  thumb: { maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'], tooLarge: 40012 },
};

/** uploadimg: "图片仅支持jpg/png格式，大小必须在1MB以下". */
export const UPLOADIMG_RULE: UploadRule = { maxBytes: MB - 1, extensions: ['jpg', 'jpeg', 'png'], tooLarge: 40009 };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  amr: 'audio/amr',
  wma: 'audio/x-ms-wma',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

/** Magic numbers for files named without an extension. */
const SIGNATURES: readonly [string, (b: Buffer) => boolean][] = [
  ['jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['png', (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))],
  ['gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['bmp', (b) => b.subarray(0, 2).toString('latin1') === 'BM'],
  ['amr', (b) => b.subarray(0, 5).toString('latin1') === '#!AMR'],
  ['mp3', (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)],
  ['wav', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE'],
  ['mp4', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp'],
];

export function isMediaType(value: unknown): value is MediaType {
  return value === 'image' || value === 'voice' || value === 'video' || value === 'thumb';
}

function extensionOf(file: UploadedFile): string | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(file.filename);
  if (match) return match[1].toLowerCase();
  return SIGNATURES.find(([, test]) => test(file.bytes))?.[0];
}

/**
 * Reads the `media` part of a multipart upload and checks it against `rule`:
 * 41005 no `media` file, 44001 empty, 40005 wrong format, `rule.tooLarge` over the size limit.
 */
export async function readUpload(ctx: AuthedContext, rule: UploadRule): Promise<{ file: UploadedFile; ext: string; form: Awaited<ReturnType<AuthedContext['multipart']>> }> {
  // busboy marks a file that reaches its limit as truncated, so allow one byte more and compare ourselves
  const form = await ctx.multipart(rule.maxBytes + 1);
  const file = form.files.find((f) => f.field === 'media');
  if (!file) fail(41005);
  if (file.truncated || file.bytes.length > rule.maxBytes) fail(rule.tooLarge);
  if (file.bytes.length === 0) fail(44001);
  const ext = extensionOf(file);
  if (!ext || !rule.extensions.includes(ext)) fail(40005);
  return { file, ext, form };
}

/** Stores an upload and returns its record. */
export function storeMedia(
  ctx: AuthedContext,
  kind: MediaKind,
  type: MediaRecord['type'],
  file: UploadedFile,
  ext: string,
  extra: { title?: string; introduction?: string } = {},
): MediaRecord {
  const mediaId = randomBytes(48).toString('base64url');
  const record: MediaRecord = {
    mediaId,
    kind,
    type,
    filename: file.filename || `${mediaId}.${ext}`,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    bytes: file.bytes,
    createdAt: ctx.core.clock.now(),
    url: `${ctx.core.baseUrl}${FILES_PREFIX}${mediaId}`,
    ...extra,
  };
  ctx.account.media.set(mediaId, record);
  return record;
}
