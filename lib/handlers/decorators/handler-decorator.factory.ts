import { WECHAT_HANDLER_METADATA } from '../../wechat-mp.constants.js';
import type { HandlerMatcher } from '../handler-matcher.js';
import { HANDLER_MESSAGES } from '../handlers.messages.js';
import { WechatHandlerDefinitionError } from '../wechat-handler.error.js';

/**
 * Builds a method decorator that adds one matcher to the method's `WECHAT_HANDLER_METADATA` list, so one
 * method may carry several decorators (as nestjs-telegraf's do). The list keeps source order, top to bottom:
 * decorators run bottom-up, so each one prepends.
 */
export function createHandlerDecorator(decorator: string, matcher: HandlerMatcher): MethodDecorator {
  Object.freeze(matcher);
  return (_target, _key, descriptor) => {
    const method: unknown = descriptor?.value;
    if (typeof method !== 'function') throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.notAMethod(decorator));
    const existing = (Reflect.getOwnMetadata(WECHAT_HANDLER_METADATA, method) as HandlerMatcher[] | undefined) ?? [];
    Reflect.defineMetadata(WECHAT_HANDLER_METADATA, [matcher, ...existing], method);
  };
}

/** A key compared exactly against what WeChat sends: a non-empty string. */
export function requireKey(decorator: string, what: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new WechatHandlerDefinitionError(
      HANDLER_MESSAGES.invalidArgument(decorator, `${what} must be a string, got ${describeValue(value)}`),
    );
  }
  if (value.length === 0) {
    throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.invalidArgument(decorator, `${what} must not be empty`));
  }
  return value;
}

/** An event name: a non-empty string without surrounding whitespace (it could never match). */
export function requireEventName(decorator: string, value: unknown): string {
  const name = requireKey(decorator, 'the event name', value);
  if (name.trim() !== name) {
    throw new WechatHandlerDefinitionError(
      HANDLER_MESSAGES.invalidArgument(decorator, `the event name "${name}" has surrounding whitespace`),
    );
  }
  return name;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return 'a RegExp';
  return typeof value === 'object' ? 'an object' : typeof value;
}
