import type { Reply } from '../message/reply.js';
import { REPLY_TYPES } from '../message/reply-forms.js';


/** Outcome of normalizing a handler's (or exception filter's) return value. */
export type NormalizedResult = { ok: true; reply: Reply | null } | { ok: false; what: string };

/**
 * A string becomes a text reply (the empty string means no reply, like `success`); a `Reply` object passes
 * through when its `type` is a passive-reply type; null/undefined mean no reply. Anything else is refused.
 */
export function normalizeHandlerResult(result: unknown): NormalizedResult {
  if (result === null || result === undefined) return { ok: true, reply: null };
  if (typeof result === 'string') return { ok: true, reply: result.length === 0 ? null : { type: 'text', content: result } };
  if (typeof result === 'object' && !Array.isArray(result)) {
    const type = (result as { type?: unknown }).type;
    if (typeof type === 'string' && REPLY_TYPES.has(type)) return { ok: true, reply: result as Reply };
    return { ok: false, what: typeof type === 'string' ? `an object of unknown type "${type}"` : 'an object without a reply type' };
  }
  return { ok: false, what: Array.isArray(result) ? 'an array' : `a ${typeof result}` };
}
