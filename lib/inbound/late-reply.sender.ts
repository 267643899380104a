import { Injectable, Logger } from '@nestjs/common';
import { WechatServices } from '../api/wechat-services.js';
import { describeError } from '../errors/describe-error.js';
import { WechatApiError } from '../errors/wechat-api.error.js';
import type { AnyInboundMessage } from '../message/message-types.js';
import type { Reply } from '../message/reply.js';
import { PIPELINE_MESSAGES as MESSAGES } from './inbound-pipeline.messages.js';
import { toCustomerServiceMessage } from './late-reply.js';

/**
 * Delivers a reply that missed the passive-reply window as a customer-service message to the sender, through the
 * account's own `MessageService`. Never throws: a reply that cannot be delivered is logged with the reason
 * (errcode and errmsg from WeChat, never a token).
 */
@Injectable()
export class WechatLateReplySender {
  private readonly logger = new Logger('WechatInbound');

  constructor(private readonly services: WechatServices) {}

  async send(account: { readonly name: string; readonly appId: string }, message: AnyInboundMessage, reply: Reply): Promise<boolean> {
    try {
      // Inside the try: a malformed reply object (a handler's own literal) must be logged, not thrown late.
      const mapped = toCustomerServiceMessage(reply);
      if ('reason' in mapped) {
        this.logger.warn(MESSAGES.lateReplyNotSent(account.name, reply.type, MESSAGES.transferNotPossible));
        return false;
      }
      if (mapped.droppedArticles > 0) this.logger.warn(MESSAGES.lateReplyTrimmed(account.name, mapped.droppedArticles));
      await this.services.forAccount(account.appId).message.sendCustomerService(message.FromUserName, mapped.message);
      this.logger.log(MESSAGES.lateReplySent(account.name, reply.type));
      return true;
    } catch (error) {
      const reason = error instanceof WechatApiError ? `errcode ${error.errcode}: ${error.errmsg}` : describeError(error);
      this.logger.error(MESSAGES.lateReplyNotSent(account.name, reply.type, reason));
      return false;
    }
  }
}
