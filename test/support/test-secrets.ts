import { SAMPLE_DEV_DEFAULTS } from '../../sample/sample.config.js';

/**
 * Secrets the test run configures somewhere (AppSecret, token, EncodingAESKey). None of them may ever show up in
 * anything the run logs: Nest logs captured with LogCapture, and the stdout/stderr of every process a spec
 * spawns (the fuzzed sample, the packed consumer apps). Specs that configure a secret of their own pass it as
 * `extra`.
 */
export const TEST_SECRETS: readonly string[] = [
  SAMPLE_DEV_DEFAULTS.appSecret,
  SAMPLE_DEV_DEFAULTS.token,
  SAMPLE_DEV_DEFAULTS.encodingAESKey,
];

/**
 * Patterns that would mean a secret leaked even when its value is unknown to the test (access tokens are
 * issued at run time): an access_token query parameter or JSON field that is not redacted.
 */
const LEAK_PATTERNS: readonly RegExp[] = [
  /access_token=(?!\*\*\*)[^&\s"']{8,}/i,
  /"access_token"\s*:\s*"(?!\*\*\*)[^"]{8,}"/i,
  // OAuth refresh tokens and JS-SDK tickets (helper i9a)
  /refresh_token=(?!\*\*\*)[^&\s"']{8,}/i,
  /"refresh_token"\s*:\s*"(?!\*\*\*)[^"]{8,}"/i,
  /jsapi_ticket=(?!\*\*\*)[^&\s"']{8,}/i,
];

/** The secrets (or leak patterns) found in `text`; empty when it is clean. Never returns the surrounding text. */
export function findSecrets(text: string, extra: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const secret of [...TEST_SECRETS, ...extra]) {
    if (secret.length >= 6 && text.includes(secret)) found.push(`secret #${[...TEST_SECRETS, ...extra].indexOf(secret)} (${secret.length} chars)`);
  }
  for (const pattern of LEAK_PATTERNS) if (pattern.test(text)) found.push(`pattern ${pattern.source}`);
  return found;
}
