import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator, MetadataScanner } from '@nestjs/core';
import { WECHAT_CONTEXT_TYPE, WECHAT_PARAM_METADATA } from '../wechat-mp.constants.js';
import { HANDLER_MESSAGES } from './handlers.messages.js';
import { WechatHandlerMetadataAccessor } from './wechat-handler-metadata.accessor.js';
import type { WechatHandler, WechatHandlerInvoker } from './wechat-handler.interface.js';
import { WechatHandlerRegistry } from './wechat-handler.registry.js';
import { WechatParamsFactory } from './wechat-params.factory.js';

type InstanceWrapper = ReturnType<DiscoveryService['getProviders']>[number];

/**
 * Finds handler methods at bootstrap (the `@nestjs/schedule` ScheduleExplorer shape) and registers each claim
 * in the registry, with an invoker built once through `ExternalContextCreator` so guards, interceptors, pipes
 * and exception filters apply (as necord does). Discovery order — modules, then providers before controllers
 * in declaration order, then methods — is the order RegExp text handlers are tried in.
 */
@Injectable()
export class WechatHandlerExplorer implements OnModuleInit {
  private readonly logger = new Logger('WechatHandlerExplorer');

  constructor(
    private readonly discoveryService: DiscoveryService,
    private readonly metadataScanner: MetadataScanner,
    private readonly metadataAccessor: WechatHandlerMetadataAccessor,
    private readonly registry: WechatHandlerRegistry,
    private readonly externalContextCreator: ExternalContextCreator,
    private readonly paramsFactory: WechatParamsFactory,
  ) {}

  onModuleInit(): void {
    this.explore();
  }

  explore(): void {
    const wrappers: InstanceWrapper[] = [...this.discoveryService.getProviders(), ...this.discoveryService.getControllers()];
    // The same instance can sit behind several wrappers (useExisting aliases, a value re-provided elsewhere).
    const seen = new Set<object>();
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      if (wrapper.isAlias || !instance || typeof instance !== 'object' || seen.has(instance)) continue;
      const prototype: unknown = Object.getPrototypeOf(instance);
      if (!prototype) continue;
      seen.add(instance);
      for (const methodName of this.metadataScanner.getAllMethodNames(prototype)) {
        this.lookupHandler(wrapper, instance as Record<string, unknown>, methodName);
      }
    }
    this.registry.compile();
  }

  private lookupHandler(wrapper: InstanceWrapper, instance: Record<string, unknown>, methodName: string): void {
    const method = instance[methodName];
    if (typeof method !== 'function') return;
    const matchers = this.metadataAccessor.getMatchers(method);
    if (!matchers) return;
    const hostClass = instance.constructor as Function;
    const label = `${hostClass.name}.${methodName}`;
    if (!wrapper.isDependencyTreeStatic()) {
      this.logger.warn(HANDLER_MESSAGES.nonStaticProvider(label));
      return;
    }
    const account = this.metadataAccessor.getAccount(method, hostClass);
    const handler: WechatHandler = {
      instance,
      methodName,
      label,
      ...(account === undefined ? {} : { account }),
      invoke: this.createInvoker(instance, method as (...args: unknown[]) => unknown, methodName),
    };
    for (const matcher of matchers) this.registry.register(handler, matcher);
  }

  private createInvoker(instance: object, method: (...args: unknown[]) => unknown, methodName: string): WechatHandlerInvoker {
    return this.externalContextCreator.create(
      instance,
      method,
      methodName,
      WECHAT_PARAM_METADATA,
      this.paramsFactory,
      undefined, // the static context: handlers live in singletons
      undefined,
      { guards: true, interceptors: true, filters: true },
      WECHAT_CONTEXT_TYPE,
    );
  }
}
