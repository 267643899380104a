import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The value rules of 订阅通知 template data, by the key's kind (`thing1` → `thing`), from 发送订阅通知:
 * thing 20个以内字符, number/letter/character_string 32位以内, symbol 5位以内, phone_number 17位以内,
 * car_number 8位以内, name 10个以内纯汉字或20个以内纯字母或符号, phrase 5个以内汉字, amount 1个币种符号+10位以内纯数字.
 * Kinds not listed (time, date, and any the platform adds) are only checked to be strings or numbers.
 */
export const SUBSCRIBE_VALUE_LIMITS: Readonly<Record<string, number>> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 20,
  phrase: 5,
  amount: 11,
};
/** `name` holds 10 Chinese characters (or 20 letters). */
const NAME_CJK_LIMIT = 10;
const KEY = /^([a-z_]+?)(\d+)$/;
const CJK = /[\u3400-\u9fff]/;

/** The first problem of a `data` object (`{ thing1: { value: '…' } }`), as a `[path, reason]`, or undefined. */
export function subscribeDataProblem(data: unknown): [string, string] | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['', 'must be an object of { key: { value } }'];
  const entries = Object.entries(data);
  if (entries.length === 0) return ['', 'must have at least one key'];
  for (const [key, entry] of entries) {
    const kind = KEY.exec(key)?.[1];
    if (!kind) return [key, 'is not a template key (kind + number, e.g. thing1)'];
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [key, 'must be { value }'];
    const extra = Object.keys(entry).find((k) => k !== 'value');
    if (extra !== undefined) return [`${key}.${extra}`, 'is not a documented field'];
    const value = (entry as { value?: unknown }).value;
    if (typeof value === 'number') continue;
    if (typeof value !== 'string' || value === '') return [`${key}.value`, 'must be a non-empty string'];
    const max = kind === 'name' && CJK.test(value) ? NAME_CJK_LIMIT : SUBSCRIBE_VALUE_LIMITS[kind];
    if (max !== undefined && [...value].length > max) return [`${key}.value`, `must be at most ${max} characters (${kind})`];
  }
  return undefined;
}

/** `data` of a 订阅通知 send: template keys with values within their kind's limit. */
export function IsSubscribeData(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubscribeData',
      validator: {
        validate: (value: unknown) => subscribeDataProblem(value) === undefined,
        defaultMessage: (args) => {
          const [path, reason] = subscribeDataProblem(args?.value) ?? ['', 'is invalid'];
          // the field is `data`; the reason names the key inside it
          return path ? `${path} ${reason}` : `${args?.property} ${reason}`;
        },
      },
    },
    options,
  );
}
