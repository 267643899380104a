import { ForbiddenException, Injectable, IntrinsicException, Logger } from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';
import type { AnyInboundMessage } from '../message/message-types.js';
import type { Reply } from '../message/reply.js';
import { normalizeHandlerResult } from './handler-result.normalizer.js';
import { HANDLER_MESSAGES } from './handlers.messages.js';
import type { WechatInboundContext } from '../protocol/inbound-context.js';
import type { WechatHandler } from './wechat-handler.interface.js';
import { WechatHandlerRegistry } from './wechat-handler.registry.js';

/**
 * Runs the one handler that claims a message (see `WechatHandlerRegistry` for the order) and turns its return
 * value into the passive reply.
 *
 * - Handlers run through Nest's `ExternalContextCreator`: guards, interceptors, pipes and exception filters
 *   (global, class and method) apply. Their `ExecutionContext` has `getType() === 'wechat'` and
 *   `getArgs()` `[message, context]`; global HTTP-only enhancers should check the type.
 * - Return values: a string is a text reply (`''` = no reply); a `Reply` object is sent as is; nothing
 *   (`undefined`/`null`) means no reply. Promises and Observables are awaited. Anything else is logged and
 *   treated as no reply.
 * - A guard that refuses, or a handler/pipe/interceptor that throws, means no reply. An exception filter that
 *   catches the error may return a reply (string or `Reply`) or `null`; a filter returning `undefined` leaves
 *   the error unhandled (Nest's rule), and it is logged once with its stack.
 *
 * Never rejects: a failing handler resolves `null`, so the HTTP layer answers `success` (a 5xx would make
 * WeChat retry and then show users "该公众号暂时无法提供服务").
 */
@Injectable()
export class WechatDispatcher {
  private readonly logger = new Logger('WechatDispatcher');

  constructor(private readonly registry: WechatHandlerRegistry) {}

  /**
   * Resolves to the handler's reply, or null for "no reply" (no handler, the handler returned nothing,
   * a guard refused, or the handler failed and no exception filter produced a value).
   */
  async dispatch(message: AnyInboundMessage, context: WechatInboundContext): Promise<Reply | null> {
    const resolution = this.registry.resolve(message, context.account);
    if (!resolution) return null;
    const { handler, scene } = resolution;
    const handlerContext = scene === undefined || context.scene === scene ? context : { ...context, scene };
    let result: unknown;
    try {
      // Rejections from guards, pipes, interceptors and the handler first pass Nest's exception filters
      // (ExternalContextCreator); a filter's return value arrives here as the result.
      result = await handler.invoke(message, handlerContext);
      if (isObservable(result)) result = await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      this.reportFailure(handler, error);
      return null;
    }
    const normalized = normalizeHandlerResult(result);
    if (normalized.ok) return normalized.reply;
    this.logger.error(HANDLER_MESSAGES.invalidResult(handler.label, normalized.what));
    return null;
  }

  /** How many claims the dispatch table holds (a method with two decorators counts twice). */
  get handlerCount(): number {
    return this.registry.handlerCount;
  }

  /** The dispatch table, one `key → ClassName.method` line per claim, for debugging. */
  describe(): string[] {
    return this.registry.describe();
  }

  /**
   * Logs an error that no exception filter handled, once. Nest's own `ExceptionsHandler` logger has already
   * logged (message and stack) every `Error` that is not an `IntrinsicException` (such as `HttpException`);
   * this logs the rest. A guard's refusal (`ForbiddenException`) is routine and only logged at debug level.
   */
  private reportFailure(handler: WechatHandler, error: unknown): void {
    if (error instanceof ForbiddenException) {
      this.logger.debug(HANDLER_MESSAGES.guardDenied(handler.label));
      return;
    }
    if (error instanceof Error && !(error instanceof IntrinsicException)) return;
    const summary = error instanceof Error ? `${error.name}: ${error.message}` : `non-Error value of type ${typeof error}`;
    this.logger.error(HANDLER_MESSAGES.handlerFailed(handler.label, summary), error instanceof Error ? error.stack : undefined);
  }
}
