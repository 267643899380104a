export { WechatEmulator, type EmulatorRouteInfo } from './wechat-emulator.js';
export { EMULATOR_DEFAULT_OPENID, type EmulatorAccount, type EmulatorStartOptions, type EmulatorTemplate } from './emulator.options.js';
export { EmulatorClock } from './emulator-clock.js';
export { WECHAT_ERRMSG, WechatEmulatorError, type WechatErrcode } from './emulator-errors.js';
export type { FaultKind, FaultSpec, ActiveFault, FaultInjector } from './fault-injector.js';
export type { RecordedRequest } from './request-log.js';
export type { MediaRecord, MediaKind, MediaType, QrTicket, QrActionName, SentMessage, SentKind, JsonObject } from './emulator-state.js';
