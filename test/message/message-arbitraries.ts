import fc from 'fast-check';
import { isListSpec, isOptionalSpec, type FieldSpec, type ObjectSpec } from '../../lib/message/message-schema.js';
import { EVENT_FIELDS, MESSAGE_FIELDS } from '../../lib/message/message-types.js';

/** Text XML 1.0 can carry (fast-check's "binary" unit already excludes lone surrogates). */
export const xmlString = fc
  .string({ unit: 'binary', maxLength: 24 })
  .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

/**
 * Values for any field spec, derived from the table itself, so a new type is covered by the round-trip tests
 * the moment it is added. Optional repeated-element lists are never empty: XML cannot tell them from absent.
 */
export function arbitraryFor(spec: FieldSpec, optionalList = false): fc.Arbitrary<unknown> {
  if (spec === 'string' || spec === 'string?') return xmlString;
  if (isOptionalSpec(spec)) return arbitraryFor(spec.spec, true);
  if (isListSpec(spec)) {
    const minLength = optionalList && spec.itemTag === null ? 1 : 0;
    return fc.array(arbitraryFor(spec.item), { minLength, maxLength: 3 });
  }
  return objectArbitrary(spec);
}

export function objectArbitrary(spec: ObjectSpec): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, fieldSpec] of Object.entries(spec)) {
    model[name] = arbitraryFor(fieldSpec);
    if (fieldSpec === 'string' || (typeof fieldSpec === 'object' && !isOptionalSpec(fieldSpec))) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}

const base = fc.record({
  ToUserName: xmlString,
  FromUserName: xmlString,
  CreateTime: fc.integer({ min: 0, max: 2 ** 31 }).map(String),
});

/** [label, arbitrary message] for every message and event type in the table. */
export const EVERY_TYPE: [string, fc.Arbitrary<Record<string, unknown>>][] = [
  ...Object.entries(MESSAGE_FIELDS).map(([type, spec]): [string, fc.Arbitrary<Record<string, unknown>>] => [
    type,
    fc.tuple(base, objectArbitrary(spec)).map(([b, fields]) => ({ ...b, MsgType: type, ...fields })),
  ]),
  ...Object.entries(EVENT_FIELDS).map(([event, spec]): [string, fc.Arbitrary<Record<string, unknown>>] => [
    `event ${event}`,
    fc.tuple(base, objectArbitrary(spec)).map(([b, fields]) => ({ ...b, MsgType: 'event', Event: event, ...fields })),
  ]),
];
