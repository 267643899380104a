/**
 * `nestjs-wechat-mp/testing`: a local WeChat 公众号 platform for tests and offline development.
 * Start it, point `apiBaseUrl` at `emulator.url`, push messages to your endpoint with `emulator.push()`.
 */
export { WechatEmulator, type EmulatorPushOptions, type EmulatorRouteInfo } from './wechat-emulator.js';
export { EMULATOR_DEFAULT_OPENID, type EmulatorAccount, type EmulatorStartOptions, type EmulatorTemplate } from './emulator.options.js';
export { EmulatorClock } from './emulator-clock.js';
export type { EmulatorFollower } from './follower-seed.js';
export { WECHAT_ERRMSG, WechatEmulatorError, type WechatErrcode } from './emulator-errors.js';
export type { FaultKind, FaultSpec, ActiveFault, FaultInjector } from './fault-injector.js';
export type { RecordedRequest } from './request-log.js';
export type { MediaRecord, MediaKind, MediaType, QrTicket, QrActionName, SentMessage, SentKind, JsonObject } from './emulator-state.js';
export {
  PUSH_REPLY_ERROR_REASONS,
  WechatPushReplyError,
  buildPushRequest,
  pushMessage,
  type PushAttempt,
  type PushFormat,
  type PushMode,
  type PushOptions,
  type PushOutcome,
  type PushReplyErrorReason,
  type PushResult,
  type PushTarget,
} from './push/push-client.js';
export type { ParsedReply } from '../message/reply-serializer.js';
/** Builders for every inbound message and event type, from the package's own message table. */
export { buildEvent, buildMessage } from '../message/message-builders.js';
export { runCli, USAGE, type CliIo, type CliResult } from './cli.js';
export { handshake, type HandshakeResult } from './push/handshake.js';
