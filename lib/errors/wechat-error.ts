/** Base of every error this package throws; `code` is stable and documented, messages never hold secrets. */
export abstract class WechatError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
