import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import type { DtoClass } from '../endpoint.js';

/**
 * Every declared field has a decorator, so an undeclared one is refused: a misspelt documented field name
 * (`tagid` for `tag_id`) fails here instead of being silently ignored by WeChat.
 */
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/**
 * Checks `input` against the DTO class's class-validator decorators (nested DTOs through class-transformer's
 * `@Type`). Returns the input unchanged: the DTO mirrors the wire body, so what was checked is what is sent.
 * Throws `WechatValidationError` naming the field path (`button[1].sub_button[0].url`); never the value.
 */
export function validateDto<T extends object>(dto: DtoClass<T>, input: unknown, root = 'request'): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new WechatValidationError(root, 'must be an object');
  }
  const errors = validateSync(plainToInstance(dto, withBinaryAsBuffers(input)), OPTIONS);
  if (errors.length > 0) {
    const [field, reason] = firstProblem(errors[0]!, '');
    throw new WechatValidationError(field, reason);
  }
  return input as T;
}

/**
 * class-transformer copies a Buffer in one go but walks any other typed array index by index (a 200 KB Uint8Array
 * took 100 s): files are handed to it as Buffer views of the same bytes, no copy. Only plain objects and arrays are
 * descended, the rest is passed as is.
 */
function withBinaryAsBuffers(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.some(isContainer) ? value.map(withBinaryAsBuffers) : value;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withBinaryAsBuffers(field)]));
}

function isContainer(value: unknown): boolean {
  return ArrayBuffer.isView(value) || Array.isArray(value) || isPlainObject(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The deepest first failing constraint, as a path in the wire body's own names and a reason without the value. */
function firstProblem(error: ValidationError, parent: string): [string, string] {
  const path = /^\d+$/.test(error.property)
    ? `${parent}[${error.property}]`
    : parent ? `${parent}.${error.property}` : error.property;
  const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
  if (message !== undefined) return [path, reasonOf(message, error.property)];
  const child = error.children?.[0];
  return child ? firstProblem(child, path) : [path, 'is invalid'];
}

/** class-validator messages start with the property name ("name must be …"); the path already says it. */
function reasonOf(message: string, property: string): string {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) return 'is not a documented field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
