/**
 * One row of the endpoint table: everything the client needs to perform a platform call, and the types that make
 * `WechatApiClient.call(row, input)` checked end to end (octokit's `Endpoints` map, as data).
 *
 * - `request`: the DTO class. Its class-validator decorators are the one declaration of the documented wire shape
 *   and limits, with the docs' own field names, so an example copied from the docs validates as it is.
 * - Where the input goes: every field goes to the query string for `body: 'none'`; otherwise the fields named in
 *   `query` go to the query string, `file` is the multipart file, and the rest is the JSON body or form fields;
 *   for `body: 'text'` the one remaining field is sent as the raw text body (微信翻译 takes its text that way).
 * - `kind` chooses the retry policy (see `isRepeatable`):
 *   - `read`: safe to repeat (reads, and writes whose repeat changes nothing anyone sees). Retried on network
 *     errors, timeouts, HTTP 5xx and errcode -1.
 *   - `send`: a repeat could duplicate a side effect. Never repeated once the request may have reached WeChat,
 *     except after a credential error (40001/40014/42001), which means WeChat refused it.
 * - `credential`: what the client adds. `access_token` (the account's, refreshed and recovered by the credential
 *   manager), `app_secret` (`appid` + `secret` in the query, e.g. the OAuth code exchange), or `none`.
 */
export type EndpointHost = 'api' | 'mp' | 'open';
export type EndpointKind = 'read' | 'send';
export type EndpointBody = 'none' | 'json' | 'multipart' | 'text';
export type EndpointCredential = 'access_token' | 'app_secret' | 'none';

/** A DTO class: `new` with no arguments, as class-transformer builds it. */
export type DtoClass<T extends object = object> = new () => T;

/** What a call without input takes. */
export type NoInput = undefined;

/** WeChat's bare success answer. */
export interface WechatOk {
  errcode?: 0;
  errmsg?: string;
}

export interface EndpointRow<Req = unknown, Res = unknown> {
  /** The API's name in the official docs (Chinese), so a search for it finds the row, its service and README entry. */
  readonly title: string;
  readonly method: 'GET' | 'POST';
  /** Path on its host, starting with `/`. */
  readonly path: string;
  /** api.weixin.qq.com, mp.weixin.qq.com or open.weixin.qq.com (OAuth). Default `api`. */
  readonly host: EndpointHost;
  readonly kind: EndpointKind;
  readonly body: EndpointBody;
  readonly credential: EndpointCredential;
  /** The request DTO; `undefined` for a call that takes no input. */
  readonly request: DtoClass<Req & object> | undefined;
  /** Input fields sent in the query string when the body is JSON or multipart. */
  readonly query?: readonly string[];
  /** The multipart file field (`media` for every upload API). */
  readonly file?: string;
  /** `json`: WeChat's JSON answer; `binary`: a file (or a JSON answer for some kinds, see `DownloadResult`). */
  readonly response: 'json' | 'binary';
  /** Keys a successful JSON answer must carry; a missing one is a `WechatTransportError('bad_response')`. */
  readonly expect?: readonly string[];
  /** The official doc page. */
  readonly doc: string;
  /** Set when the current docs mark the endpoint deprecated: what to use instead. */
  readonly deprecated?: string;
  /** Phantom field carrying the request and response types; never set. */
  readonly __types?: { request: Req; response: Res };
}

/** The input a row takes. */
export type RequestOf<E> = E extends EndpointRow<infer Req, unknown> ? Req : never;
/** What a row's call resolves with. */
export type ResponseOf<E> = E extends EndpointRow<unknown, infer Res> ? Res : never;
/** `call(row)` for rows without input, `call(row, input)` otherwise. */
export type CallArgs<E> = RequestOf<E> extends NoInput ? [input?: undefined] : [input: RequestOf<E>];

type RowSpec<Req> = Omit<EndpointRow<Req, unknown>, '__types' | 'host' | 'body' | 'credential' | 'request'> & {
  readonly host?: EndpointHost;
  readonly body?: EndpointBody;
  readonly credential?: EndpointCredential;
};

/**
 * Declares a row: `endpoint<Response>()({ ...row, request: SomeDto })`. The request type is inferred from the DTO
 * class, the response type is stated once here. Defaults: host `api`, credential `access_token`, body `json` for
 * POST and `none` for GET.
 */
export function endpoint<Res = WechatOk>() {
  function define<Req extends object>(row: RowSpec<Req> & { readonly request: DtoClass<Req> }): EndpointRow<Req, Res>;
  function define(row: RowSpec<NoInput> & { readonly request?: undefined }): EndpointRow<NoInput, Res>;
  function define(row: RowSpec<unknown> & { readonly request?: DtoClass }): EndpointRow<unknown, Res> {
    return Object.freeze({
      host: 'api',
      credential: 'access_token',
      body: row.method === 'GET' ? 'none' : 'json',
      ...row,
      request: row.request,
    }) as EndpointRow<unknown, Res>;
  }
  return define;
}
