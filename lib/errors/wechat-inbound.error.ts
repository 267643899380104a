import { WechatError } from './wechat-error.js';

/**
 * Why an inbound callback was refused. Each reason maps to one HTTP status, so the HTTP layer and the docs
 * share one table. Messages name what was wrong, never a secret or the body.
 */
export const INBOUND_ERROR_STATUS = {
  signature_missing: 401,
  signature_invalid: 401,
  msg_signature_invalid: 401,
  timestamp_invalid: 401,
  body_empty: 400,
  body_malformed: 400,
  body_forbidden_markup: 400,
  body_not_a_message: 400,
  body_too_large: 413,
  body_timeout: 408,
  /** The app's setup, not the sender: a body parser turned the body into an object before it could be verified. */
  body_already_parsed: 500,
  unsupported_media_type: 415,
  encrypt_missing: 400,
  encrypt_invalid: 400,
  appid_mismatch: 401,
  /** Every decryption failure, as answered over HTTP (the precise reason is its cause, logged only). */
  decrypt_failed: 400,
  encryption_required: 401,
  aes_not_configured: 400,
  encrypt_type_unsupported: 400,
  echostr_missing: 400,
  account_unknown: 404,
} as const;

export type InboundErrorReason = keyof typeof INBOUND_ERROR_STATUS;

export class WechatInboundError extends WechatError {
  readonly code = 'WECHAT_INBOUND_REJECTED';
  readonly status: number;
  constructor(readonly reason: InboundErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = INBOUND_ERROR_STATUS[reason];
  }
}
