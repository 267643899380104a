import type { AnyInboundMessage, InboundMessage, UnknownMessage } from '../../lib/index.js';
import { buildEvent } from '../../lib/message/message-builders.js';

/**
 * Type-level tests (issue 12, point 5), checked by `npm run typecheck` (tsc on the specs): narrowing an
 * `InboundMessage` types every field; unknown types are out of that union and reach the fallback handler as
 * `AnyInboundMessage`. The runtime assertions only make jest count the file.
 */
function menuKey(message: InboundMessage): string | undefined {
  if (message.MsgType === 'event' && message.Event === 'CLICK') {
    const key: string = message.EventKey; // TS2322 before: EventKey was `unknown` through UnknownMessage
    return key;
  }
  if (message.MsgType === 'text') {
    const content: string = message.Content;
    return content;
  }
  return undefined;
}

function fallback(message: AnyInboundMessage): string {
  return message.MsgType;
}

const unknownType: UnknownMessage = { ToUserName: 'gh', FromUserName: 'o', CreateTime: '1', MsgType: 'hologram' };
// @ts-expect-error an unknown type is not an InboundMessage (it would widen every narrowed field to unknown)
const notNarrowable: InboundMessage = unknownType;
const toFallback: AnyInboundMessage = unknownType;

describe('InboundMessage narrowing (type-level)', () => {
  it('types EventKey as a string once narrowed to CLICK, and gives unknown types to the fallback', () => {
    expect(menuKey(buildEvent('CLICK', { EventKey: 'K' }))).toBe('K');
    expect(fallback(toFallback)).toBe('hologram');
    expect(notNarrowable).toBe(unknownType);
  });
});
