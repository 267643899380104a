/** Texts of inbound refusals, in one place. None includes a secret, a signature we computed, or body content. */
export const INBOUND_MESSAGES = {
  signatureMissing: 'Missing signature, timestamp or nonce query parameter',
  signatureInvalid: 'Signature does not match',
  msgSignatureMissing: 'encrypt_type=aes requires a msg_signature query parameter',
  msgSignatureInvalid: 'msg_signature does not match',
  timestampInvalid: (skew: number) => `timestamp is not a Unix time within ${skew} s of this server's clock`,
  echostrMissing: 'Missing echostr query parameter',
  bodyUnreadable: 'The request body could not be read',
  bodyTimeout: (ms: number) => `The request body was not complete within ${ms} ms`,
  bodyAlreadyParsed:
    'The callback body was already parsed into an object by another body parser, and re-serializing it would ' +
    'change it (MsgIds beyond 2^53 are rounded). On a route of your own, create the app with ' +
    '`NestFactory.create(AppModule, { rawBody: true })` (Express and Fastify), or exclude the route from your body ' +
    'parser; the built-in route (the module\'s `path`) needs nothing',
  bodyTooLarge: (limit: number) => `The request body is larger than the ${limit}-byte limit`,
  unsupportedEncryptType: (type: string) => `Unsupported encrypt_type ${JSON.stringify(type.slice(0, 16))}; WeChat sends "aes"`,
  encryptionRequired: 'This account accepts only encrypted callbacks (encrypt_type=aes)',
  aesNotConfigured: 'An encrypted callback arrived but this account has no encodingAESKey configured',
  encryptMissing: 'encrypt_type=aes but the body has no Encrypt field',
  unsupportedMediaType: 'Content-Type must be XML (text/xml) or JSON (application/json)',
  unknownAccount: 'No WeChat account is registered for this path',
  decryptFailed: 'The encrypted body could not be opened',
  partiesMissing: 'The message has no ToUserName and FromUserName text fields',
} as const;
