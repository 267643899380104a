import type { PipeTransform } from '@nestjs/common';
import { WECHAT_PARAM_METADATA } from '../../wechat-mp.constants.js';
import type { WechatInboundContext } from '../../protocol/inbound-context.js';
import { HANDLER_MESSAGES } from '../handlers.messages.js';
import { WechatHandlerDefinitionError } from '../wechat-handler.error.js';
import { WechatParamType } from '../wechat-params.factory.js';

/** One entry of `WECHAT_PARAM_METADATA`, keyed `${type}:${index}` like Nest's route params. */
export interface WechatParamMetadata {
  index: number;
  data?: string;
  pipes: PipeTransform[];
}

function isPipe(value: unknown): value is PipeTransform {
  return value !== null && typeof value === 'object' && typeof (value as PipeTransform).transform === 'function';
}

function createParamDecorator(decorator: string, type: WechatParamType) {
  return (fieldOrPipe?: string | PipeTransform, ...pipes: PipeTransform[]): ParameterDecorator => {
    const data = typeof fieldOrPipe === 'string' ? fieldOrPipe : undefined;
    const allPipes: unknown[] = fieldOrPipe === undefined || data !== undefined ? pipes : [fieldOrPipe, ...pipes];
    for (const pipe of allPipes) {
      if (!isPipe(pipe)) throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.pipeNotAnInstance(decorator));
    }
    return (target, key, index) => {
      if (key === undefined) throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.notAMethod(decorator));
      const args = (Reflect.getMetadata(WECHAT_PARAM_METADATA, target.constructor, key) as Record<string, WechatParamMetadata>) ?? {};
      const entry: WechatParamMetadata = { index, data, pipes: allPipes as PipeTransform[] };
      Reflect.defineMetadata(WECHAT_PARAM_METADATA, { ...args, [`${type}:${index}`]: entry }, target.constructor, key);
    };
  };
}

interface WechatMessageDecorator {
  /** The typed inbound message, optionally run through pipe instances. */
  (...pipes: PipeTransform[]): ParameterDecorator;
  /** One field of the message (e.g. `'Content'`), optionally run through pipe instances. */
  (field: string, ...pipes: PipeTransform[]): ParameterDecorator;
}

interface WechatContextDecorator {
  (...pipes: PipeTransform[]): ParameterDecorator;
  (field: keyof WechatInboundContext, ...pipes: PipeTransform[]): ParameterDecorator;
}

/**
 * Injects the inbound message (or one of its fields). Pipes passed here, and method/class/global pipes, run on
 * it. Handlers without parameter decorators receive `(message, context)` positionally.
 */
export const WechatMessage: WechatMessageDecorator = createParamDecorator('WechatMessage', WechatParamType.message);

/** Injects the `WechatInboundContext` (account, mode, format, openid, scene), or one of its fields. */
export const WechatContext: WechatContextDecorator = createParamDecorator('WechatContext', WechatParamType.context);
