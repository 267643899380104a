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
export { WECHAT_TOKEN_STORE, WECHAT_DEDUPE_STORE, WECHAT_API_CLIENT_OPTIONS, WECHAT_CONTEXT_TYPE, DEFAULTS } from './wechat-mp.constants.js';

// Errors
export { WechatError } from './errors/wechat-error.js';
export { WechatConfigError } from './errors/wechat-config.error.js';
export { WechatReplyError } from './errors/wechat-reply.error.js';
export { WechatInboundError, INBOUND_ERROR_STATUS, type InboundErrorReason } from './errors/wechat-inbound.error.js';

// Inbound HTTP
export { WechatSignatureGuard } from './http/signature.guard.js';
export { WechatXmlInterceptor } from './http/xml-body.interceptor.js';
export { WechatInboundService, type OpenedCallback, type SealedReply } from './http/wechat-inbound.service.js';
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
export type { WechatInboundContext, MessageMode, MessageFormat } from './handlers/inbound-context.js';
export { WechatHandlerDefinitionError, WechatDuplicateHandlerError } from './handlers/wechat-handler.error.js';
export { WechatDispatcher } from './handlers/wechat.dispatcher.js';
export { WechatHandlerRegistry } from './handlers/wechat-handler.registry.js';

// Messages and replies
export * from './message/message-types.js';
export * from './message/reply.js';

// Crypto (for custom transports and tests)
export { computeSignature, signatureMatches } from './crypto/signature.js';
export { MessageCrypto } from './crypto/message-crypto.js';
export { checkEncodingAESKey } from './crypto/encoding-aes-key.js';

// Outbound API
export { WechatApiError } from './errors/wechat-api.error.js';
export { WechatTransportError, type TransportFailure } from './errors/wechat-transport.error.js';
export { WechatValidationError } from './errors/wechat-validation.error.js';
export { WechatExceptionFilter, type WechatErrorBody } from './errors/wechat-exception.filter.js';
export { explainErrcode, ERRCODE_EXPLANATIONS, TOKEN_ERRCODES } from './api/wechat-errcodes.js';
export type { ErrcodeExplanation } from './errors/wechat-api.error.js';
export { WechatApiClient, type WechatApiClientOptions, type ApiRequest, type DownloadResult, type DownloadedFile, type MultipartFile, type UploadFile } from './api/wechat-api.client.js';
export { endpoint, type EndpointRow, type EndpointHost, type EndpointKind, type EndpointBody, type EndpointCredential, type RequestOf, type ResponseOf, type DtoClass, type WechatOk } from './api/endpoint.js';
export { MaxBytes, utf8Length } from './api/dto/max-bytes.decorator.js';
export { validateDto } from './api/dto/validate-dto.js';
export { WechatHttpTransport } from './api/transport/wechat-http.transport.js';
export { ACCOUNT_SERVICES, type AccountServiceName } from './api/account-services.js';
export { ENDPOINTS, type EndpointSpec, type EndpointName } from './api/wechat-endpoints.js';
export { DEFAULT_RETRY, type RetryOptions } from './api/retry-policy.js';
export { WechatServices, type WechatAccountServices } from './api/wechat-services.js';
export { TokenService } from './api/token.service.js';
export { BasicService } from './api/basic/basic.service.js';
export * from './api/basic/basic.dto.js';
export * from './api/basic/basic.types.js';
// Menus, QR codes, materials, messages (typed rows + DTOs, one folder per area)
export { MenuService, checkMenu } from './api/menu/menu.service.js';
export * from './api/menu/menu.types.js';
export * from './api/menu/menu.dto.js';
export { MENU_ENDPOINTS } from './api/menu/menu.endpoints.js';
export { QrcodeService } from './api/qrcode/qrcode.service.js';
export * from './api/qrcode/qrcode.types.js';
export * from './api/qrcode/qrcode.dto.js';
export { QRCODE_ENDPOINTS } from './api/qrcode/qrcode.endpoints.js';
export { MaterialService } from './api/material/material.service.js';
export * from './api/material/material.types.js';
export {
  MediaUploadDto, MediaUploadImgDto, MaterialAddDto, VideoDescriptionDto, MediaIdDto, MaterialBatchGetDto,
  MEDIA_TYPES, BATCH_GET_TYPES, type MediaFileInput,
} from './api/material/material.dto.js';
export { MATERIAL_ENDPOINTS } from './api/material/material.endpoints.js';
export { MessageService } from './api/message/message.service.js';
export * from './api/message/message.types.js';
export * from './api/message/message.dto.js';
export { MESSAGE_ENDPOINTS } from './api/message/message.endpoints.js';
export { IsNumericId } from './api/dto/is-numeric-id.decorator.js';

// Users, tags, blacklist (用户管理)
export { UserService } from './api/user/user.service.js';
export { TagService } from './api/user/tag.service.js';
export { BlacklistService } from './api/user/blacklist.service.js';
export * from './api/user/user.dto.js';
export * from './api/user/user.types.js';
export { USER_ENDPOINTS } from './api/user/user.endpoints.js';
export { iterateOpenids } from './api/openid-pages.js';

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
export { dedupeKeyOf } from './inbound/dedupe-key.js';
export { toCustomerServiceMessage, type LateReplyMapping } from './inbound/late-reply.js';
export { WechatLateReplySender } from './inbound/late-reply.sender.js';
