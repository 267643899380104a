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
export { WECHAT_TOKEN_STORE, WECHAT_DEDUPE_STORE, WECHAT_API_CLIENT_OPTIONS, WECHAT_HTTP_CLIENT, WECHAT_CONTEXT_TYPE } from './wechat-mp.constants.js';

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
export { WechatExceptionFilter, type WechatErrorBody } from './errors/wechat-exception.filter.js';
export { explainErrcode, ERRCODE_EXPLANATIONS, TOKEN_ERRCODES } from './api/wechat-errcodes.js';
export type { ErrcodeExplanation } from './errors/wechat-api.error.js';
export { WechatApiClient, type WechatApiClientOptions, type ApiRequest, type DownloadResult, type DownloadedFile, type MultipartFile, type UploadFile } from './api/wechat-api.client.js';
export { endpoint, type EndpointRow, type EndpointHost, type EndpointKind, type EndpointBody, type EndpointCredential, type RequestOf, type ResponseOf, type DtoClass, type WechatOk } from './api/endpoint.js';
export { MaxBytes, utf8Length } from './api/dto/max-bytes.decorator.js';
export { validateDto } from './api/dto/validate-dto.js';
export { WechatHttpTransport } from './api/transport/wechat-http.transport.js';
export type { WechatHttpClient } from './api/transport/http-client.js';
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

// Issue 11: 数据统计, 智能接口, 电子发票, 一物一码, 门店小程序; retired inbound areas
export { DatacubeService } from './api/datacube/datacube.service.js';
export * from './api/datacube/datacube.dto.js';
export * from './api/datacube/datacube.types.js';
export { DATACUBE_ENDPOINTS, DATACUBE_SPECS, type DatacubeName, type DatacubeRowTypes, type DatacubeSpec, type DatacubeRow } from './api/datacube/datacube.endpoints.js';
export { checkRange, splitRange, latestDataDay, type DayRange } from './api/datacube/date-range.js';
export { IntelligentService, type ImageSource } from './api/intelligent/intelligent.service.js';
export * from './api/intelligent/intelligent.dto.js';
export * from './api/intelligent/intelligent.types.js';
export { INTELLIGENT_ENDPOINTS, IMAGE_API_SPECS, type ImageApiName, type ImageApiResults } from './api/intelligent/intelligent.endpoints.js';
export { IsFileBytes, detectFormat, uploadFileDto, FILE_SIGNATURES, type FileFormat } from './api/dto/upload-file.dto.js';
export { InvoiceService } from './api/invoice/invoice.service.js';
export * from './api/invoice/invoice.dto.js';
export * from './api/invoice/invoice.types.js';
export { INVOICE_ENDPOINTS } from './api/invoice/invoice.endpoints.js';
export { MarketcodeService } from './api/marketcode/marketcode.service.js';
export * from './api/marketcode/marketcode.dto.js';
export * from './api/marketcode/marketcode.types.js';
export { MARKETCODE_ENDPOINTS } from './api/marketcode/marketcode.endpoints.js';
export { StoreService } from './api/store/store.service.js';
export * from './api/store/store.dto.js';
export * from './api/store/store.types.js';
export { STORE_ENDPOINTS } from './api/store/store.endpoints.js';
export * from './message/retired-events.js';
/** The four 电子发票 pushes, typed from the event table. */
export type UserAuthorizeInvoiceEvent = import('./message/message-types.js').EventOf<'user_authorize_invoice'>;
export type UpdateInvoiceStatusEvent = import('./message/message-types.js').EventOf<'update_invoice_status'>;
export type SubmitInvoiceTitleEvent = import('./message/message-types.js').EventOf<'submit_invoice_title'>;
export type CloudInvoiceResultEvent = import('./message/message-types.js').EventOf<'cloud_invoice_invoiceresult_event'>;

// Stores
export { credentialKey, type TokenStore, type StoredToken, type CredentialStore, type StoredCredential, type CredentialKind } from './stores/token-store.interface.js';
export type { DedupeStore } from './stores/dedupe-store.interface.js';
export { MemoryTokenStore } from './stores/memory-token.store.js';

// Cluster: shared stores, dedupe of WeChat's retries, late replies (helper "cluster")
export { MemoryDedupeStore, type MemoryDedupeStoreOptions } from './stores/memory-dedupe.store.js';
export { RedisTokenStore, type RedisTokenStoreOptions } from './stores/redis-token.store.js';
export { RedisDedupeStore, type RedisDedupeStoreOptions } from './stores/redis-dedupe.store.js';
export { REDIS_STORE_DEFAULTS, type RedisStoreOptions, type RedisClient } from './stores/redis-connection.js';
export { WechatStoreUnavailableError, type StoreFailure } from './errors/wechat-store-unavailable.error.js';

// Issue 10 areas: short keys and QR jump rules, comments (留言), customer-service administration, openApi (rid,
// quota resets), auto-reply rules, blocked template messages
export { ShortenService, SHORT_SCENE_PREFIX, type LongSceneQrcode } from './api/shorten/shorten.service.js';
export * from './api/shorten/shorten.dto.js';
export * from './api/shorten/shorten.types.js';
export { QrcodeJumpService, type QrcodeJumpRuleInput } from './api/qrcode-jump/qrcode-jump.service.js';
export * from './api/qrcode-jump/qrcode-jump.dto.js';
export * from './api/qrcode-jump/qrcode-jump.types.js';
export { CommentService, type ArticleRef } from './api/comment/comment.service.js';
export * from './api/comment/comment.dto.js';
export * from './api/comment/comment.types.js';
export { KfService } from './api/kf/kf.service.js';
export * from './api/kf/kf.dto.js';
export * from './api/kf/kf.types.js';
export { OpenApiService } from './api/openapi/openapi.service.js';
export * from './api/openapi/openapi.dto.js';
export * from './api/openapi/openapi.types.js';
export { AutoreplyService } from './api/autoreply/autoreply.service.js';
export * from './api/autoreply/autoreply.types.js';
export { TemplateBlockService } from './api/template-block/template-block.service.js';
export * from './api/template-block/template-block.dto.js';
export * from './api/template-block/template-block.types.js';
// Draft box and free publishing (草稿箱 / 发布能力)
export { DraftService } from './api/draft/draft.service.js';
export * from './api/draft/draft.dto.js';
export * from './api/draft/draft.types.js';
export { PublishService } from './api/freepublish/freepublish.service.js';
export * from './api/freepublish/freepublish.dto.js';
export * from './api/freepublish/freepublish.types.js';

// 订阅通知 (subscription notifications) and the one-time subscribe message
export { SubscribeService } from './api/subscribe/subscribe.service.js';
export * from './api/subscribe/subscribe.dto.js';
export * from './api/subscribe/subscribe.types.js';
export { SUBSCRIBE_VALUE_LIMITS, IsSubscribeData } from './api/subscribe/subscribe-data.validator.js';

// Mass-send helpers: mpnews/mpvideo media and the sending speed
export { MassHelperService } from './api/mass-helpers/mass-helpers.service.js';
export * from './api/mass-helpers/mass-helpers.dto.js';
export * from './api/mass-helpers/mass-helpers.types.js';
export { MaxChars, charLength } from './api/dto/max-chars.decorator.js';
// Credentials, OAuth2 网页授权 and JS-SDK (helper i9a)
export { CredentialManager, EARLY_REFRESH_BACKOFF_MS, type CredentialManagerOptions, type FetchedCredential } from './api/credentials/credential-manager.js';
export { TicketService, type TicketServiceOptions } from './api/jssdk/ticket.service.js';
export { JssdkService } from './api/jssdk/jssdk.service.js';
export { jssdkSignature, jssdkPageUrl, jssdkNonce } from './api/jssdk/jssdk-signature.js';
export * from './api/jssdk/jssdk.dto.js';
export * from './api/jssdk/jssdk.types.js';
export { OAuthService, OAUTH_AUTHORIZE_PATH, OAUTH_CODE_ERRCODES } from './api/oauth/oauth.service.js';
export * from './api/oauth/oauth.dto.js';
export * from './api/oauth/oauth.types.js';
export { WechatOAuthGuard, WechatOAuthRedirectException } from './oauth/wechat-oauth.guard.js';
export { WechatOAuth, OAuthUser } from './oauth/wechat-oauth.decorators.js';
export { CookieOAuthSessionStore, type CookieOAuthSessionStoreOptions, type WechatOAuthSessionStore, type OAuthHttpContext, type OAuthCookieOptions } from './oauth/oauth-session.store.js';
export type { WechatOAuthOptions, WechatOAuthRouteOptions } from './oauth/wechat-oauth.options.js';
export { WECHAT_OAUTH_SESSION_STORE, WECHAT_OAUTH_OPTIONS } from './wechat-mp.constants.js';
