import { WechatTransportError } from '../../errors/wechat-transport.error.js';
import { credentialKey, type TokenStore } from '../../stores/token-store.interface.js';
import { CredentialManager } from '../credentials/credential-manager.js';
import type { TicketType } from './jssdk.dto.js';
import type { TicketResult } from './jssdk.types.js';

export interface TicketServiceOptions {
  refreshMarginSeconds: number;
  /** Epoch milliseconds. */
  now: () => number;
}

/**
 * The JS-SDK tickets of one account (`jsapi` for `wx.config`, `wx_card` for 卡券), kept by the same
 * `CredentialManager` and store as the access_token: cached across a cluster, single-flight refresh, fencing,
 * fallback to the stored ticket while an early refresh fails. `getticket` has a small daily quota: never call it
 * per page view.
 */
export class TicketService {
  private readonly managers: Record<TicketType, CredentialManager>;

  constructor(
    store: TokenStore,
    readonly appId: string,
    options: TicketServiceOptions,
    /** Performs `ticket/getticket` with the account's access_token (the client does: it owns the token). */
    fetchTicket: (type: TicketType) => Promise<TicketResult>,
  ) {
    const manager = (type: TicketType) =>
      new CredentialManager(store, {
        key: credentialKey(appId, type),
        label: `${type} ticket of ${appId}`,
        ...options,
        fetch: async () => {
          const answer = await fetchTicket(type);
          const expiresIn = Number(answer.expires_in);
          if (typeof answer.ticket !== 'string' || !answer.ticket || !(expiresIn > 0)) {
            throw new WechatTransportError('bad_response', '/cgi-bin/ticket/getticket', 'the answer holds no ticket and expires_in');
          }
          return { value: answer.ticket, expiresInSeconds: expiresIn };
        },
      });
    this.managers = { jsapi: manager('jsapi'), wx_card: manager('wx_card') };
  }

  /** 获取 jsapi_ticket: the cached ticket of `type` (default `jsapi`), fetched when missing or due. */
  getTicket(type: TicketType = 'jsapi'): Promise<string> {
    return this.managers[type].get();
  }

  /** Fetches a new ticket even if the cached one is fresh. */
  forceRefresh(type: TicketType = 'jsapi'): Promise<string> {
    return this.managers[type].forceRefresh();
  }

  /**
   * Call when pages report `invalid signature` for a ticket: expires it only if it is still the cached one (another
   * process may have replaced it already), then returns the current one, fetching if needed.
   */
  recoverFrom(ticket: string, type: TicketType = 'jsapi'): Promise<string> {
    return this.managers[type].recoverFrom(ticket);
  }
}
