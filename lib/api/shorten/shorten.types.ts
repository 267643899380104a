/** Answer of `shorten/gen`. */
export interface ShortKeyResult {
  /** 15 base62 characters. */
  short_key: string;
}

/** Answer of `shorten/fetch`. */
export interface LongDataResult {
  long_data: string;
  /** Unix seconds. */
  create_time: number;
  /** Seconds left before the key expires. */
  expire_seconds: number;
}
