import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WECHAT_ACCOUNT_METADATA, WECHAT_HANDLER_METADATA } from '../wechat-mp.constants.js';
import type { HandlerMatcher } from './handler-matcher.js';

/** Every `Reflector` read of the handlers layer, in one place (as `@nestjs/schedule`'s SchedulerMetadataAccessor). */
@Injectable()
export class WechatHandlerMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  /** The matchers a method was decorated with, in source order; undefined when it is not a handler. */
  getMatchers(method: Function): readonly HandlerMatcher[] | undefined {
    const matchers = this.reflector.get<HandlerMatcher[] | undefined>(WECHAT_HANDLER_METADATA, method);
    return matchers && matchers.length > 0 ? matchers : undefined;
  }

  /** The `@ForAccount()` argument that applies to a method: the method's own, else its class's. */
  getAccount(method: Function, hostClass: Function): string | undefined {
    return this.reflector.getAllAndOverride<string | undefined>(WECHAT_ACCOUNT_METADATA, [method, hostClass]);
  }
}
