import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequestLike } from './http-request.js';
import { WechatInboundService } from './wechat-inbound.service.js';

/**
 * Lets only genuine WeChat callbacks through, for routes of your own (the built-in controller checks the same
 * inside its handlers). GET (接入验证): `signature` over (token, timestamp, nonce) and the replay window. POST: the
 * same, plus — with `encrypt_type=aes` — `msg_signature` over (token, timestamp, nonce, Encrypt), which needs the
 * body: it is read and opened here once and reused by `WechatXmlInterceptor`.
 * Refusals: 401 for signatures and timestamps, 400/413/415 for bodies; no handler runs.
 */
@Injectable()
export class WechatSignatureGuard implements CanActivate {
  constructor(private readonly inbound: WechatInboundService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<HttpRequestLike>();
    if (req.method === 'POST') await this.inbound.openOrRefuse(req);
    else this.inbound.handshakeOrRefuse(req);
    return true;
  }
}
