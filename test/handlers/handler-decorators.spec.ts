import 'reflect-metadata';
import { Reflector } from '@nestjs/core';
import { ForAccount } from '../../lib/handlers/decorators/for-account.decorator.js';
import { OnEvent, OnSubscribe, OnUnsubscribe, OnWechatEvent } from '../../lib/handlers/decorators/on-event.decorators.js';
import { OnMenuClick, OnMenuView } from '../../lib/handlers/decorators/on-menu.decorators.js';
import { OnFile, OnImage, OnLink, OnLocation, OnShortVideo, OnVideo, OnVoice } from '../../lib/handlers/decorators/on-message-type.decorators.js';
import { OnMessage } from '../../lib/handlers/decorators/on-message.decorator.js';
import { OnScan } from '../../lib/handlers/decorators/on-scan.decorator.js';
import { OnText } from '../../lib/handlers/decorators/on-text.decorator.js';
import { WechatContext, WechatMessage, type WechatParamMetadata } from '../../lib/handlers/decorators/param.decorators.js';
import type { HandlerMatcher } from '../../lib/handlers/handler-matcher.js';
import { WechatHandlerMetadataAccessor } from '../../lib/handlers/wechat-handler-metadata.accessor.js';
import { WechatHandlerDefinitionError } from '../../lib/handlers/wechat-handler.error.js';
import { WechatParamsFactory, WechatParamType } from '../../lib/handlers/wechat-params.factory.js';
import { WECHAT_HANDLER_METADATA, WECHAT_PARAM_METADATA } from '../../lib/wechat-mp.constants.js';

const accessor = new WechatHandlerMetadataAccessor(new Reflector());

/** Applies a method decorator to a fresh method and returns what the accessor reads back. */
function matchersOf(...decorators: MethodDecorator[]): readonly HandlerMatcher[] | undefined {
  class Host {
    method(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Host.prototype, 'method')!;
  for (const decorator of [...decorators].reverse()) decorator(Host.prototype, 'method', descriptor);
  return accessor.getMatchers(Host.prototype.method);
}

describe('handler decorators', () => {
  it.each<[string, MethodDecorator, HandlerMatcher]>([
    ['@OnText()', OnText(), { kind: 'text' }],
    ['@OnText(string)', OnText('hello'), { kind: 'text', pattern: 'hello' }],
    ['@OnText(RegExp)', OnText(/^h/i), { kind: 'text', pattern: /^h/i }],
    ['@OnImage()', OnImage(), { kind: 'message', msgType: 'image' }],
    ['@OnVoice()', OnVoice(), { kind: 'message', msgType: 'voice' }],
    ['@OnVideo()', OnVideo(), { kind: 'message', msgType: 'video' }],
    ['@OnShortVideo()', OnShortVideo(), { kind: 'message', msgType: 'shortvideo' }],
    ['@OnLocation()', OnLocation(), { kind: 'message', msgType: 'location' }],
    ['@OnLink()', OnLink(), { kind: 'message', msgType: 'link' }],
    ['@OnFile()', OnFile(), { kind: 'message', msgType: 'file' }],
    ['@OnEvent(name)', OnEvent('TEMPLATESENDJOBFINISH'), { kind: 'event', event: 'TEMPLATESENDJOBFINISH' }],
    ['@OnEvent(name, key)', OnEvent('scancode_push', 'scan_btn'), { kind: 'event', event: 'scancode_push', key: 'scan_btn' }],
    ['@OnWechatEvent(name)', OnWechatEvent('LOCATION'), { kind: 'event', event: 'LOCATION' }],
    ['@OnSubscribe()', OnSubscribe(), { kind: 'event', event: 'subscribe' }],
    ['@OnUnsubscribe()', OnUnsubscribe(), { kind: 'event', event: 'unsubscribe' }],
    ['@OnScan()', OnScan(), { kind: 'scan' }],
    ['@OnScan(scene)', OnScan('42'), { kind: 'scan', scene: '42' }],
    ['@OnMenuClick(key)', OnMenuClick('V1001_TODAY_MUSIC'), { kind: 'event', event: 'CLICK', key: 'V1001_TODAY_MUSIC' }],
    ['@OnMenuView()', OnMenuView(), { kind: 'event', event: 'VIEW' }],
    ['@OnMenuView(url)', OnMenuView('https://example.com/'), { kind: 'event', event: 'VIEW', key: 'https://example.com/' }],
    ['@OnMessage()', OnMessage(), { kind: 'fallback' }],
  ])('%s records its matcher', (_name, decorator, expected) => {
    expect(matchersOf(decorator)).toEqual([expected]);
  });

  it('appends: several decorators on one method are all kept, in source order', () => {
    expect(matchersOf(OnImage(), OnText('a'), OnMenuClick('K'))).toEqual([
      { kind: 'message', msgType: 'image' },
      { kind: 'text', pattern: 'a' },
      { kind: 'event', event: 'CLICK', key: 'K' },
    ]);
  });

  it('keeps metadata per method (a sibling method is not a handler)', () => {
    class Host {
      @OnText('x')
      a(): void {}
      b(): void {}
    }
    expect(accessor.getMatchers(Host.prototype.a)).toHaveLength(1);
    expect(accessor.getMatchers(Host.prototype.b)).toBeUndefined();
  });

  it.each<[string, () => unknown, RegExp]>([
    ['@OnText with the g flag', () => OnText(/a/g), /@OnText\(\): \/a\/g has the g flag/],
    ['@OnText with the y flag', () => OnText(/a/y), /has the y flag/],
    ['@OnText with an empty string', () => OnText(''), /must not be empty/],
    ['@OnText with a number', () => OnText(42 as never), /string or a RegExp, got number/],
    ['@OnEvent with an empty name', () => OnEvent(''), /@OnEvent\(\): the event name must not be empty/],
    ['@OnEvent with a non-string', () => OnEvent(undefined as never), /must be a string, got undefined/],
    ['@OnEvent with whitespace', () => OnEvent(' CLICK'), /surrounding whitespace/],
    ['@OnEvent with an empty key', () => OnEvent('CLICK', ''), /the event key must not be empty/],
    ['@OnMenuClick with an empty key', () => OnMenuClick(''), /@OnMenuClick\(\): the menu key must not be empty/],
    ['@OnMenuClick with a non-string', () => OnMenuClick(null as never), /must be a string, got null/],
    ['@OnMenuView with an empty URL', () => OnMenuView(''), /the URL must not be empty/],
    ['@OnScan with an empty scene', () => OnScan(''), /the scene must not be empty/],
    ['@OnScan with the qrscene_ prefix', () => OnScan('qrscene_42'), /without the "qrscene_" prefix \("42"\)/],
    ['@OnScan with a number', () => OnScan(42 as never), /must be a string, got number/],
    ['@ForAccount with an empty name', () => ForAccount(''), /@ForAccount\(\): the account name or AppID must not be empty/],
    ['@WechatMessage with a non-pipe', () => WechatMessage({} as never), /pass pipe instances/],
    ['@WechatMessage with a pipe class', () => WechatMessage(class {} as never), /pass pipe instances/],
  ])('%s is refused at decoration time', (_name, decorate, message) => {
    expect(decorate).toThrow(WechatHandlerDefinitionError);
    expect(decorate).toThrow(message);
  });

  it('refuses to decorate something that is not a method', () => {
    expect(() => OnText()({}, 'field', {} as PropertyDescriptor)).toThrow(/decorates methods only/);
  });
});

describe('@ForAccount', () => {
  @ForAccount('shop')
  class Shop {
    inherited(): void {}
    @ForAccount('wx_other')
    own(): void {}
  }

  it('is read from the method first, then the class', () => {
    expect(accessor.getAccount(Shop.prototype.own, Shop)).toBe('wx_other');
    expect(accessor.getAccount(Shop.prototype.inherited, Shop)).toBe('shop');
    class Plain {
      m(): void {}
    }
    expect(accessor.getAccount(Plain.prototype.m, Plain)).toBeUndefined();
  });

  it('refuses to be applied twice to the same target', () => {
    expect(() => ForAccount('a')(Shop)).toThrow(/applied twice to Shop/);
  });
});

describe('parameter decorators', () => {
  const pipe = { transform: (value: unknown) => value };
  class Host {
    handle(_context: unknown, _message: unknown, _content: unknown): void {}
  }
  WechatContext()(Host.prototype, 'handle', 0);
  WechatMessage(pipe)(Host.prototype, 'handle', 1);
  WechatMessage('Content', pipe)(Host.prototype, 'handle', 2);

  it(`store Nest-style \`type:index\` entries under ${WECHAT_PARAM_METADATA} on the class`, () => {
    const metadata = Reflect.getMetadata(WECHAT_PARAM_METADATA, Host, 'handle') as Record<string, WechatParamMetadata>;
    expect(metadata).toEqual({
      [`${WechatParamType.context}:0`]: { index: 0, data: undefined, pipes: [] },
      [`${WechatParamType.message}:1`]: { index: 1, data: undefined, pipes: [pipe] },
      [`${WechatParamType.message}:2`]: { index: 2, data: 'Content', pipes: [pipe] },
    });
    expect(Reflect.getMetadata(WECHAT_HANDLER_METADATA, Host.prototype.handle)).toBeUndefined();
  });

  it('are resolved by WechatParamsFactory from (message, context)', () => {
    const factory = new WechatParamsFactory();
    const message = { MsgType: 'text', Content: 'hi' };
    const context = { account: { name: 'a', appId: 'wx' } };
    expect(factory.exchangeKeyForValue(WechatParamType.message, undefined, [message, context])).toBe(message);
    expect(factory.exchangeKeyForValue(WechatParamType.context, undefined, [message, context])).toBe(context);
    expect(factory.exchangeKeyForValue(WechatParamType.message, 'Content', [message, context])).toBe('hi');
    expect(factory.exchangeKeyForValue(WechatParamType.context, 'account', [message, context])).toBe(context.account);
  });
});
