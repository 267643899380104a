/** What `openapi/rid/get` knows of the call that answered with a rid. */
export interface RidRequestInfo {
  /** Unix seconds. */
  invoke_time: number;
  cost_in_ms: number;
  /** The query string sent (WeChat shows the access_token cut short). */
  request_url: string;
  /** The POST body sent. */
  request_body: string;
  /** The answer WeChat gave. */
  response_body: string;
  client_ip: string;
}
