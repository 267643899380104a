/**
 * A tiny schema language for WeChat's XML/JSON payloads. One schema per message/event type drives three things:
 * the TypeScript type (`InferFields`), the parser (which paths are lists) and the emulator's builders.
 *
 * - `'string'` / `'string?'`: a text field, required / optional. Values are kept exactly as sent (no coercion).
 * - a nested object of specs: an element with child elements.
 * - `list(spec, itemTag)`: a list; in XML each entry is an `<itemTag>` child (WeChat uses `item`), or, with
 *   `itemTag` null, the element itself repeats. Parsed lists are always arrays, even with one entry.
 */
export type FieldSpec = 'string' | 'string?' | ObjectSpec | ListSpec | OptionalSpec;
export interface ObjectSpec {
  readonly [field: string]: FieldSpec;
}
export interface ListSpec {
  readonly kind: 'list';
  readonly item: FieldSpec;
  readonly itemTag: string | null;
}
export interface OptionalSpec {
  readonly kind: 'optional';
  readonly spec: ObjectSpec | ListSpec;
}

export const list = <S extends FieldSpec>(item: S, itemTag: string | null = 'item') =>
  ({ kind: 'list', item, itemTag }) as const;
/** Marks a nested object or list as optional. */
export const optional = <S extends ObjectSpec | ListSpec>(spec: S) => ({ kind: 'optional', spec }) as const;

type IsOptional<S> = S extends 'string?' ? true : S extends { kind: 'optional' } ? true : false;

export type InferField<S> = S extends 'string' | 'string?'
  ? string
  : S extends { kind: 'optional'; spec: infer I }
    ? InferField<I>
    : S extends { kind: 'list'; item: infer I }
      ? InferField<I>[]
      : S extends ObjectSpec
        ? InferFields<S>
        : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type InferFields<S> = Simplify<
  { -readonly [K in keyof S as IsOptional<S[K]> extends true ? never : K]: InferField<S[K]> } & {
    -readonly [K in keyof S as IsOptional<S[K]> extends true ? K : never]?: InferField<S[K]>;
  }
>;

export function isListSpec(spec: FieldSpec): spec is ListSpec {
  return typeof spec === 'object' && (spec as ListSpec).kind === 'list';
}
export function isOptionalSpec(spec: FieldSpec): spec is OptionalSpec {
  return typeof spec === 'object' && (spec as OptionalSpec).kind === 'optional';
}
