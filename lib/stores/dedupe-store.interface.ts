/**
 * Remembers callbacks WeChat has delivered, so a retry of the same message runs no handler again and gets the
 * first delivery's answer. Keys are built by the inbound pipeline (see `dedupe-key.ts`).
 */
export interface DedupeStore {
  /** Claims `key` for `ttlSeconds`; true for the first caller, false when it was already claimed. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Records the serialized answer of a claimed key (JSON, never empty: stores may use `''` for "pending"). */
  setResult(key: string, result: string, ttlSeconds: number): Promise<void>;
  /** The answer recorded for `key`, or null while the first delivery is still running. */
  getResult(key: string): Promise<string | null>;
}
