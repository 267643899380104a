import { createHash } from 'node:crypto';
import { EmulatorApiFault, fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import type { MultipartForm } from '../multipart.js';
import { byteLength, OK, type AuthedContext, type EmulatorRoute } from '../route.js';

/**
 * 智能接口: OCR, image processing and AI voice. Images come as `img_url` (a host under `.invalid` stands for a URL
 * WeChat cannot fetch: 101000) or as the multipart `img` (under 2 MB, JPEG/PNG/BMP; other bytes are 101002).
 * Recognised fields are derived from a hash of the image, so the same image always reads the same.
 */
const OCR_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Intelligent_Interface/OCR.html';
const IMG_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Intelligent_Interface/Img_Proc.html';
const AI_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Intelligent_Interface/AI_Open_API.html';
/** "图片文件，小于2M". */
const IMAGE_LIMIT = 2 * 1024 * 1024;
/** "只支持mp3，16k，单声道，最大1M". */
const VOICE_LIMIT = 1024 * 1024;
/** "不超过600Bytes". */
const TRANSLATE_LIMIT = 600;
const LANGS = new Set(['zh_CN', 'en_US']);

const isImage = (b: Buffer) =>
  (b[0] === 0xff && b[1] === 0xd8) || b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) || (b[0] === 0x42 && b[1] === 0x4d);
const isMp3 = (b: Buffer) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0);

function digits(seed: string, n: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return [...hex].map((c) => String(parseInt(c, 16) % 10)).join('').slice(0, n);
}

async function form(ctx: AuthedContext, limit: number, optional: boolean): Promise<MultipartForm> {
  try {
    return await ctx.multipart(limit);
  } catch (error) {
    // an img_url call may carry no body at all
    if (optional && error instanceof EmulatorApiFault) return { fields: {}, files: [] };
    throw error;
  }
}

/** The image's identity (URL or content hash) and the form fields. */
async function readImage(ctx: AuthedContext): Promise<{ seed: string; fields: Readonly<Record<string, string>> }> {
  const url = ctx.query.get('img_url');
  const parsed = await form(ctx, IMAGE_LIMIT, url !== null);
  if (url !== null) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      fail(101000);
    }
    if (!/^https?:/i.test(url) || host.endsWith('.invalid')) fail(101000);
    return { seed: url, fields: parsed.fields };
  }
  const file = parsed.files.find((f) => f.field === 'img');
  if (!file) fail(41005);
  if (file.truncated) fail(40006);
  if (!isImage(file.bytes)) fail(101002);
  return { seed: createHash('sha256').update(file.bytes).digest('hex'), fields: parsed.fields };
}

const IMG_SIZE = { w: 1280, h: 800 };
const pos = { left_top: { x: 10, y: 10 }, right_top: { x: 500, y: 10 }, right_bottom: { x: 500, y: 60 }, left_bottom: { x: 10, y: 60 } };

/** path → recognised fields for an image seed. */
const IMAGE_APIS: Record<string, [string, (seed: string) => JsonObject]> = {
  '/cv/ocr/idcard': [OCR_DOC, (s) => ({ type: 'Front', name: '张三', id: `110101${digits(s, 11)}X`, addr: '北京市东城区', gender: '男', nationality: '汉' })],
  '/cv/ocr/bankcard': [OCR_DOC, (s) => ({ number: `6222${digits(s, 15)}` })],
  '/cv/ocr/driving': [OCR_DOC, (s) => ({ plate_num: `京A${digits(s, 5)}`, vehicle_type: '小型普通客车', owner: '张三', vin: `LSV${digits(s, 14)}`, register_date: '2020-01-01', issue_date: '2020-01-01' })],
  '/cv/ocr/drivinglicense': [OCR_DOC, (s) => ({ id_num: `110101${digits(s, 12)}`, name: '张三', sex: '男', car_class: 'C1', valid_from: '2020-01-01', valid_to: '2026-01-01' })],
  '/cv/ocr/bizlicense': [OCR_DOC, (s) => ({ reg_num: `91110000${digits(s, 10)}`, enterprise_name: '示例科技有限公司', legal_representative: '张三', img_size: IMG_SIZE })],
  '/cv/ocr/comm': [OCR_DOC, (s) => ({ items: [{ text: `印刷体 ${digits(s, 6)}`, pos }], img_size: IMG_SIZE })],
  '/cv/ocr/menu': [OCR_DOC, (s) => ({ items: [{ text: `宫保鸡丁 ${Number(digits(s, 2))}元`, pos }], img_size: IMG_SIZE })],
  '/cv/img/qrcode': [IMG_DOC, (s) => ({ code_results: [{ type_name: 'QR_CODE', data: `https://example.com/${digits(s, 8)}`, pos }], img_size: IMG_SIZE })],
};

function voiceLang(value: string | null): string {
  const lang = value ?? 'zh_CN';
  if (!LANGS.has(lang)) fail(40097);
  return lang;
}

export const INTELLIGENT_ROUTES: readonly EmulatorRoute[] = [
  ...Object.entries(IMAGE_APIS).map(([path, [doc, recognise]]): EmulatorRoute => ({
    method: 'POST', path, doc, needsToken: true, body: 'multipart',
    async handler(ctx) {
      return { ...OK, ...recognise((await readImage(ctx)).seed) };
    },
  })),
  {
    method: 'POST',
    path: '/cv/img/aicrop',
    doc: IMG_DOC,
    needsToken: true,
    body: 'multipart',
    async handler(ctx) {
      const { fields } = await readImage(ctx);
      const ratios = (fields.ratios ?? '1').split(',').map(Number);
      if (ratios.length > 5 || ratios.some((r) => !(r > 0))) fail(40097);
      return {
        ...OK,
        results: ratios.map((r) => {
          const w = Math.min(IMG_SIZE.w, Math.round(IMG_SIZE.h * r));
          const h = Math.round(w / r);
          return { crop_left: Math.floor((IMG_SIZE.w - w) / 2), crop_top: Math.floor((IMG_SIZE.h - h) / 2), crop_right: Math.floor((IMG_SIZE.w + w) / 2), crop_bottom: Math.floor((IMG_SIZE.h + h) / 2) };
        }),
        img_size: IMG_SIZE,
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/voice/addvoicetorecofortext',
    doc: 'https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_addvoicetorecofortext',
    needsToken: true,
    body: 'multipart',
    async handler(ctx) {
      if (ctx.query.get('format') !== 'mp3') fail(40005);
      const voiceId = ctx.query.get('voice_id');
      if (!voiceId) fail(40097);
      const lang = voiceLang(ctx.query.get('lang'));
      const file = (await ctx.multipart(VOICE_LIMIT + 1)).files.find((f) => f.field === 'media');
      if (!file) fail(41005);
      if (file.truncated) fail(40006);
      if (!isMp3(file.bytes)) fail(40005);
      const text = lang === 'zh_CN' ? `语音${digits(voiceId, 4)}：你好` : `voice ${digits(voiceId, 4)}: hello`;
      ctx.account.voices.set(voiceId, { text, lang, at: ctx.core.clock.now() });
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/voice/queryrecoresultfortext',
    doc: AI_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const voice = ctx.account.voices.get(ctx.query.get('voice_id') ?? '');
      voiceLang(ctx.query.get('lang'));
      if (!voice) fail(40097);
      return { result: voice.text, is_end: true };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/voice/translatecontent',
    doc: AI_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const from = ctx.query.get('lfrom');
      const to = ctx.query.get('lto');
      if (!LANGS.has(from ?? '') || !LANGS.has(to ?? '')) fail(40097);
      const text = ctx.rawText();
      if (text.trim() === '') fail(44004);
      if (byteLength(text) > TRANSLATE_LIMIT) fail(45002);
      const known: Record<string, string> = { 你好: 'Hello', Hello: '你好' };
      return { from_content: text, to_content: from === to ? text : known[text] ?? `[${to}] ${text}` };
    },
  },
];
