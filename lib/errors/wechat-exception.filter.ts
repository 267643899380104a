import { Catch, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WechatApiError } from './wechat-api.error.js';
import { WechatTransportError } from './wechat-transport.error.js';
import { WechatValidationError } from './wechat-validation.error.js';

/** Errcodes that mean "too many calls": answered 429 so a client backs off instead of retrying at once. */
const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([45009, 45011, 45047]);

/** The JSON body the filter answers with; never the request, the token or the AppSecret. */
export interface WechatErrorBody {
  statusCode: number;
  error: string;
  /** The error's message: the field and reason, or WeChat's errcode, errmsg and path. */
  message: string;
  /** `WECHAT_VALIDATION_ERROR`, `WECHAT_API_ERROR`, `WECHAT_TRANSPORT_ERROR`… */
  code: string;
  field?: string;
  reason?: string;
  errcode?: number;
  errmsg?: string;
  /** The WeChat API path, without its query. */
  path?: string;
  rid?: string;
}

/**
 * Opt-in exception filter for the app's own controllers (admin endpoints calling the outbound services):
 * - `WechatValidationError` → 400 naming the field (`button[1].sub_button[0].url`) and the reason;
 * - `WechatApiError` → 502 (429 for quota and frequency limits) with WeChat's errcode, errmsg, API path and rid;
 * - `WechatTransportError` → 504 for a timeout, 502 otherwise.
 * Instead of a bare 500 with a stack in the log, one warning line names the API path and errcode.
 *
 * `app.useGlobalFilters(new WechatExceptionFilter(app.get(HttpAdapterHost)))`, `{ provide: APP_FILTER,
 * useClass: WechatExceptionFilter }`, or `@UseFilters(WechatExceptionFilter)` on a controller. Works on Express and
 * Fastify; other contexts (RPC, WebSocket) get the error back unchanged.
 */
@Catch(WechatValidationError, WechatApiError, WechatTransportError)
export class WechatExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WechatExceptionFilter');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: WechatValidationError | WechatApiError | WechatTransportError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = WechatExceptionFilter.toBody(error);
    if (!(error instanceof WechatValidationError)) this.logger.warn(`${body.statusCode}: ${error.message}`);
    const response = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) return adapter.reply(response, body, body.statusCode);
    // Without the adapter (filter made with `new` and no argument): Express and Fastify answer alike.
    const res = response as { status?: (n: number) => unknown; code?: (n: number) => unknown; json?: (b: unknown) => void; send: (b: unknown) => void };
    if (typeof res.json === 'function' && typeof res.status === 'function') {
      res.status(body.statusCode);
      res.json(body);
    } else {
      res.code?.(body.statusCode);
      res.send(body);
    }
  }

  /** The HTTP answer for an error (exposed for apps that shape their own filter). */
  static toBody(error: WechatValidationError | WechatApiError | WechatTransportError): WechatErrorBody {
    if (error instanceof WechatValidationError) {
      return { statusCode: 400, error: 'Bad Request', message: error.message, code: error.code, field: error.field, reason: error.reason };
    }
    if (error instanceof WechatApiError) {
      const limited = RATE_LIMIT_ERRCODES.has(error.errcode);
      return {
        statusCode: limited ? 429 : 502,
        error: limited ? 'Too Many Requests' : 'Bad Gateway',
        message: error.message,
        code: error.code,
        errcode: error.errcode,
        errmsg: error.errmsg,
        path: error.path,
        ...(error.rid === undefined ? {} : { rid: error.rid }),
      };
    }
    const timeout = error.reason === 'timeout';
    return {
      statusCode: timeout ? 504 : 502,
      error: timeout ? 'Gateway Timeout' : 'Bad Gateway',
      message: error.message,
      code: error.code,
      reason: error.reason,
      path: error.path,
    };
  }
}
