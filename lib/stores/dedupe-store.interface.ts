/**
 * Remembers callbacks WeChat has delivered, so a retry (or a replay inside the timestamp window) of the same
 * message runs no handler again and gets the first delivery's answer. Keys are built by the inbound pipeline
 * (`<appId>:` and a fixed-size hash, see `dedupe-key.ts`).
 *
 * A claim is a lease: it lasts `leaseSeconds` unless its holder records a result first (or renews it). If the
 * holder dies mid-handler, the lease runs out and a later delivery claims the key again and runs the handler, so a
 * message is handled at least once, and exactly once while its holder lives.
 */
export interface DedupeStore {
  /** Claims `key` for `leaseSeconds`; true for the first caller, or when an earlier claim's lease ran out unrecorded. */
  claim(key: string, leaseSeconds: number): Promise<boolean>;
  /** Extends a pending claim's lease (the holder still runs); nothing once a result is recorded. Optional. */
  renew?(key: string, leaseSeconds: number): Promise<void>;
  /** Records the serialized answer of a claimed key for `ttlSeconds` (JSON, never empty). */
  setResult(key: string, result: string, ttlSeconds: number): Promise<void>;
  /** The answer recorded for `key`, or null while the first delivery is still running (or nobody holds it). */
  getResult(key: string): Promise<string | null>;
  /**
   * `claim`, answered at once: an in-process store may offer it, and the pipeline then spends no promise on the
   * first step of every callback. Optional; same contract as `claim`.
   */
  claimNow?(key: string, leaseSeconds: number): boolean;
  /** `setResult`, done at once (see `claimNow`). Optional; same contract as `setResult`. */
  setResultNow?(key: string, result: string, ttlSeconds: number): void;
}
