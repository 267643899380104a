/**
 * `nestjs-wechat-mp/testing`: a local WeChat 公众号 platform for tests and offline development.
 * Start it, point `apiBaseUrl` at `emulator.url`, push messages to your endpoint with `emulator.push()`.
 */
export {
  WechatEmulator,
  type EmulatorPushOptions,
  type EmulatorRouteInfo,
  type EmulatorCommentSeed,
} from './wechat-emulator.js';
export { EMULATOR_DEFAULT_OPENID, type EmulatorAccount, type EmulatorStartOptions, type EmulatorTemplate } from './emulator.options.js';
export { EmulatorClock } from './emulator-clock.js';
export type { EmulatorFollower } from './follower-seed.js';
export { WECHAT_ERRMSG, WechatEmulatorError, type WechatErrcode } from './emulator-errors.js';
export type { FaultKind, FaultSpec, ActiveFault, FaultInjector } from './fault-injector.js';
export type { RecordedRequest } from './request-log.js';
export type { MediaRecord, MediaKind, MediaType, QrTicket, QrActionName, SentMessage, SentKind, JsonObject } from './emulator-state.js';
export type {
  ArticleComments,
  BlockedTemplateRecord,
  CommentRecord,
  KfAccountRecord,
  KfChatRecord,
  QrJumpRule,
  ShortKeyRecord,
} from './emulator-state.js';
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
export type { EmulatorAppTarget } from './ui/ui-host.js';
export { PLATFORM_SENDER, type PlatformPush, type CallbackConfig } from './push/platform-pushes.js';
export type { SubscribeDecision } from './subscribe-decision.js';
export type { PublishFailure, PublishStatus } from './publish-state.js';
// OAuth2 网页授权 and JS-SDK (helper i9a)
export type { EmulatorOAuthProfile, EmulatorOAuthScope } from './oauth-ledger.js';
export type { EmulatorTicketType } from './ticket-ledger.js';
export type { ConfigCheckInput, ConfigCheckResult } from './jssdk/jssdk-verifier.js';
export { JWEIXIN_PATH, JSSDK_VERIFY_PATH } from './jssdk/jweixin-script.js';
export { OAUTH_CONFIRM_PATH } from './api/oauth.routes.js';
/** 一物一码 in the emulator: the code and CODE_TICKET of code `index` of an application. */
export { marketcodeOf, marketcodeTicket } from './api/marketcode.routes.js';
export { handshake, type HandshakeResult } from './push/handshake.js';
