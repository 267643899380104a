import { Inject, Injectable, Logger } from '@nestjs/common';
import { POLL_BACKOFF, sleep } from '../common/poll.js';
import { WechatDispatcher } from '../handlers/wechat.dispatcher.js';
import type { OpenedCallback } from '../http/wechat-inbound.service.js';
import type { Reply } from '../message/reply.js';
import type { DedupeStore } from '../stores/dedupe-store.interface.js';
import { WECHAT_MP_MODULE_OPTIONS } from '../wechat-mp.module-definition.js';
import { DEFAULTS, WECHAT_DEDUPE_STORE } from '../wechat-mp.constants.js';
import type { WechatMpModuleOptions } from '../wechat-mp.options.js';
import { dedupeKeyOf } from './dedupe-key.js';
import { PIPELINE_MESSAGES as MESSAGES } from './inbound-pipeline.messages.js';
import { WechatLateReplySender } from './late-reply.sender.js';

/** Serialized "no reply" (`success`); also what retries get when the first delivery ran past the deadline. */
const NO_REPLY = 'null';

type Outcome = { done: true; reply: Reply | null } | { done: false };

/**
 * What happens to an opened callback before its answer is sealed.
 *
 * 1. Dedupe. WeChat retries a callback it got no answer to within 5 s, up to 3 times, and in a cluster the retries
 *    land on any instance. The first delivery claims the callback's key (`<appId>:<dedupeKeyOf(message)>`) in the
 *    dedupe store and runs the handler; a retry finds the key taken and waits (within its own deadline) for the
 *    first delivery's recorded answer, or takes it at once if it is already there. So a handler runs once per
 *    message and every delivery gets the same answer.
 * 2. Deadline. A handler still running after the account's `replyDeadlineMs` is answered with `success` at once,
 *    and that outcome is what retries get too; the handler keeps running and its reply, when it comes, is sent as a
 *    customer-service message (`WechatLateReplySender`).
 *
 * If the dedupe store fails (Redis down), the callback is handled without dedupe and that is logged: a message is
 * better handled twice than lost.
 */
@Injectable()
export class WechatInboundPipeline {
  private readonly logger = new Logger('WechatInbound');
  private readonly ttlSeconds: number;
  /** The dedupe store failed and that was logged; cleared by its next success (one log line per outage). */
  private dedupeDown = false;

  constructor(
    private readonly dispatcher: WechatDispatcher,
    @Inject(WECHAT_DEDUPE_STORE) private readonly dedupe: DedupeStore,
    @Inject(WECHAT_MP_MODULE_OPTIONS) options: WechatMpModuleOptions,
    private readonly lateReplies: WechatLateReplySender,
  ) {
    this.ttlSeconds = options.dedupeTtlSeconds ?? DEFAULTS.dedupeTtlSeconds;
  }

  async process(opened: OpenedCallback): Promise<Reply | null> {
    const started = Date.now();
    const key = `${opened.runtime.ref.appId}:${dedupeKeyOf(opened.message)}`;
    let first: boolean;
    try {
      first = await this.dedupe.claim(key, this.ttlSeconds);
      this.dedupeDown = false;
    } catch (error) {
      this.dedupeFailed(error);
      return this.run(opened, started, undefined);
    }
    if (!first) {
      this.logger.debug(MESSAGES.duplicate(opened.runtime.ref.name, key));
      return this.awaitFirst(opened, key, started);
    }
    return this.run(opened, started, key);
  }

  /** Runs the handler within the deadline; records the answer under `key` for the retries. */
  private async run(opened: OpenedCallback, started: number, key: string | undefined): Promise<Reply | null> {
    const { message, context, runtime } = opened;
    const running = this.dispatcher.dispatch(message, context);
    const deadlineMs = runtime.account.replyDeadlineMs;
    const outcome: Outcome =
      deadlineMs === false ? { done: true, reply: await running } : await within(running, deadlineMs - (Date.now() - started));
    if (outcome.done) {
      this.record(key, outcome.reply);
      return outcome.reply;
    }
    // Past the deadline: answer success now (retries too), deliver the reply later.
    this.record(key, null);
    this.logger.warn(MESSAGES.deadlineExceeded(runtime.ref.name, message.MsgType, deadlineMs as number));
    void running
      .then((reply) => (reply ? this.lateReplies.send(runtime.ref, message, reply) : undefined))
      .catch((error: unknown) => this.logger.error(MESSAGES.lateReplyNotSent(runtime.ref.name, message.MsgType, describe(error))));
    return null;
  }

  /** A retry: the first delivery's answer once recorded, or `success` when this delivery's own deadline comes first. */
  private async awaitFirst(opened: OpenedCallback, key: string, started: number): Promise<Reply | null> {
    const deadlineMs = opened.runtime.account.replyDeadlineMs;
    const giveUpAt = started + (deadlineMs === false ? DEFAULTS.replyDeadlineMs : deadlineMs);
    for (let delay: number = POLL_BACKOFF.firstMs; ; delay = Math.min(delay * 2, POLL_BACKOFF.maxMs)) {
      let stored: string | null;
      try {
        stored = await this.dedupe.getResult(key);
      } catch (error) {
        this.dedupeFailed(error);
        return null;
      }
      if (stored !== null) return parseReply(stored);
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0) return null;
      await sleep(Math.min(delay, remaining));
    }
  }

  private dedupeFailed(error: unknown): void {
    if (this.dedupeDown) return;
    this.dedupeDown = true;
    this.logger.error(MESSAGES.dedupeUnavailable(describe(error)));
  }

  private record(key: string | undefined, reply: Reply | null): void {
    if (key === undefined) return;
    // Not awaited: the answer goes out now; retries poll until the write lands.
    this.dedupe
      .setResult(key, reply ? JSON.stringify(reply) : NO_REPLY, this.ttlSeconds)
      .catch((error: unknown) => this.logger.error(MESSAGES.resultNotRecorded(describe(error))));
  }
}

/** The handler's outcome, or `{ done: false }` once `ms` have passed (the handler keeps running). */
function within(running: Promise<Reply | null>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(ms, 0));
  });
  return Promise.race([running.then((reply): Outcome => ({ done: true, reply })), expired]).finally(() => clearTimeout(timer));
}

function parseReply(stored: string): Reply | null {
  try {
    return (JSON.parse(stored) as Reply | null) ?? null;
  } catch {
    return null;
  }
}

/** The error's message alone: these lines already say what failed. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
