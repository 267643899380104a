import { Injectable, type ParamData } from '@nestjs/common';
import type { ParamsFactory } from '@nestjs/core';

/**
 * What a parameter decorator asks for; the value is the index into the handler's call arguments
 * `(message, context)`, which are also what guards and interceptors see in `host.getArgs()`.
 */
export const WechatParamType = { message: 0, context: 1 } as const;
export type WechatParamType = (typeof WechatParamType)[keyof typeof WechatParamType];

/** Resolves `@WechatMessage()` / `@WechatContext()` for `ExternalContextCreator` (necord's `NecordParamsFactory` shape). */
@Injectable()
export class WechatParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: ParamData | undefined, args: unknown[]): unknown {
    const value = args?.[type];
    if (typeof data === 'string' && value !== null && typeof value === 'object') return (value as Record<string, unknown>)[data];
    return value;
  }
}
