// Public API of nestjs-wechat-mp. The emulator lives in the `nestjs-wechat-mp/testing` entry point.

// Module and options
export { WechatMpModule } from './wechat-mp.module.js';
export { WECHAT_MP_MODULE_OPTIONS } from './wechat-mp.module-definition.js';
export type {
  WechatMpModuleOptions,
  WechatAccountOptions,
  WechatMpModuleExtras,
  WechatMpOptionsFactory,
  TokenEndpoint,
} from './wechat-mp.options.js';
export { WechatAccounts, WechatUnknownAccountError, type ResolvedAccount } from './wechat-accounts.js';
export { WECHAT_TOKEN_STORE, WECHAT_DEDUPE_STORE, WECHAT_API_CLIENT_OPTIONS, WECHAT_CONTEXT_TYPE } from './wechat-mp.constants.js';

// Errors
export { WechatError } from './errors/wechat-error.js';
export { WechatConfigError } from './errors/wechat-config.error.js';
export { WechatReplyError } from './errors/wechat-reply.error.js';
export { WechatInboundError, INBOUND_ERROR_STATUS, type InboundErrorReason } from './errors/wechat-inbound.error.js';

// Inbound HTTP
export { WechatSignatureGuard } from './http/signature.guard.js';
export { WechatXmlInterceptor } from './http/xml-body.interceptor.js';
export { WechatInboundService, type OpenedCallback, type SealedReply, type AccountRuntime } from './http/wechat-inbound.service.js';
export type { HttpRequestLike } from './http/http-request.js';
export type { QueryLike } from './protocol/query.js';
export type { VerifiedPost } from './protocol/callback-protocol.js';
// The pipeline (dedupe → deadline → dispatch → late reply) for routes of your own: `pipeline.process(opened)`.
export { WechatInboundPipeline } from './inbound/inbound.pipeline.js';

// Handlers
export { OnText } from './handlers/decorators/on-text.decorator.js';
export { OnImage, OnVoice, OnVideo, OnShortVideo, OnLocation, OnLink, OnFile } from './handlers/decorators/on-message-type.decorators.js';
export { OnEvent, OnWechatEvent, OnSubscribe, OnUnsubscribe } from './handlers/decorators/on-event.decorators.js';
export { OnMenuClick, OnMenuView } from './handlers/decorators/on-menu.decorators.js';
export { OnScan } from './handlers/decorators/on-scan.decorator.js';
export { OnMessage } from './handlers/decorators/on-message.decorator.js';
export { ForAccount } from './handlers/decorators/for-account.decorator.js';
export { WechatMessage, WechatContext } from './handlers/decorators/param.decorators.js';
export type { WechatInboundContext, MessageMode, MessageFormat } from './protocol/inbound-context.js';
export { WechatHandlerDefinitionError, WechatDuplicateHandlerError } from './handlers/wechat-handler.error.js';
export { WechatDispatcher } from './handlers/wechat.dispatcher.js';

// Messages and replies
export * from './message/message-types.js';
export * from './message/reply.js';

// Crypto (for custom transports and tests)
export { computeSignature, signatureMatches } from './crypto/signature.js';
export { MessageCrypto, type MessageCryptoOptions } from './crypto/message-crypto.js';
export { checkEncodingAESKey } from './crypto/encoding-aes-key.js';

// Outbound API
export { WechatApiError } from './errors/wechat-api.error.js';
export { WechatTransportError, type TransportFailure } from './errors/wechat-transport.error.js';
export { WechatValidationError } from './errors/wechat-validation.error.js';
export { explainErrcode, ERRCODE_EXPLANATIONS, TOKEN_ERRCODES } from './api/wechat-errcodes.js';
export type { ErrcodeExplanation } from './errors/wechat-api.error.js';
export { WechatApiClient, type WechatApiClientOptions, type ApiRequest, type DownloadResult, type DownloadedFile, type MultipartFile } from './api/wechat-api.client.js';
export { ENDPOINTS, type EndpointSpec, type EndpointName } from './api/wechat-endpoints.js';
export { DEFAULT_RETRY, type RetryOptions } from './api/retry-policy.js';
export { WechatServices, type WechatAccountServices } from './api/wechat-services.js';
export { TokenService } from './api/token.service.js';
export { BasicService, type IpListResult, type CallbackCheckResult, type CallbackCheckAction, type CallbackCheckOperator } from './api/basic.service.js';
export { MenuService, checkMenu } from './api/menu.service.js';
export * from './api/menu.types.js';
export { QrcodeService, QRCODE_LIMITS, type QrcodeTicket, type TemporaryQrcodeOptions } from './api/qrcode.service.js';
export { MaterialService } from './api/material.service.js';
export * from './api/material.types.js';
export { MessageService } from './api/message.service.js';
export * from './api/message.types.js';

// Stores
export type { TokenStore, StoredToken } from './stores/token-store.interface.js';
export type { DedupeStore } from './stores/dedupe-store.interface.js';
export { MemoryTokenStore } from './stores/memory-token.store.js';

// Cluster: shared stores, dedupe of WeChat's retries, late replies (helper "cluster")
export { MemoryDedupeStore, type MemoryDedupeStoreOptions } from './stores/memory-dedupe.store.js';
export { RedisTokenStore, type RedisTokenStoreOptions } from './stores/redis-token.store.js';
export { RedisDedupeStore, type RedisDedupeStoreOptions } from './stores/redis-dedupe.store.js';
export { REDIS_STORE_DEFAULTS, type RedisStoreOptions, type RedisClient } from './stores/redis-connection.js';
export { WechatStoreUnavailableError, type StoreFailure } from './errors/wechat-store-unavailable.error.js';
