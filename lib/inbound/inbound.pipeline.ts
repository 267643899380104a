import { Injectable } from '@nestjs/common';
import type { OpenedCallback } from '../http/wechat-inbound.service.js';
import { WechatDispatcher } from '../handlers/wechat.dispatcher.js';
import type { Reply } from '../message/reply.js';

/**
 * What happens to an opened callback before its answer is sealed: dispatch to the handler table.
 * (Dedupe of WeChat's retries and the reply deadline wrap this step.)
 */
@Injectable()
export class WechatInboundPipeline {
  constructor(private readonly dispatcher: WechatDispatcher) {}

  process(opened: OpenedCallback): Promise<Reply | null> {
    return this.dispatcher.dispatch(opened.message, opened.context);
  }
}
