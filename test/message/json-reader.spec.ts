import fc from 'fast-check';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { readJsonExact } from '../../lib/message/json-reader.js';
import { MAX_DEPTH } from '../../lib/message/xml-reader.js';

const reasonOf = (json: string): string => {
  try {
    readJsonExact(json);
  } catch (error) {
    expect(error).toBeInstanceOf(WechatInboundError);
    return (error as WechatInboundError).reason;
  }
  return 'accepted';
};

describe('readJsonExact', () => {
  it.each([
    ['ids beyond 2^53 keep every digit', '{"MsgId":23942570635195977}', { MsgId: '23942570635195977' }],
    ['integers become their text', '{"CreateTime":1714037059,"n":-0}', { CreateTime: '1714037059', n: '-0' }],
    ['decimals keep trailing zeros', '{"Location_X":39.956860,"e":1.5E+3}', { Location_X: '39.956860', e: '1.5E+3' }],
    ['numbers inside strings are untouched', '{"s":"12 34","t":"\\"5\\""}', { s: '12 34', t: '"5"' }],
    ['escaped backslashes before a quote', '{"s":"a\\\\","n":7}', { s: 'a\\', n: '7' }],
    ['numbers in arrays and nested objects', '{"List":[1,{"x":[2,3.0]}]}', { List: ['1', { x: ['2', '3.0'] }] }],
    ['literals stay literals', '{"a":true,"b":false,"c":null}', { a: true, b: false, c: null }],
    ['a BOM and whitespace', '\uFEFF \n{ "a" : 1 }\n', { a: '1' }],
    ['unicode escapes', '{"s":"\\u4e2d\\u6587"}', { s: '中文' }],
  ])('%s', (_name, json, expected) => {
    expect(readJsonExact(json)).toEqual(expected);
  });

  it('keeps "__proto__" as an own property', () => {
    const value = readJsonExact('{"__proto__":{"isAdmin":1}}') as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect((value as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });

  it.each([
    ['', 'body_empty'],
    ['  \n', 'body_empty'],
    ['\uFEFF', 'body_empty'],
    ['{', 'body_malformed'],
    ['{"a":}', 'body_malformed'],
    ['{"a":01}', 'body_malformed'],
    ['{"a":1.}', 'body_malformed'],
    ['{"a":1.2.3}', 'body_malformed'],
    ['{"a":-}', 'body_malformed'],
    ['{"a":1e}', 'body_malformed'],
    ['{"a":"unterminated}', 'body_malformed'],
    ['{"a":NaN}', 'body_malformed'],
    ['<xml></xml>', 'body_malformed'],
    ['{"a":1} {"b":2}', 'body_malformed'],
  ])('%j → %s', (json, reason) => {
    expect(reasonOf(json)).toBe(reason);
  });

  it(`limits nesting to ${MAX_DEPTH} levels`, () => {
    const nest = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(readJsonExact(nest(MAX_DEPTH))).toBeDefined();
    expect(reasonOf(nest(MAX_DEPTH + 1))).toBe('body_malformed');
    expect(reasonOf('['.repeat(1_000_000))).toBe('body_malformed');
  });

  it('does not quote the body in its errors', () => {
    try {
      readJsonExact('{"Content":"SECRET-TEXT",}');
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET');
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('parses like JSON.parse, with numbers as their exact source text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const json = JSON.stringify(value);
        const asText = JSON.parse(json, (_k, v: unknown) => (typeof v === 'number' ? String(v) : v));
        expect(readJsonExact(json)).toEqual(asText === undefined ? null : asText);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but WechatInboundError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => void reasonOf(s)), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', '-', '1', '0', '.', 'e', 'true', ' '), { maxLength: 40 }), (parts) =>
        void reasonOf(parts.join('')),
      ),
      { numRuns: 1000 },
    );
  });
});
