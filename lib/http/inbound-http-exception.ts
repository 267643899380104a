import { HttpException } from '@nestjs/common';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';

/** The HTTP answer for a refused callback: the reason's status, the reason code and our message — no secrets. */
export function toHttpException(error: WechatInboundError): HttpException {
  return new HttpException({ statusCode: error.status, error: error.reason, message: error.message }, error.status, {
    cause: error,
  });
}
