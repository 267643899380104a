import { WechatReplyError } from '../errors/wechat-reply.error.js';
import { parseCallbackJson, parseCallbackXml } from './callback-parser.js';
import type { NewsArticle, Reply } from './reply.js';
import { ARTICLE_FIELDS, REPLY_TYPES, replyFormOf, type PassiveForm, type WireField } from './reply-forms.js';
import { assertValidContent, MAX_REPLY_ARTICLES } from './reply-validation.js';
import { cdataElement, valueElement } from './xml-writer.js';

/**
 * Passive replies (被动回复用户消息) in XML and JSON, the encrypted reply envelope, and the reverse parsers the
 * emulator and tests use. `REPLY_FORMS` maps the camelCase model to the wire names for all four directions.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 *
 * JSON: the docs define no passive-reply JSON for 公众号 (only the encrypted envelope), so the JSON variant mirrors
 * the XML field names, with CreateTime and ArticleCount as numbers and Articles as a plain array.
 */
type Mapping = readonly WireField[];

export interface EncryptedReply {
  encrypt: string;
  msgSignature: string;
  timeStamp: string;
  nonce: string;
}

export interface ParsedReply {
  toUser: string;
  fromUser: string;
  createTime: number;
  reply: Reply;
}

function xmlFields(source: object, mapping: Mapping): string {
  let out = '';
  for (const [wire, model] of mapping) {
    const value = (source as Record<string, unknown>)[model];
    if (typeof value === 'string') out += cdataElement(wire, value);
  }
  return out;
}

function jsonFields(source: object, mapping: Mapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [wire, model] of mapping) {
    const value = (source as Record<string, unknown>)[model];
    if (typeof value === 'string') out[wire] = value;
  }
  return out;
}

function seconds(createTime: number): number {
  return Number.isFinite(createTime) ? Math.floor(createTime) : 0;
}

/**
 * The reply XML for one callback: `toUser` is the sender's OpenID (the callback's FromUserName), `fromUser` the
 * account (its ToUserName), `createTime` Unix seconds.
 * @throws WechatReplyError when the reply is invalid (see `Reply` builders).
 */
export function renderReplyXml(reply: Reply, toUser: string, fromUser: string, createTime: number): string {
  assertValidContent(reply, MAX_REPLY_ARTICLES, REPLY_TYPES);
  let body: string;
  if (reply.type === 'news') {
    let items = '';
    for (const article of reply.articles) items += `<item>${xmlFields(article, ARTICLE_FIELDS)}</item>`;
    body = `<ArticleCount>${reply.articles.length}</ArticleCount><Articles>${items}</Articles>`;
  } else {
    const wire = replyFormOf(reply.type)!.passive as PassiveForm;
    const fields = xmlFields(reply, wire.fields);
    body = !wire.wrapper ? fields : fields === '' && wire.optionalWrapper ? '' : `<${wire.wrapper}>${fields}</${wire.wrapper}>`;
  }
  return (
    `<xml>${cdataElement('ToUserName', toUser)}${cdataElement('FromUserName', fromUser)}` +
    `<CreateTime>${seconds(createTime)}</CreateTime>${cdataElement('MsgType', reply.type)}${body}</xml>`
  );
}

/** The same reply in the JSON data format (field names mirror the XML ones). */
export function renderReplyJson(reply: Reply, toUser: string, fromUser: string, createTime: number): string {
  assertValidContent(reply, MAX_REPLY_ARTICLES, REPLY_TYPES);
  const out: Record<string, unknown> = {
    ToUserName: toUser,
    FromUserName: fromUser,
    CreateTime: seconds(createTime),
    MsgType: reply.type,
  };
  if (reply.type === 'news') {
    out.ArticleCount = reply.articles.length;
    out.Articles = reply.articles.map((article) => jsonFields(article, ARTICLE_FIELDS));
  } else {
    const wire = replyFormOf(reply.type)!.passive as PassiveForm;
    const fields = jsonFields(reply, wire.fields);
    if (!wire.wrapper) Object.assign(out, fields);
    else if (!wire.optionalWrapper || Object.keys(fields).length > 0) out[wire.wrapper] = fields;
  }
  return JSON.stringify(out);
}

const DIGITS = /^[0-9]{1,15}$/;

/**
 * The encrypted reply envelope (safe and compatible modes). `msgSignature` signs [token, timeStamp, nonce, encrypt].
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 */
export function renderEncryptedReplyXml(e: EncryptedReply): string {
  return (
    `<xml>${cdataElement('Encrypt', e.encrypt)}${cdataElement('MsgSignature', e.msgSignature)}` +
    `${valueElement('TimeStamp', e.timeStamp)}${cdataElement('Nonce', e.nonce)}</xml>`
  );
}

/** JSON envelope; TimeStamp is a number, as in the docs' example (`"TimeStamp": 1713424427`). */
export function renderEncryptedReplyJson(e: EncryptedReply): string {
  return (
    `{"Encrypt":${JSON.stringify(e.encrypt)},"MsgSignature":${JSON.stringify(e.msgSignature)},` +
    `"TimeStamp":${DIGITS.test(e.timeStamp) ? e.timeStamp : JSON.stringify(e.timeStamp)},"Nonce":${JSON.stringify(e.nonce)}}`
  );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function modelFields(source: unknown, mapping: Mapping, where: string): Record<string, string> {
  const record = typeof source === 'object' && source !== null && !Array.isArray(source) ? (source as Record<string, unknown>) : {};
  const out: Record<string, string> = {};
  for (const [wire, model, required] of mapping) {
    const value = text(record[wire]);
    if (value !== undefined) out[model] = value;
    else if (required) throw new WechatReplyError(`${where}${wire}`, 'is missing from the reply');
  }
  return out;
}

function articleList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && 'item' in value) {
    const items = (value as { item: unknown }).item;
    return Array.isArray(items) ? items : [items];
  }
  return [];
}

function replyFromFields(fields: Record<string, unknown>): ParsedReply {
  const type = text(fields.MsgType);
  let reply: Reply;
  if (type === 'news') {
    const articles = articleList(fields.Articles).map((a, i) => modelFields(a, ARTICLE_FIELDS, `Articles[${i}].`));
    reply = { type, articles: articles as unknown as NewsArticle[] };
  } else if (type !== undefined && replyFormOf(type) !== undefined) {
    const wire = replyFormOf(type)!.passive as PassiveForm;
    const source = wire.wrapper ? fields[wire.wrapper] : fields;
    reply = { type, ...modelFields(source, wire.fields, wire.wrapper ? `${wire.wrapper}.` : '') } as Reply;
  } else {
    throw new WechatReplyError('MsgType', 'is not a passive reply type');
  }
  const createTime = Number(text(fields.CreateTime) ?? Number.NaN);
  return {
    toUser: text(fields.ToUserName) ?? '',
    fromUser: text(fields.FromUserName) ?? '',
    createTime: Number.isFinite(createTime) ? createTime : 0,
    reply,
  };
}

/**
 * Reads a plaintext reply XML (emulator and tests). `success` / empty bodies are not replies; check first.
 * @throws WechatInboundError for malformed XML, WechatReplyError for an unknown type or missing fields.
 */
export function parseReplyXml(xml: string): ParsedReply {
  return replyFromFields(parseCallbackXml(xml));
}

/** Reads a plaintext reply in the JSON format (emulator and tests). */
export function parseReplyJson(json: string): ParsedReply {
  return replyFromFields(parseCallbackJson(json));
}
