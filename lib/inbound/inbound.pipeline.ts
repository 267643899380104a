import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { POLL_BACKOFF, sleep } from '../common/poll.js';
import { WechatDispatcher } from '../handlers/wechat.dispatcher.js';
import type { OpenedCallback } from '../protocol/callback-protocol.js';
import type { Reply } from '../message/reply.js';
import type { DedupeStore } from '../stores/dedupe-store.interface.js';
import { WECHAT_MP_MODULE_OPTIONS } from '../wechat-mp.module-definition.js';
import { DEFAULTS, WECHAT_DEDUPE_STORE } from '../wechat-mp.constants.js';
import type { WechatMpModuleOptions } from '../wechat-mp.options.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { dedupeRetentionSeconds } from '../wechat-mp.options-resolver.js';
import { dedupeKeyOf } from './dedupe-key.js';
import { PIPELINE_MESSAGES as MESSAGES } from './inbound-pipeline.messages.js';
import { WechatLateReplySender } from './late-reply.sender.js';

/** Serialized "no reply" (`success`); also what retries get when the first delivery ran past the deadline. */
const NO_REPLY = 'null';


/**
 * What happens to an opened callback before its answer is sealed.
 *
 * 1. Dedupe and replay. WeChat retries a callback it got no answer to within 5 s, up to 3 times, and in a cluster
 *    the retries land on any instance; and anyone who captured a callback can resend it while its timestamp is in
 *    the window. The first delivery claims the callback's key (`<appId>:<dedupeKeyOf(message)>`) in the dedupe
 *    store and runs the handler; its answer is kept for the whole replay window (`dedupeTtlSeconds`, at least
 *    2 × `maxTimestampSkewSeconds`). A later delivery finds the key and takes that answer, or waits for it (within
 *    its own deadline) while the first delivery runs. So a handler runs once per message, and every delivery gets
 *    the same answer.
 * 2. Leases. The claim lasts the reply deadline plus a margin (renewed while a handler without a deadline runs).
 *    If the instance holding it dies mid-handler, the lease runs out and the next retry claims the key and runs the
 *    handler: at least once always, exactly once while the holder lives.
 * 3. Deadline. A handler still running after the account's `replyDeadlineMs` is answered with `success` at once,
 *    and that outcome is what retries get too; the handler keeps running and its reply, when it comes, is sent as a
 *    customer-service message (`WechatLateReplySender`).
 *
 * If the dedupe store fails (Redis down), the callback is handled without dedupe and that is logged: a message is
 * better handled twice than lost.
 */
@Injectable()
export class WechatInboundPipeline {
  private readonly logger = new Logger('WechatInbound');
  /** How long an answer is kept: the replay window. */
  private readonly retentionSeconds: number;
  /** The dedupe store failed and that was logged; cleared by its next success (one log line per outage). */
  private dedupeDown = false;

  constructor(
    private readonly dispatcher: WechatDispatcher,
    @Inject(WECHAT_DEDUPE_STORE) private readonly dedupe: DedupeStore,
    @Inject(WECHAT_MP_MODULE_OPTIONS) options: WechatMpModuleOptions,
    private readonly lateReplies: WechatLateReplySender,
    @Optional() accounts?: WechatAccounts,
  ) {
    this.retentionSeconds = dedupeRetentionSeconds(options.dedupeTtlSeconds, accounts?.all ?? []);
  }

  process(opened: OpenedCallback): Promise<Reply | null> {
    try {
      return this.claimAndRun(opened);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private claimAndRun(opened: OpenedCallback): Promise<Reply | null> {
    const started = Date.now();
    const key = `${opened.runtime.ref.appId}:${dedupeKeyOf(opened.message)}`;
    const lease = leaseSecondsOf(opened.runtime.account.replyDeadlineMs);
    const store = this.dedupe;
    if (store.claimNow === undefined) {
      return store.claim(key, lease).then(
        (first) => this.claimed(opened, key, lease, started, first),
        (error: unknown) => this.unclaimed(opened, started, error),
      );
    }
    // An in-process store answers at once: no promise between the callback and its handler.
    let first: boolean;
    try {
      first = store.claimNow(key, lease);
    } catch (error) {
      return this.unclaimed(opened, started, error);
    }
    return this.claimed(opened, key, lease, started, first);
  }

  /** The store answered: the first delivery runs the handler, a later one waits for its answer. */
  private claimed(opened: OpenedCallback, key: string, lease: number, started: number, first: boolean): Promise<Reply | null> {
    this.dedupeDown = false;
    return first ? this.run(opened, started, key) : this.duplicate(opened, key, started, lease);
  }

  /** The store failed: handled without dedupe (better twice than lost), logged once per outage. */
  private unclaimed(opened: OpenedCallback, started: number, error: unknown): Promise<Reply | null> {
    this.dedupeFailed(error);
    return this.run(opened, started, undefined);
  }

  private duplicate(opened: OpenedCallback, key: string, started: number, lease: number): Promise<Reply | null> {
    this.logger.debug(MESSAGES.duplicate(opened.runtime.ref.name, key));
    return this.awaitFirst(opened, key, started, lease);
  }

  /**
   * Runs the handler within the deadline; records the answer under `key` for the retries and replays. One promise
   * and one timer per callback: the answer settles it, or the deadline does (then the handler keeps running and its
   * reply is sent late).
   */
  private run(opened: OpenedCallback, started: number, key: string | undefined): Promise<Reply | null> {
    const { message, context, runtime } = opened;
    const running = this.dispatcher.dispatch(message, context);
    const deadlineMs = runtime.account.replyDeadlineMs;
    if (deadlineMs === false) return this.runWithoutDeadline(running, key);
    return new Promise((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        // Past the deadline: answer success now (retries too), deliver the reply later.
        late = true;
        this.record(key, null);
        this.logger.warn(MESSAGES.deadlineExceeded(runtime.ref.name, message.MsgType, deadlineMs));
        resolve(null);
      }, Math.max(deadlineMs - (Date.now() - started), 0));
      running.then(
        (reply) => {
          if (late) {
            if (reply) this.sendLate(opened, reply);
            return;
          }
          clearTimeout(timer);
          this.record(key, reply);
          resolve(reply);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!late) reject(error);
          else this.logger.error(MESSAGES.lateReplyNotSent(runtime.ref.name, message.MsgType, describe(error)));
        },
      );
    });
  }

  /** No deadline: the handler may take any time, so the lease is renewed while it runs. */
  private async runWithoutDeadline(running: Promise<Reply | null>, key: string | undefined): Promise<Reply | null> {
    const renewal = key === undefined ? undefined : this.keepLease(key, leaseSecondsOf(false));
    try {
      const reply = await running;
      this.record(key, reply);
      return reply;
    } finally {
      if (renewal) clearInterval(renewal);
    }
  }

  private sendLate(opened: OpenedCallback, reply: Reply): void {
    const { runtime, message } = opened;
    this.lateReplies
      .send(runtime.ref, message, reply)
      .catch((error: unknown) => this.logger.error(MESSAGES.lateReplyNotSent(runtime.ref.name, message.MsgType, describe(error))));
  }

  private keepLease(key: string, leaseSeconds: number): NodeJS.Timeout | undefined {
    const renew = this.dedupe.renew?.bind(this.dedupe);
    if (!renew) return undefined;
    const timer = setInterval(() => {
      renew(key, leaseSeconds).catch((error: unknown) => this.dedupeFailed(error));
    }, (leaseSeconds * 1000) / 3);
    timer.unref();
    return timer;
  }

  /**
   * A later delivery: the first delivery's answer once recorded, or `success` when this delivery's own deadline
   * comes first. When the first delivery's lease has run out unrecorded (its instance died), this one claims the
   * key and runs the handler itself.
   */
  private async awaitFirst(opened: OpenedCallback, key: string, started: number, lease: number): Promise<Reply | null> {
    const deadlineMs = opened.runtime.account.replyDeadlineMs;
    const giveUpAt = started + (deadlineMs === false ? DEFAULTS.replyDeadlineMs : deadlineMs);
    for (let delay: number = POLL_BACKOFF.firstMs; ; delay = Math.min(delay * 2, POLL_BACKOFF.maxMs)) {
      let stored: string | null;
      try {
        stored = await this.dedupe.getResult(key);
        if (stored === null && (await this.dedupe.claim(key, lease))) return this.run(opened, started, key);
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
    const result = reply ? JSON.stringify(reply) : NO_REPLY;
    const failed = (error: unknown) => this.logger.error(MESSAGES.resultNotRecorded(describe(error)));
    const store = this.dedupe;
    if (store.setResultNow === undefined) {
      // Not awaited: the answer goes out now; retries poll until the write lands.
      store.setResult(key, result, this.retentionSeconds).catch(failed);
      return;
    }
    try {
      store.setResultNow(key, result, this.retentionSeconds);
    } catch (error) {
      failed(error);
    }
  }
}

/**
 * A claim's lease: the reply deadline (when the holder records an answer at the latest) plus a margin for the
 * store's latency. Without a deadline the holder renews it every third of it.
 */
function leaseSecondsOf(deadlineMs: number | false): number {
  return Math.ceil((deadlineMs === false ? DEFAULTS.replyDeadlineMs : deadlineMs) / 1000) + LEASE_MARGIN_SECONDS;
}
const LEASE_MARGIN_SECONDS = 3;

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
