import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { isListSpec, isOptionalSpec, type FieldSpec, type ListSpec, type ObjectSpec } from './message-schema.js';
import { EVENT_FIELDS, MESSAGE_FIELDS, type AnyInboundMessage } from './message-types.js';
import { MESSAGE_MESSAGES as M } from './message.messages.js';
import { setOwnField } from './own-field.js';

/**
 * Turns parsed callback fields (from `parseCallbackXml` or `parseCallbackJson`) into the typed message shape,
 * driven by MESSAGE_FIELDS / EVENT_FIELDS:
 * - text fields are strings exactly as sent (JSON numbers already arrive as their exact text);
 * - lists are always arrays, even with one entry: `<PicList><item>…</item></PicList>` becomes `[{ PicMd5Sum }]`,
 *   lists with `itemTag: null` are the repeated element itself; a missing optional list stays absent;
 * - unknown types and unknown fields are kept with everything as parsed, never dropped.
 * Each type's normalizer is compiled once, at module load; a call only walks the fields that arrived.
 *
 * @throws WechatInboundError `body_not_a_message` when there is no MsgType.
 */
export function toInboundMessage(fields: Record<string, unknown>): AnyInboundMessage {
  const msgType = scalar(fields.MsgType);
  if (typeof msgType !== 'string' || msgType === '') throw new WechatInboundError('body_not_a_message', M.noMsgType);
  const plan =
    msgType === 'event' ? EVENT_PLANS.get(scalar(fields.Event) as string) : MESSAGE_PLANS.get(msgType);
  return (plan ?? BASE_PLAN)(fields) as unknown as AnyInboundMessage;
}

type Normalize = (value: unknown) => unknown;
type RecordNormalize = (record: Record<string, unknown>) => Record<string, unknown>;

const BASE_FIELDS = {
  ToUserName: 'string',
  FromUserName: 'string',
  CreateTime: 'string',
  MsgType: 'string',
  Event: 'string?',
} as const satisfies ObjectSpec;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text field: strings as sent; a repeated element keeps its first value; a nested element is kept as sent. */
function scalar(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return scalar(value[0]);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return undefined;
  return value;
}

function compile(spec: FieldSpec): Normalize {
  if (typeof spec === 'string') return scalar;
  if (isOptionalSpec(spec)) return compile(spec.spec);
  if (isListSpec(spec)) return compileList(spec);
  const normalizeRecord = compileObject(spec);
  return (value) => {
    const one = Array.isArray(value) ? value[0] : value;
    if (one === '') return normalizeRecord({});
    if (isRecord(one)) return normalizeRecord(one);
    return one === null ? undefined : one;
  };
}

function compileList(spec: ListSpec): Normalize {
  const normalizeItem = compile(spec.item);
  const tag = spec.itemTag;
  const entriesOf =
    tag === null
      ? (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null ? [] : [value])
      : (value: unknown): unknown[] => {
          // XML: `<List><item>…</item>…</List>` (a wrapper, possibly repeated or empty); JSON: an array of items.
          if (value === '' || value === null) return [];
          if (Array.isArray(value)) return value.flatMap((entry) => (isWrapper(entry, tag) ? itemsOf(entry[tag]) : [entry]));
          if (isWrapper(value, tag)) return itemsOf(value[tag]);
          return [value];
        };
  return (value) => {
    const out: unknown[] = [];
    for (const entry of entriesOf(value)) {
      const normalized = normalizeItem(entry);
      if (normalized !== undefined) out.push(normalized);
    }
    return out;
  };
}

function isWrapper(value: unknown, tag: string): value is Record<string, unknown> {
  return isRecord(value) && Object.hasOwn(value, tag);
}
function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function compileObject(spec: ObjectSpec): RecordNormalize {
  const normalizers = new Map<string, Normalize>();
  const requiredLists: string[] = [];
  for (const [name, fieldSpec] of Object.entries(spec)) {
    normalizers.set(name, compile(fieldSpec));
    if (isListSpec(fieldSpec)) requiredLists.push(name);
  }
  return (record) => {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(record)) {
      const normalize = normalizers.get(name);
      const value = normalize ? normalize(record[name]) : record[name];
      if (value !== undefined) setOwnField(out, name, value);
    }
    for (const name of requiredLists) if (!Object.hasOwn(out, name)) out[name] = [];
    return out;
  };
}

function compilePlans(table: Record<string, ObjectSpec>): Map<string, RecordNormalize> {
  return new Map(Object.entries(table).map(([type, spec]) => [type, compileObject({ ...BASE_FIELDS, ...spec })]));
}

const BASE_PLAN = compileObject(BASE_FIELDS);
const MESSAGE_PLANS = compilePlans(MESSAGE_FIELDS);
const EVENT_PLANS = compilePlans(EVENT_FIELDS);
