import 'reflect-metadata';
import {
  BadRequestException,
  Catch,
  Injectable,
  Logger,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
  type PipeTransform,
} from '@nestjs/common';
import { jest } from '@jest/globals';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { map, type Observable } from 'rxjs';
import { ForAccount } from '../../lib/handlers/decorators/for-account.decorator.js';
import { OnEvent, OnSubscribe } from '../../lib/handlers/decorators/on-event.decorators.js';
import { OnMenuClick } from '../../lib/handlers/decorators/on-menu.decorators.js';
import { OnImage, OnVoice } from '../../lib/handlers/decorators/on-message-type.decorators.js';
import { OnMessage } from '../../lib/handlers/decorators/on-message.decorator.js';
import { OnScan } from '../../lib/handlers/decorators/on-scan.decorator.js';
import { OnText } from '../../lib/handlers/decorators/on-text.decorator.js';
import { WechatContext, WechatMessage } from '../../lib/handlers/decorators/param.decorators.js';
import type { WechatInboundContext } from '../../lib/protocol/inbound-context.js';
import { WechatDuplicateHandlerError } from '../../lib/handlers/wechat-handler.error.js';
import { WECHAT_HANDLER_PROVIDERS } from '../../lib/handlers/wechat-handler.providers.js';
import { WechatDispatcher } from '../../lib/handlers/wechat.dispatcher.js';
import type { InboundMessage, SubscribeEvent, TextMessage } from '../../lib/message/message-types.js';
import type { Reply } from '../../lib/message/reply.js';
import { WechatAccounts, type ResolvedAccount } from '../../lib/wechat-accounts.js';
import { WECHAT_CONTEXT_TYPE } from '../../lib/wechat-mp.constants.js';

const account = (name: string, appId: string): ResolvedAccount => ({
  name,
  appId,
  token: 'tok',
  requireEncryption: false,
  maxTimestampSkewSeconds: 300,
  bodyLimitBytes: 1024,
  apiBaseUrl: 'http://127.0.0.1:1',
  apiTimeoutMs: 1000,
  tokenEndpoint: 'stable',
  replyDeadlineMs: 4000,
});
const ACCOUNTS = [account('default', 'wx_default'), account('shop', 'wx_shop')];

const base = { ToUserName: 'gh_1', FromUserName: 'openid_1', CreateTime: '1700000000' };
const text = (Content: string): TextMessage => ({ ...base, MsgType: 'text', Content, MsgId: '1' });
const subscribe = (EventKey?: string): SubscribeEvent => ({ ...base, MsgType: 'event', Event: 'subscribe', ...(EventKey === undefined ? {} : { EventKey }) });
const ctx = (name = 'default'): WechatInboundContext => ({
  account: { name, appId: ACCOUNTS.find((a) => a.name === name)!.appId },
  mode: 'plain',
  format: 'xml',
  openid: 'openid_1',
});

/** Records what guards, interceptors, pipes and filters saw, per test. */
const seen: { guardType?: string; guardArgs?: unknown[]; pipeInput?: unknown; filterType?: string; injected?: unknown[] } = {};

@Injectable()
class DenyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    seen.guardType = context.getType();
    seen.guardArgs = context.getArgs();
    return false;
  }
}

@Injectable()
class ShoutInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value) => (typeof value === 'string' ? value.toUpperCase() : value)));
  }
}

class TrimContentPipe implements PipeTransform {
  transform(value: TextMessage): TextMessage {
    seen.pipeInput = value.Content;
    return { ...value, Content: value.Content.trim() };
  }
}

class RecoverableError extends Error {}

@Catch(RecoverableError)
class RecoverFilter implements ExceptionFilter {
  catch(exception: RecoverableError, host: ArgumentsHost): Reply {
    seen.filterType = host.getType();
    return { type: 'text', content: `recovered: ${exception.message}` };
  }
}

@Catch()
class StringFilter implements ExceptionFilter {
  catch(): string {
    return 'sorry';
  }
}

@Injectable()
class Handlers {
  calls: string[] = [];

  @OnText('guarded')
  @UseGuards(DenyGuard)
  guarded(): string {
    this.calls.push('guarded');
    return 'should not be sent';
  }

  @OnText('shout')
  @UseInterceptors(ShoutInterceptor)
  shout(): string {
    return 'quiet words';
  }

  @OnText(/^\s+padded\s+$/)
  padded(@WechatMessage(new TrimContentPipe()) message: TextMessage): string {
    return `[${message.Content}]`;
  }

  @OnText('recover')
  @UseFilters(RecoverFilter)
  recover(): string {
    throw new RecoverableError('db down');
  }

  @OnText('boom')
  boom(): string {
    throw new Error('boom');
  }

  @OnText('async-boom')
  async asyncBoom(): Promise<string> {
    await Promise.resolve();
    throw new Error('async boom');
  }

  @OnText('http-error')
  httpError(): string {
    throw new BadRequestException('not for wechat');
  }

  @OnText('throw-string')
  throwString(): string {
    throw 'a string'; // eslint-disable-line no-throw-literal
  }

  @OnText('string-filter')
  @UseFilters(StringFilter)
  stringFilter(): string {
    throw new RecoverableError('x');
  }

  @OnText('bad-result')
  badResult(): unknown {
    return { hello: 'world' };
  }

  @OnText('reply-object')
  replyObject(): Reply {
    return { type: 'image', mediaId: 'MEDIA_1' };
  }

  @OnText('nothing')
  nothing(): void {
    this.calls.push('nothing');
  }

  @OnImage()
  @OnVoice()
  @OnMenuClick('MEDIA_MENU')
  several(@WechatMessage() message: InboundMessage): string {
    return `several:${message.MsgType}`;
  }

  @OnText('inject')
  inject(@WechatContext() context: WechatInboundContext, @WechatMessage() message: TextMessage, @WechatMessage('Content') content: string): string {
    seen.injected = [context, message, content];
    return 'ok';
  }

  @OnText('positional')
  positional(message: TextMessage, context: WechatInboundContext): string {
    return `${message.Content}@${context.account.name}`;
  }

  @OnScan('promo')
  promo(@WechatContext('scene') scene: string): string {
    return `scene:${scene}`;
  }

  @OnSubscribe()
  welcome(): string {
    return 'welcome';
  }

  @OnMessage()
  fallback(@WechatMessage() message: InboundMessage): string {
    return `fallback:${message.MsgType}`;
  }
}

@Injectable()
@ForAccount('wx_shop')
class ShopHandlers {
  @OnText('shout')
  shout(): string {
    return 'shop says hi';
  }

  @OnEvent('subscribe')
  welcome(): string {
    return 'welcome to the shop';
  }
}

async function boot(...handlers: Function[]): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [...WECHAT_HANDLER_PROVIDERS, ...(handlers as never[]), { provide: WechatAccounts, useValue: new WechatAccounts(ACCOUNTS) }],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('WechatDispatcher with Nest enhancers', () => {
  let moduleRef: TestingModule;
  let dispatcher: WechatDispatcher;
  let errorLog: jest.SpiedFunction<Logger['error']>;

  beforeAll(async () => {
    moduleRef = await boot(Handlers, ShopHandlers);
    dispatcher = moduleRef.get(WechatDispatcher);
  });
  afterAll(() => moduleRef.close());
  beforeEach(() => {
    for (const key of Object.keys(seen)) delete seen[key as keyof typeof seen];
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errorLog.mockRestore());

  it('a method-level guard that returns false stops the handler; the dispatcher resolves null', async () => {
    await expect(dispatcher.dispatch(text('guarded'), ctx())).resolves.toBeNull();
    expect(moduleRef.get(Handlers).calls).not.toContain('guarded');
    expect(seen.guardType).toBe(WECHAT_CONTEXT_TYPE);
    expect(seen.guardArgs).toEqual([text('guarded'), ctx()]);
    expect(errorLog).not.toHaveBeenCalled();
  });

  it('an interceptor transforms the reply', async () => {
    await expect(dispatcher.dispatch(text('shout'), ctx())).resolves.toEqual({ type: 'text', content: 'QUIET WORDS' });
  });

  it('a pipe passed to @WechatMessage() runs on the message', async () => {
    await expect(dispatcher.dispatch(text('  padded  '), ctx())).resolves.toEqual({ type: 'text', content: '[padded]' });
    expect(seen.pipeInput).toBe('  padded  ');
  });

  it('an @UseFilters() filter receives the error and its return value becomes the reply', async () => {
    await expect(dispatcher.dispatch(text('recover'), ctx())).resolves.toEqual({ type: 'text', content: 'recovered: db down' });
    expect(seen.filterType).toBe(WECHAT_CONTEXT_TYPE);
    expect(errorLog).not.toHaveBeenCalled();
  });

  it.each(['boom', 'async-boom'])('an unfiltered error (%s) resolves null and is logged once, with its stack', async (content) => {
    await expect(dispatcher.dispatch(text(content), ctx())).resolves.toBeNull();
    expect(errorLog).toHaveBeenCalledTimes(1);
    const logged = errorLog.mock.calls[0][0];
    expect(logged).toBeInstanceOf(Error);
    expect((logged as Error).stack).toContain(content === 'boom' ? 'boom' : 'async boom');
  });

  it.each([
    ['http-error', 'Handlers.httpError failed ("BadRequestException: not for wechat")'],
    ['throw-string', 'Handlers.throwString failed ("non-Error value of type string")'],
  ])('errors Nest does not log itself (%s) are logged once by the dispatcher, with the handler', async (content, expected) => {
    await expect(dispatcher.dispatch(text(content), ctx())).resolves.toBeNull();
    expect(errorLog).toHaveBeenCalledTimes(1);
    expect(String(errorLog.mock.calls[0][0])).toContain(expected);
  });

  it('a filter may answer with a plain string', async () => {
    await expect(dispatcher.dispatch(text('string-filter'), ctx())).resolves.toEqual({ type: 'text', content: 'sorry' });
  });

  it('a result that is not a reply is logged and answered with null', async () => {
    await expect(dispatcher.dispatch(text('bad-result'), ctx())).resolves.toBeNull();
    expect(errorLog).toHaveBeenCalledTimes(1);
    expect(String(errorLog.mock.calls[0][0])).toContain('Handlers.badResult');
  });

  it('passes Reply objects through and maps "nothing" to null', async () => {
    await expect(dispatcher.dispatch(text('reply-object'), ctx())).resolves.toEqual({ type: 'image', mediaId: 'MEDIA_1' });
    await expect(dispatcher.dispatch(text('nothing'), ctx())).resolves.toBeNull();
    expect(moduleRef.get(Handlers).calls).toContain('nothing');
  });

  it('routes every decorator on a method that carries several', async () => {
    const image = { ...base, MsgType: 'image', PicUrl: 'http://p', MediaId: 'm', MsgId: '2' } as const;
    const voice = { ...base, MsgType: 'voice', MediaId: 'm', Format: 'amr', MsgId: '3' } as const;
    const click = { ...base, MsgType: 'event', Event: 'CLICK', EventKey: 'MEDIA_MENU' } as const;
    await expect(dispatcher.dispatch(image, ctx())).resolves.toEqual({ type: 'text', content: 'several:image' });
    await expect(dispatcher.dispatch(voice, ctx())).resolves.toEqual({ type: 'text', content: 'several:voice' });
    await expect(dispatcher.dispatch(click, ctx())).resolves.toEqual({ type: 'text', content: 'several:event' });
  });

  it('@WechatMessage() and @WechatContext() inject the message, the context and a field', async () => {
    const message = text('inject');
    const context = ctx();
    await dispatcher.dispatch(message, context);
    expect(seen.injected).toEqual([context, message, 'inject']);
    expect(seen.injected![0]).toBe(context);
    expect(seen.injected![1]).toBe(message);
  });

  it('a handler without parameter decorators gets (message, context)', async () => {
    await expect(dispatcher.dispatch(text('positional'), ctx('shop'))).resolves.toEqual({ type: 'text', content: 'positional@shop' });
  });

  it('computes the QR scene into the context for @OnScan handlers', async () => {
    await expect(dispatcher.dispatch(subscribe('qrscene_promo'), ctx())).resolves.toEqual({ type: 'text', content: 'scene:promo' });
    await expect(dispatcher.dispatch(subscribe(''), ctx())).resolves.toEqual({ type: 'text', content: 'welcome' });
  });

  it('@ForAccount (by AppID) handlers win for their account only', async () => {
    await expect(dispatcher.dispatch(text('shout'), ctx('shop'))).resolves.toEqual({ type: 'text', content: 'shop says hi' });
    await expect(dispatcher.dispatch(subscribe(), ctx('shop'))).resolves.toEqual({ type: 'text', content: 'welcome to the shop' });
    await expect(dispatcher.dispatch(subscribe(), ctx('default'))).resolves.toEqual({ type: 'text', content: 'welcome' });
  });

  it('falls back to @OnMessage() for unknown message types', async () => {
    const unknown = { ...base, MsgType: 'hologram', Foo: 'bar' };
    await expect(dispatcher.dispatch(unknown, ctx())).resolves.toEqual({ type: 'text', content: 'fallback:hologram' });
  });

  it('reports its table', () => {
    expect(dispatcher.handlerCount).toBe(22); // 19 single-claim methods + one method with three claims
    expect(dispatcher.describe()).toContain('text "guarded" → Handlers.guarded');
    expect(dispatcher.describe()).toContain('[account shop] text "shout" → ShopHandlers.shout');
  });
});

describe('bootstrap failures', () => {
  @Injectable()
  class First {
    @OnText('hello')
    foo(): string {
      return 'a';
    }
  }
  @Injectable()
  class Second {
    @OnText('hello')
    bar(): string {
      return 'b';
    }
  }
  @Injectable()
  class UnknownAccount {
    @ForAccount('nobody')
    @OnMessage()
    any(): void {}
  }

  it('two handlers for the same key fail bootstrap, naming both and the key', async () => {
    const failure = boot(First, Second);
    await expect(failure).rejects.toThrow(WechatDuplicateHandlerError);
    await expect(boot(First, Second)).rejects.toThrow(/'First\.foo' and 'Second\.bar' both handle text "hello"/);
  });

  it('an unknown @ForAccount account fails bootstrap', async () => {
    await expect(boot(UnknownAccount)).rejects.toThrow(/UnknownAccount\.any .*@ForAccount\('nobody'\)/);
  });
});
