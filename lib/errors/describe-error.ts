/** A thrown value as one log-safe line: the error's name and message (ours never hold secrets), or its text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
