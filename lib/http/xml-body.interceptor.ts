import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { catchError, from, map, of, switchMap, type Observable } from 'rxjs';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import type { HandlerResult, Reply } from '../message/reply.js';
import type { HttpRequestLike } from './http-request.js';
import { toHttpException } from './inbound-http-exception.js';
import { SUCCESS_REPLY, WechatInboundService, type OpenedCallback, type SealedReply } from './wechat-inbound.service.js';

/**
 * Turns a WeChat POST callback into a typed message and the route's return value into WeChat's answer.
 * Before the route: the callback is verified and opened (`WechatInboundService.open(req)`, memoized; the guard has
 * normally done it already). After: a `Reply` (or string) becomes passive-reply XML/JSON, encrypted when the
 * request was; null/undefined becomes `success`. A failure after verification is logged and answered with
 * `success`: a 5xx would make WeChat retry and show users "该公众号暂时无法提供服务".
 */
@Injectable()
export class WechatXmlInterceptor implements NestInterceptor {
  private readonly logger = new Logger('WechatInbound');

  constructor(
    private readonly inbound: WechatInboundService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<string> {
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequestLike>();
    const res = http.getResponse<unknown>();
    return from(this.openOrRefuse(req)).pipe(
      switchMap((opened) =>
        next.handle().pipe(
          map((result: HandlerResult) => this.inbound.seal(opened, toReply(result))),
          catchError((error: unknown) => {
            this.logger.error(`Callback handling failed; answered "success": ${describe(error)}`, stackOf(error));
            return of(SUCCESS_REPLY);
          }),
          map((sealed) => this.send(res, sealed)),
        ),
      ),
    );
  }

  private async openOrRefuse(req: HttpRequestLike): Promise<OpenedCallback> {
    try {
      return await this.inbound.open(req);
    } catch (error) {
      if (error instanceof WechatInboundError) {
        this.inbound.logRefusal(error, req);
        throw toHttpException(error);
      }
      throw error;
    }
  }

  private send(res: unknown, sealed: SealedReply): string {
    this.adapterHost.httpAdapter.setHeader(res, 'Content-Type', sealed.contentType);
    return sealed.body;
  }
}

function toReply(result: HandlerResult): Reply | null {
  // WeChat treats an empty answer like `success`.
  if (result === null || result === undefined || result === '') return null;
  if (typeof result === 'string') return { type: 'text', content: result };
  return result;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
