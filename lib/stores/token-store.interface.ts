/**
 * A credential as stored: its value and when WeChat says it stops working (epoch milliseconds). Every credential
 * the platform issues per account lives in the one store under its own key (see `credentialKey`): the access_token
 * under the AppID, the JS-SDK tickets under `<appId>:jsapi_ticket` / `<appId>:wx_card_ticket`.
 */
export interface StoredToken {
  /** The credential's value: the access_token, or a ticket for a ticket key (the name predates tickets). */
  accessToken: string;
  expiresAt: number;
  /**
   * When to start refreshing (epoch milliseconds). Absent: `expiresAt` minus the refresh margin. Set when a token
   * arrives with less life left than the margin (stable_token hands out the old token until 5 minutes before it
   * expires), so such a token is used for a while instead of being refetched on every call.
   */
  refreshAt?: number;
}

/** The same record under the name that fits tickets too. */
export type StoredCredential = StoredToken;

/**
 * Where credentials live, one per key (`credentialKey`). The memory default serves one process; a shared store
 * (Redis) lets a cluster use one access_token and one ticket per account.
 *
 * Contract:
 * - `invalidate` is a compare-and-delete ("expire only if unchanged"), so a process that saw an old credential fail
 *   cannot delete the new one.
 * - `withRefreshLock` lets one caller per key refresh at a time and hands it a **fence**: a number that grows with
 *   every lock taken on the key. `set(key, value, fence)` must refuse (answer `false`) when a later fence was handed
 *   out meanwhile, so a holder whose lock expired during a slow fetch cannot overwrite the newer credential of the
 *   holder after it. `set` without a fence writes unconditionally. Stores written before fencing (answering
 *   `void`, ignoring the fence) still work; they just do not fence.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | null>;
  set(key: string, token: StoredToken, fence?: number): Promise<boolean | void>;
  /** Removes the credential only if it is still `value`; true when it removed it. */
  invalidate(key: string, value: string): Promise<boolean>;
  /**
   * Runs `refresh` so that at most one caller per key refreshes at a time across everyone sharing this store.
   * The memory store needs only in-process exclusion; a shared store holds a lock with a TTL.
   */
  withRefreshLock<T>(key: string, refresh: (fence?: number) => Promise<T>): Promise<T>;
}

/** The same interface under the name that fits tickets too. */
export type CredentialStore = TokenStore;

/** Every kind of credential the platform issues per account. */
export type CredentialKind = 'access_token' | 'jsapi' | 'wx_card';

/**
 * The store key of `appId`'s credential of `kind`. The access_token keeps the bare AppID (its key before tickets
 * shared the store), so tokens stored by earlier versions are still found.
 */
export function credentialKey(appId: string, kind: CredentialKind): string {
  return kind === 'access_token' ? appId : `${appId}:${kind}_ticket`;
}
