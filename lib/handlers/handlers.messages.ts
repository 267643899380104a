/** Every text the handlers layer puts in an error or a log line, in one place. Never a message body or a secret. */
export const HANDLER_MESSAGES = {
  invalidArgument: (decorator: string, reason: string) => `nestjs-wechat-mp: @${decorator}(): ${reason}`,
  notAMethod: (decorator: string) => `nestjs-wechat-mp: @${decorator}() decorates methods only`,
  pipeNotAnInstance: (decorator: string) =>
    `nestjs-wechat-mp: @${decorator}(): pass pipe instances (e.g. new ParseIntPipe()); ` +
    'to use a pipe class with dependency injection, bind it with @UsePipes()',
  accountTwice: (where: string) => `nestjs-wechat-mp: @ForAccount() is applied twice to ${where}`,
  unknownAccount: (label: string, account: string) =>
    `nestjs-wechat-mp: ${label} is restricted with @ForAccount('${account}'), but no account is registered under that name or AppID`,
  duplicate: (key: string, first: string, second: string) =>
    `nestjs-wechat-mp: '${first}' and '${second}' both handle ${key}; one key may have one handler ` +
    '(make one claim more specific or restrict one with @ForAccount())',
  badMatcher: (label: string, reason: string) => `nestjs-wechat-mp: ${label}: ${reason}`,
  nonStaticProvider: (label: string) =>
    `Cannot register WeChat handler "${label}": it lives in a request-scoped or transient provider (or depends on one); ` +
    'handlers must live in singleton providers',
  guardDenied: (label: string) => `${label}: a guard refused the message; answering "success"`,
  /** The error text may repeat message content (the sender's choice): quoted, so it cannot forge a log line. */
  handlerFailed: (label: string, error: string) => `${label} failed (${JSON.stringify(error)}); answering "success"`,
  invalidResult: (label: string, what: string) =>
    `${label} returned ${what}; a handler may return a Reply object, a string or nothing. Answering "success"`,
} as const;
