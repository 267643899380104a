import type { EndpointRow } from '../../lib/api/endpoint.js';
import type { WireRequest } from '../../lib/api/transport/wechat-http.transport.js';
import type { WechatApiClient } from '../../lib/api/wechat-api.client.js';

/**
 * Sends a row's wire request as it is, past the row's DTO, with the client's access_token: how a spec reaches the
 * emulator's own refusals (the errcode WeChat answers) for input the library would refuse before any call.
 */
export async function rawCall(client: WechatApiClient, row: EndpointRow, wire: WireRequest = {}): Promise<Record<string, unknown>> {
  const query = row.credential === 'access_token' ? { ...wire.query, access_token: await client.token.getAccessToken() } : wire.query;
  return client.transport.json(row, await client.transport.send(row, { ...wire, query }));
}
