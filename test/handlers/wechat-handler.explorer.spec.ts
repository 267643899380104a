import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MetadataScanner, Reflector, type DiscoveryService, type ExternalContextCreator } from '@nestjs/core';
import { ForAccount } from '../../lib/handlers/decorators/for-account.decorator.js';
import { OnMenuClick } from '../../lib/handlers/decorators/on-menu.decorators.js';
import { OnImage } from '../../lib/handlers/decorators/on-message-type.decorators.js';
import { OnMessage } from '../../lib/handlers/decorators/on-message.decorator.js';
import { OnText } from '../../lib/handlers/decorators/on-text.decorator.js';
import { WechatHandlerMetadataAccessor } from '../../lib/handlers/wechat-handler-metadata.accessor.js';
import { WechatDuplicateHandlerError } from '../../lib/handlers/wechat-handler.error.js';
import { WechatHandlerExplorer } from '../../lib/handlers/wechat-handler.explorer.js';
import { WechatHandlerRegistry } from '../../lib/handlers/wechat-handler.registry.js';
import { WechatParamsFactory } from '../../lib/handlers/wechat-params.factory.js';
import type { InboundMessage } from '../../lib/message/message-types.js';
import { WECHAT_CONTEXT_TYPE, WECHAT_PARAM_METADATA } from '../../lib/wechat-mp.constants.js';

class Greeter {
  @OnText(/^h/)
  @OnMenuClick('GREET')
  greet(): string {
    return 'hi';
  }
  helper(): void {}
}

@ForAccount('shop')
class ShopImages {
  @OnImage()
  image(): void {}
}

class Controller {
  @OnText(/^he/)
  controllerGreet(): void {}
  @OnMessage()
  fallback(): void {}
}

class Scoped {
  @OnText('scoped')
  scoped(): void {}
}

interface FakeWrapper {
  instance: unknown;
  isAlias: boolean;
  isDependencyTreeStatic(): boolean;
}
const wrapper = (instance: unknown, extra: Partial<FakeWrapper> = {}): FakeWrapper => ({
  instance,
  isAlias: false,
  isDependencyTreeStatic: () => true,
  ...extra,
});

function setup(providers: FakeWrapper[], controllers: FakeWrapper[] = []) {
  const discovery = { getProviders: jest.fn(() => providers), getControllers: jest.fn(() => controllers) };
  const scanner = new MetadataScanner();
  const getAllMethodNames = jest.spyOn(scanner, 'getAllMethodNames');
  const invokers = new Map<string, jest.Mock>();
  const create = jest.fn((_instance: object, _callback: Function, methodName: string) => {
    const invoker = jest.fn(async () => methodName);
    invokers.set(methodName, invoker);
    return invoker;
  });
  const registry = new WechatHandlerRegistry();
  const paramsFactory = new WechatParamsFactory();
  const explorer = new WechatHandlerExplorer(
    discovery as unknown as DiscoveryService,
    scanner,
    new WechatHandlerMetadataAccessor(new Reflector()),
    registry,
    { create } as unknown as ExternalContextCreator,
    paramsFactory,
  );
  return { explorer, registry, create, invokers, getAllMethodNames, paramsFactory, discovery };
}

const base = { ToUserName: 'gh', FromUserName: 'o', CreateTime: '1' };
const text = (Content: string): InboundMessage => ({ ...base, MsgType: 'text', Content, MsgId: '1' });
const DEFAULT = { name: 'default', appId: 'wx_default' };

describe('WechatHandlerExplorer', () => {
  it('registers every claim of decorated provider and controller methods, with one invoker per method', () => {
    const greeter = new Greeter();
    const { explorer, registry, create, paramsFactory } = setup([wrapper(greeter), wrapper(new ShopImages())], [wrapper(new Controller())]);
    explorer.onModuleInit();

    expect(registry.describe()).toEqual([
      'text /^h/ → Greeter.greet',
      'event "CLICK" key "GREET" → Greeter.greet',
      '[account shop] message type "image" → ShopImages.image',
      'text /^he/ → Controller.controllerGreet',
      'fallback (@OnMessage()) → Controller.fallback',
    ]);
    // greet carries two claims but gets one invoker; helper() is not a handler.
    expect(create).toHaveBeenCalledTimes(4);
    expect(create).toHaveBeenCalledWith(
      greeter,
      Greeter.prototype.greet,
      'greet',
      WECHAT_PARAM_METADATA,
      paramsFactory,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: true },
      WECHAT_CONTEXT_TYPE,
    );
  });

  it('wires the registered handler to the invoker built by ExternalContextCreator', async () => {
    const { explorer, registry, invokers } = setup([wrapper(new Greeter())]);
    explorer.explore();
    const resolution = registry.resolve(text('hello'), DEFAULT)!;
    expect(resolution.handler.label).toBe('Greeter.greet');
    expect(resolution.handler.methodName).toBe('greet');
    await expect(resolution.handler.invoke(text('hello'), { account: DEFAULT, mode: 'plain', format: 'xml' })).resolves.toBe('greet');
    expect(invokers.get('greet')).toHaveBeenCalledTimes(1);
  });

  it('keeps discovery order for RegExps: providers (in order) before controllers', () => {
    const { explorer, registry } = setup([wrapper(new Greeter())], [wrapper(new Controller())]);
    explorer.explore();
    // Both /^h/ (provider) and /^he/ (controller) match; the provider was discovered first.
    expect(registry.resolve(text('hello'), DEFAULT)?.handler.label).toBe('Greeter.greet');
  });

  it('skips wrappers without an instance, aliases, and instances already seen', () => {
    const greeter = new Greeter();
    const { explorer, registry, getAllMethodNames } = setup([
      wrapper(undefined),
      wrapper(null),
      wrapper(Object.create(null)),
      wrapper(greeter),
      wrapper(greeter, { isAlias: true }),
      wrapper(greeter), // the same value provided again elsewhere: not a duplicate handler
    ]);
    expect(() => explorer.explore()).not.toThrow();
    expect(registry.handlerCount).toBe(2);
    expect(getAllMethodNames).toHaveBeenCalledTimes(1);
  });

  it('warns about handlers in non-static (request-scoped or transient) providers and skips them', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { explorer, registry, create } = setup([wrapper(Object.create(Scoped.prototype), { isDependencyTreeStatic: () => false })]);
      explorer.explore();
      expect(registry.handlerCount).toBe(0);
      expect(create).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain('Scoped.scoped');
    } finally {
      warn.mockRestore();
    }
  });

  it('fails with a duplicate error when two providers claim the same key', () => {
    class Other {
      @OnMenuClick('GREET')
      click(): void {}
    }
    const { explorer } = setup([wrapper(new Greeter()), wrapper(new Other())]);
    expect(() => explorer.explore()).toThrow(WechatDuplicateHandlerError);
    expect(() => setup([wrapper(new Greeter()), wrapper(new Other())]).explorer.explore()).toThrow(
      `'Greeter.greet' and 'Other.click' both handle event "CLICK" key "GREET"`,
    );
  });
});
