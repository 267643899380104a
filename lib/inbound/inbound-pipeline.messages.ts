/**
 * Texts of the inbound pipeline's log lines, in one place. None holds a secret or message content. Every value
 * the sender chose (a MsgType, a dedupe key) is quoted with `q`, so a newline in it cannot forge a log line.
 */
const q = (value: string): string => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);

export const PIPELINE_MESSAGES = {
  dedupeUnavailable: (detail: string) =>
    `Dedupe store unavailable (${detail}); handling callbacks without dedupe until it is back, so a retry may run its ` +
    `handler again (logged once per outage)`,
  resultNotRecorded: (detail: string) =>
    `Could not record a callback's answer in the dedupe store (${detail}); its retries will answer "success"`,
  duplicate: (account: string, key: string) => `Retry of an already received callback for account ${q(account)} (key ${q(key)}): not handled again`,
  deadlineExceeded: (account: string, type: string, ms: number) =>
    `Handler for ${q(type)} on account ${q(account)} still running after the ${ms} ms reply deadline: answered "success"; ` +
    `its reply will be sent through the customer-service API`,
  lateReplySent: (account: string, type: string) => `Late reply (${q(type)}) for account ${q(account)} sent as a customer-service message`,
  lateReplyNotSent: (account: string, type: string, reason: string) =>
    `Late reply (${q(type)}) for account ${q(account)} NOT delivered: ${reason}`,
  lateReplyTrimmed: (account: string, dropped: number) =>
    `Late news reply for account ${q(account)}: a customer-service news message carries one article; ${dropped} more not sent`,
  transferNotPossible:
    'transfer_customer_service works only as a passive reply; after the deadline the conversation cannot be transferred ' +
    '(raise replyDeadlineMs or answer faster)',
} as const;
