import { isListSpec, isOptionalSpec, type FieldSpec, type ObjectSpec } from './message-schema.js';
import { EVENT_FIELDS, MESSAGE_FIELDS, type AnyInboundMessage } from './message-types.js';
import { cdataElement, valueElement } from './xml-writer.js';

/**
 * Writes callbacks the way WeChat sends them (the emulator pushes these; tests use them as fixtures).
 * Schema-driven from MESSAGE_FIELDS / EVENT_FIELDS: the common fields first, lists with their item tags
 * (`<PicList><item>…</item></PicList>`) or as repeated elements (`itemTag: null`), ids, times and counts bare
 * (`<CreateTime>1672369434</CreateTime>`), other text in CDATA. Unknown types and fields are written generically
 * (arrays as repeated elements), so `toInboundMessage(parseCallbackXml(renderMessageXml(m)))` gives `m` back.
 * An empty optional list with `itemTag: null` has no XML form and is left out.
 */
type Write = (name: string, value: unknown) => string;

const FIRST = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Event'] as const;
const FIRST_SET: ReadonlySet<string> = new Set(FIRST);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fields WeChat writes without CDATA (ids, times, counts, coordinates, flags), as in the docs' examples; every other
 * text goes into CDATA, so a digit-only Content stays `<![CDATA[1]]>` as WeChat sends it.
 */
const BARE_FIELDS = new Set([
  'CreateTime', 'MsgId', 'MsgID', 'MsgDataId', 'Idx', 'Location_X', 'Location_Y', 'Scale', 'Latitude', 'Longitude', 'Precision',
  'MenuId', 'Count', 'TotalCount', 'FilterCount', 'SentCount', 'ErrorCount', 'CheckState', 'ArticleIdx', 'UserDeclareState',
  'AuditState', 'OriginalArticleType', 'CanReprint', 'NeedReplaceContent', 'NeedShowReprintSource', 'publish_id',
  'publish_status', 'count', 'idx', 'fail_idx', 'PopupScene', 'ExpiredTime', 'FailTime', 'FileTotalLen', 'IsGiveByFriend',
  'OuterId', 'IsRestoreMemberCard', 'IsRecommendByFriend', 'IsReturnBack', 'IsChatRoom', 'LocationId', 'ModifyBonus',
  'ModifyBalance', 'CreateOrderTime', 'PayFinishTime', 'action',
]);

function writeText(name: string, value: string): string {
  return BARE_FIELDS.has(name) ? valueElement(name, value) : cdataElement(name, value);
}

const writeAny: Write = (name, value) => {
  if (typeof value === 'string') return writeText(name, value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return writeText(name, String(value));
  if (Array.isArray(value)) return value.map((entry) => writeAny(name, entry)).join('');
  if (isRecord(value)) return `<${name}>${writeFields(value, NO_FIELDS)}</${name}>`;
  return '';
};

const NO_FIELDS = new Map<string, Write>();

function writeFields(record: Record<string, unknown>, writers: ReadonlyMap<string, Write>, skip?: ReadonlySet<string>): string {
  let out = '';
  for (const name of Object.keys(record)) {
    if (skip?.has(name)) continue;
    const value = record[name];
    if (value !== undefined && value !== null) out += (writers.get(name) ?? writeAny)(name, value);
  }
  return out;
}

function compile(spec: FieldSpec): Write {
  if (typeof spec === 'string') return writeAny;
  if (isOptionalSpec(spec)) return compile(spec.spec);
  if (isListSpec(spec)) {
    const writeItem = compile(spec.item);
    const tag = spec.itemTag;
    if (tag === null) return (name, value) => (Array.isArray(value) ? value.map((item) => writeItem(name, item)).join('') : writeItem(name, value));
    return (name, value) => {
      const items = Array.isArray(value) ? value : [value];
      return `<${name}>${items.map((item) => writeItem(tag, item)).join('')}</${name}>`;
    };
  }
  const writers = compileObject(spec);
  return (name, value) => (isRecord(value) ? `<${name}>${writeFields(value, writers)}</${name}>` : writeAny(name, value));
}

function compileObject(spec: ObjectSpec): Map<string, Write> {
  return new Map(Object.entries(spec).map(([name, fieldSpec]) => [name, compile(fieldSpec)]));
}

const MESSAGE_WRITERS = new Map(Object.entries(MESSAGE_FIELDS).map(([type, spec]) => [type, compileObject(spec)]));
const EVENT_WRITERS = new Map(Object.entries(EVENT_FIELDS).map(([event, spec]) => [event, compileObject(spec)]));

/** The callback XML for one message or event. */
export function renderMessageXml(message: AnyInboundMessage): string {
  const record = message as unknown as Record<string, unknown>;
  const writers =
    (record.MsgType === 'event' ? EVENT_WRITERS.get(record.Event as string) : MESSAGE_WRITERS.get(record.MsgType as string)) ?? NO_FIELDS;
  let out = '<xml>';
  for (const name of FIRST) {
    const value = record[name];
    if (typeof value === 'string') out += writeText(name, value);
  }
  return `${out}${writeFields(record, writers, FIRST_SET)}</xml>`;
}

const DIGITS = /^[0-9]{1,20}$/;
const NUMERIC_IDS = new Set(['CreateTime', 'MsgId', 'MsgID']);

/**
 * The callback in WeChat's JSON data format: the same field names, lists as arrays, and CreateTime / MsgId / MsgID
 * as bare numbers as in the docs' example (`"CreateTime": 1714037059`; ids beyond 2^53 are written digit for digit).
 */
export function renderMessageJson(message: AnyInboundMessage): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(message as unknown as Record<string, unknown>)) {
    if (value === undefined) continue;
    const json = NUMERIC_IDS.has(name) && typeof value === 'string' && DIGITS.test(value) ? value : JSON.stringify(value);
    parts.push(`${JSON.stringify(name)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
