import { Controller, Get, Header, HttpCode, NotFoundException, Post, Req, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpRequestLike } from './http-request.js';
import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { WechatInboundService, type OpenedCallback } from './wechat-inbound.service.js';

/**
 * The built-in callback route, mounted at `path` (default account) and `path/:account` (others, by name or AppID).
 * A class per module registration because a controller's path is fixed when the class is decorated.
 *
 * It does what `WechatSignatureGuard` + `WechatXmlInterceptor` do on a route of your own, with the same answers
 * and logs, inside the handlers: Nest's guard and interceptor machinery (execution contexts, an rxjs chain per
 * request) cost more CPU per request than the protocol work itself (measured with `npm run bench`).
 */
export function createCallbackController(path: string, accountRoutes: boolean): Type<unknown> {
  // One account: `/<path>` only. Several: `/<path>/:account` too (forRootAsync says so with `accountRoutes: true`;
  // if it then turns out to be one account, the `:account` form answers 404 like an unmapped route).
  const routes = accountRoutes ? ['', ':account'] : '';
  @Controller(path)
  class WechatCallbackController {
    private readonly singleAccount: boolean;
    constructor(
      private readonly inbound: WechatInboundService,
      private readonly adapterHost: HttpAdapterHost,
      accounts: WechatAccounts,
    ) {
      this.singleAccount = accounts.all.length === 1;
      if (!accountRoutes && !this.singleAccount) {
        throw new WechatConfigError('accountRoutes', `${accounts.all.length} accounts need their /${path}/:account routes: pass accountRoutes: true to WechatMpModule.forRootAsync()`);
      }
    }

    /** 接入验证: answers the echostr verbatim once its signature and timestamp check out. */
    @Get(routes)
    @Header('Content-Type', 'text/plain; charset=utf-8')
    @Header('Cache-Control', 'no-store')
    handshake(@Req() req: HttpRequestLike): string {
      this.refuseAccountRoute(req);
      return this.inbound.handshakeOrRefuse(req);
    }

    @Post(routes)
    @HttpCode(200)
    receive(@Req() req: HttpRequestLike, @Res({ passthrough: true }) res: unknown): Promise<string> {
      this.refuseAccountRoute(req);
      const opening = this.inbound.openOnce(req);
      return opening instanceof Promise ? opening.then((opened) => this.respond(opened, res)) : this.respond(opening, res);
    }

    private respond(opened: OpenedCallback, res: unknown): Promise<string> {
      return this.inbound.answer(opened, () => this.inbound.handle(opened)).then((sealed) => {
        this.adapterHost.httpAdapter.setHeader(res, 'Content-Type', sealed.contentType);
        return sealed.body;
      });
    }

    private refuseAccountRoute(req: HttpRequestLike): void {
      if (this.singleAccount && req.params?.account !== undefined) {
        throw new NotFoundException(`Cannot ${req.method} ${(req.url ?? '').split('?', 1)[0]}`);
      }
    }
  }
  return WechatCallbackController;
}
