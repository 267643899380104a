import { Inject, Injectable, Optional } from '@nestjs/common';
import type { TokenStore } from '../stores/token-store.interface.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { WECHAT_API_CLIENT_OPTIONS, WECHAT_HTTP_CLIENT, WECHAT_TOKEN_STORE } from '../wechat-mp.constants.js';
import type { WechatHttpClient } from './transport/http-client.js';
import { ACCOUNT_SERVICES, type AccountServiceName } from './account-services.js';
import type { TicketService } from './jssdk/ticket.service.js';
import type { TokenService } from './token.service.js';
import { WechatApiClient, type WechatApiClientOptions } from './wechat-api.client.js';

export { WECHAT_API_CLIENT_OPTIONS };

/** One account's API: its client, its token service and the services built on it (`ACCOUNT_SERVICES`). */
export type WechatAccountServices = {
  readonly client: WechatApiClient;
  readonly token: TokenService;
  readonly tickets: TicketService;
} & { readonly [K in AccountServiceName]: InstanceType<(typeof ACCOUNT_SERVICES)[K]> };

/**
 * The outbound API of every registered account, built on first use and cached per account. Inject it to reach a
 * non-default account: `services.forAccount('shop').message.sendTemplate(...)`. The default account's services
 * are also injectable one by one (`MenuService`, ...).
 */
@Injectable()
export class WechatServices {
  private readonly byAppId = new Map<string, WechatAccountServices>();

  constructor(
    private readonly accounts: WechatAccounts,
    @Inject(WECHAT_HTTP_CLIENT) private readonly http: WechatHttpClient,
    @Inject(WECHAT_TOKEN_STORE) private readonly store: TokenStore,
    @Optional() @Inject(WECHAT_API_CLIENT_OPTIONS) private readonly options: WechatApiClientOptions = {},
  ) {}

  /** The services of the account registered under `nameOrAppId` (default: the default account). */
  forAccount(nameOrAppId?: string): WechatAccountServices {
    const account = nameOrAppId === undefined ? this.accounts.default : this.accounts.get(nameOrAppId);
    let services = this.byAppId.get(account.appId);
    if (!services) {
      const client = new WechatApiClient(account, this.http, this.store, this.options ?? {});
      const built = Object.fromEntries(
        Object.entries(ACCOUNT_SERVICES).map(([name, Service]) => [name, new Service(client)]),
      );
      services = { client, token: client.token, tickets: client.tickets, ...built } as WechatAccountServices;
      this.byAppId.set(account.appId, services);
    }
    return services;
  }
}
