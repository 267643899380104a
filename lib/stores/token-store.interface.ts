/** An access token as stored: the token and when WeChat says it stops working (epoch milliseconds). */
export interface StoredToken {
  accessToken: string;
  expiresAt: number;
  /**
   * When to start refreshing (epoch milliseconds). Absent: `expiresAt` minus the refresh margin. Set when a token
   * arrives with less life left than the margin (stable_token hands out the old token until 5 minutes before it
   * expires), so such a token is used for a while instead of being refetched on every call.
   */
  refreshAt?: number;
}

/**
 * Where access tokens live, keyed by AppID. The memory default serves one process; a shared store
 * (Redis) lets a cluster use one token. Implementations must make `invalidate` a compare-and-delete.
 */
export interface TokenStore {
  get(appId: string): Promise<StoredToken | null>;
  set(appId: string, token: StoredToken): Promise<void>;
  /** Removes the token only if it is still `accessToken`; true when it removed it. */
  invalidate(appId: string, accessToken: string): Promise<boolean>;
  /**
   * Runs `refresh` so that at most one caller per AppID refreshes at a time across everyone sharing this store.
   * The memory store needs only in-process exclusion; a shared store holds a lock with a TTL.
   */
  withRefreshLock<T>(appId: string, refresh: () => Promise<T>): Promise<T>;
}
