import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { MESSAGE_MESSAGES as M } from './message.messages.js';
import { MAX_DEPTH } from './xml-reader.js';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Parses a JSON body keeping every number's exact text as a string: WeChat's JSON format sends ids such as
 * MsgId 23942570635195977 as bare numbers beyond 2^53, which `JSON.parse` (even with a reviver, on Node 20)
 * would round. One scan quotes bare numbers and checks nesting depth, then `JSON.parse` does the rest.
 *
 * @throws WechatInboundError `body_empty` | `body_malformed` (syntax, depth); never the body text in a message.
 */
export function readJsonExact(body: string, maxDepth = MAX_DEPTH): unknown {
  const start = body.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (body.trim() === '') {
    throw new WechatInboundError('body_empty', M.empty);
  }
  let out = '';
  let copied = start;
  let depth = 0;
  let i = start;
  const n = body.length;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(body, i);
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new WechatInboundError('body_malformed', M.tooDeep(maxDepth));
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(body)) {
        i++;
        continue; // not a number: JSON.parse reports it
      }
      out += `${body.slice(copied, i)}"${body.slice(i, NUMBER.lastIndex)}"`;
      i = copied = NUMBER.lastIndex;
    } else {
      i++;
    }
  }
  const text = copied === start ? (start === 0 ? body : body.slice(start)) : out + body.slice(copied);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The SyntaxError quotes the body (possibly decrypted plaintext); it is deliberately not kept as the cause.
    throw new WechatInboundError('body_malformed', M.invalidJson);
  }
}

/** Index just past the closing quote of the string starting at `open` (or the end, if unterminated). */
function stringEnd(s: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = s.indexOf('"', from);
    if (quote === -1) return s.length;
    let backslashes = 0;
    for (let k = quote - 1; k > open && s.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
