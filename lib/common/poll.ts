/**
 * How a waiter polls shared state (a retry awaiting the first delivery's answer, a process awaiting another's token
 * refresh): 20 ms at first, doubling to 200 ms — prompt without hammering the store.
 */
export const POLL_BACKOFF = { firstMs: 20, maxMs: 200 } as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
