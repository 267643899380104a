import { Controller, Get, Header, HttpCode, Post, Req, UseGuards, UseInterceptors, type Type } from '@nestjs/common';
import { WechatInboundPipeline } from '../inbound/inbound.pipeline.js';
import type { Reply } from '../message/reply.js';
import type { HttpRequestLike } from './http-request.js';
import { WechatSignatureGuard } from './signature.guard.js';
import { WechatXmlInterceptor } from './xml-body.interceptor.js';
import { WechatInboundService } from './wechat-inbound.service.js';

/**
 * The built-in callback route, mounted at `path` (default account) and `path/:account` (others, by name or AppID).
 * A class per module registration because a controller's path is fixed when the class is decorated.
 */
export function createCallbackController(path: string): Type<unknown> {
  @Controller(path)
  @UseGuards(WechatSignatureGuard)
  class WechatCallbackController {
    constructor(
      private readonly inbound: WechatInboundService,
      private readonly pipeline: WechatInboundPipeline,
    ) {}

    /** 接入验证: answers the echostr verbatim once the guard has checked the signature. */
    @Get(['', ':account'])
    @Header('Content-Type', 'text/plain; charset=utf-8')
    @Header('Cache-Control', 'no-store')
    handshake(@Req() req: HttpRequestLike): string {
      return this.inbound.verifyHandshake(req);
    }

    @Post(['', ':account'])
    @HttpCode(200)
    @UseInterceptors(WechatXmlInterceptor)
    async receive(@Req() req: HttpRequestLike): Promise<Reply | null> {
      return this.pipeline.process(await this.inbound.open(req));
    }
  }
  return WechatCallbackController;
}
