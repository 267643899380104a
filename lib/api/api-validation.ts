import { WechatValidationError } from '../errors/wechat-validation.error.js';

/**
 * Small checks run before a request is sent, so a documented limit fails here with the field's path instead of
 * costing a call (and a quota unit) to learn the same from WeChat.
 */

export function invalid(field: string, reason: string): never {
  throw new WechatValidationError(field, reason);
}

/** UTF-8 length: WeChat counts menu names and keys in bytes (a Chinese character is 3). */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

export interface StringRule {
  /** Longest value in UTF-8 bytes. */
  maxBytes?: number;
  /** Longest value in characters. */
  maxChars?: number;
  /** Default: a required string must not be empty. */
  optional?: boolean;
}

/** A string (non-empty unless optional) within its limits; returns it for chaining. */
export function checkString(value: unknown, field: string, rule: StringRule = {}): string | undefined {
  if (value === undefined || value === null) {
    if (rule.optional) return undefined;
    invalid(field, 'is required');
  }
  if (typeof value !== 'string') invalid(field, 'must be a string');
  if (!rule.optional && value.length === 0) invalid(field, 'must not be empty');
  if (rule.maxChars !== undefined && [...value].length > rule.maxChars) {
    invalid(field, `must be at most ${rule.maxChars} characters (got ${[...value].length})`);
  }
  if (rule.maxBytes !== undefined && utf8Length(value) > rule.maxBytes) {
    invalid(field, `must be at most ${rule.maxBytes} bytes in UTF-8 (got ${utf8Length(value)})`);
  }
  return value;
}

/** An integer in `[min, max]`. */
export function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) invalid(field, 'must be an integer');
  if (value < min || value > max) invalid(field, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** An array with `min`..`max` entries. */
export function checkArray<T = unknown>(value: unknown, field: string, min: number, max: number): T[] {
  if (!Array.isArray(value)) invalid(field, 'must be an array');
  if (value.length < min || value.length > max) {
    invalid(field, min === max ? `must have exactly ${min} entries` : `must have ${min} to ${max} entries (got ${value.length})`);
  }
  return value as T[];
}

export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(field, 'must be an object');
  return value as Record<string, unknown>;
}

/** One of `allowed`. */
export function checkOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
