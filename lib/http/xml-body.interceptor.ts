import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { HandlerResult } from '../message/reply.js';
import type { HttpRequestLike } from './http-request.js';
import { WechatInboundService } from './wechat-inbound.service.js';

/**
 * Turns a WeChat POST callback into a typed message and the route's return value into WeChat's answer, for routes
 * of your own (the built-in controller does the same without Nest's interceptor machinery).
 * Before the route: the callback is verified and opened (`WechatInboundService.open(req)`, memoized; the guard has
 * normally done it already); a refusal answers its status. After: a `Reply` (or string) becomes passive-reply
 * XML/JSON, encrypted when the request was; null/undefined, or a route that completes without a value, becomes
 * `success`. A failure after verification is logged and answered with `success`: a 5xx would make WeChat retry
 * and show users "该公众号暂时无法提供服务".
 */
@Injectable()
export class WechatXmlInterceptor implements NestInterceptor {
  constructor(
    private readonly inbound: WechatInboundService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<string> {
    const http = context.switchToHttp();
    return from(this.handle(http.getRequest<HttpRequestLike>(), http.getResponse<unknown>(), next));
  }

  private async handle(req: HttpRequestLike, res: unknown, next: CallHandler): Promise<string> {
    const opened = await this.inbound.openOrRefuse(req);
    const sealed = await this.inbound.answer(opened, () => lastValueFrom(next.handle() as Observable<HandlerResult>, { defaultValue: undefined }));
    this.adapterHost.httpAdapter.setHeader(res, 'Content-Type', sealed.contentType);
    return sealed.body;
  }
}
