import { HANDLER_MESSAGES } from '../handlers.messages.js';
import { WechatHandlerDefinitionError } from '../wechat-handler.error.js';
import { createHandlerDecorator, describeValue } from './handler-decorator.factory.js';

/**
 * Handles text messages. No pattern: every text message. A string: the whole `Content`, exactly
 * (case-sensitive, not trimmed). A RegExp: `pattern.test(Content)`; the `g` and `y` flags are refused because
 * their `lastIndex` state would make matching depend on earlier messages.
 */
export function OnText(pattern?: string | RegExp): MethodDecorator {
  if (pattern === undefined) return createHandlerDecorator('OnText', { kind: 'text' });
  if (typeof pattern === 'string') {
    if (pattern.length === 0) {
      throw new WechatHandlerDefinitionError(
        HANDLER_MESSAGES.invalidArgument('OnText', 'the pattern must not be empty (text messages are never empty); omit it to match any text'),
      );
    }
    return createHandlerDecorator('OnText', { kind: 'text', pattern });
  }
  if (pattern instanceof RegExp) {
    if (pattern.global || pattern.sticky) {
      throw new WechatHandlerDefinitionError(
        HANDLER_MESSAGES.invalidArgument(
          'OnText',
          `${String(pattern)} has the ${pattern.global ? 'g' : 'y'} flag; its lastIndex state would make matching depend on earlier messages`,
        ),
      );
    }
    return createHandlerDecorator('OnText', { kind: 'text', pattern });
  }
  throw new WechatHandlerDefinitionError(
    HANDLER_MESSAGES.invalidArgument('OnText', `the pattern must be a string or a RegExp, got ${describeValue(pattern)}`),
  );
}
