import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { readJsonExact } from './json-reader.js';
import { MESSAGE_MESSAGES as M } from './message.messages.js';
import { readXmlDocument } from './xml-reader.js';

/**
 * Parses a callback body (plaintext message, encrypted envelope, or decrypted payload) into its top-level
 * fields, values exactly as sent (strings, nested objects, arrays for repeated elements).
 * See `readXmlDocument` for the value rules. Throws only `WechatInboundError`:
 * `body_empty` | `body_malformed` | `body_forbidden_markup` | `body_not_a_message` (root is not `<xml>`).
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 */
export function parseCallbackXml(body: string): Record<string, unknown> {
  if (typeof body !== 'string') throw new WechatInboundError('body_malformed', M.notText);
  const doc = readXmlDocument(body);
  if (doc.root !== 'xml') throw new WechatInboundError('body_not_a_message', M.notXmlRoot);
  return typeof doc.value === 'object' && !Array.isArray(doc.value) ? doc.value : {};
}

/**
 * Parses a callback body in WeChat's JSON data format (数据格式: JSON). Numbers keep their exact text as strings,
 * so large ids survive. The top level must be an object, otherwise `body_not_a_message`.
 * Docs: https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
 */
export function parseCallbackJson(body: string): Record<string, unknown> {
  if (typeof body !== 'string') throw new WechatInboundError('body_malformed', M.notText);
  const value = readJsonExact(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WechatInboundError('body_not_a_message', M.notJsonObject);
  }
  return value as Record<string, unknown>;
}
