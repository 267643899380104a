import type { InboundMessage } from '../../message/message-types.js';
import type { TimerSet } from '../timer-set.js';
import { pushMessage, type PushFormat, type PushMode, type PushResult, type PushTarget } from './push-client.js';

/** FromUserName of events the platform raises itself ("发送方帐号（一个OpenID，此时发送方是系统帐号）"). */
export const PLATFORM_SENDER = 'oPlatformSystemAccount0000000';

/** Where the platform pushes events it raises on its own (the account's 服务器地址(URL) in 服务器配置). */
export interface CallbackConfig {
  readonly url: string;
  readonly mode: PushMode;
  readonly format: PushFormat;
  /** How long WeChat waits for one delivery before retrying. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/**
 * An event the platform raised on its own after a job or a follower's action (PUBLISHJOBFINISH, MASSSENDJOBFINISH,
 * subscribe_msg_*), with what became of its delivery. `result` is unset while it is pending and when the account has
 * no callback URL (`delivered: false`).
 */
export interface PlatformPush {
  readonly appId: string;
  readonly event: string;
  readonly message: InboundMessage;
  /** Emulator time the event was raised, epoch ms. */
  readonly at: number;
  delivered: boolean;
  result?: PushResult;
}

interface Pushing {
  readonly appId: string;
  readonly target: PushTarget;
  readonly callback?: CallbackConfig;
}

/**
 * Runs the platform's asynchronous jobs: after a delay, `finish()` applies the job's outcome to the state and returns
 * the event to push (or nothing), which goes to the account's callback URL. Every job and push is tracked so `idle()`
 * can wait for them and `close()` leaves nothing running.
 */
export class PlatformPushes {
  private readonly log: PlatformPush[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly timers: TimerSet,
    private readonly now: () => number,
  ) {}

  /** Runs `finish` after `delayMs` and pushes what it returns. */
  later(account: () => Pushing, delayMs: number, finish: () => InboundMessage | undefined): void {
    const job = (async () => {
      if (delayMs > 0 && !(await this.timers.sleep(delayMs))) return;
      if (this.abort.signal.aborted) return;
      const message = finish();
      if (message) await this.deliver(account(), message);
    })().catch(() => undefined);
    this.track(job);
  }

  /** Pushes `message` now; resolves with its record once delivered (or not). */
  push(account: Pushing, message: InboundMessage): Promise<PlatformPush> {
    const done = this.deliver(account, message);
    this.track(done.then(() => undefined, () => undefined));
    return done;
  }

  list(appId?: string): readonly PlatformPush[] {
    return this.log.filter((p) => appId === undefined || p.appId === appId);
  }

  /** Resolves once no job or push is pending (including jobs started meanwhile). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  close(): void {
    this.abort.abort();
  }

  private async deliver(account: Pushing, message: InboundMessage): Promise<PlatformPush> {
    const record: PlatformPush = { appId: account.appId, event: 'Event' in message && message.Event ? String(message.Event) : message.MsgType, message, at: this.now(), delivered: false };
    this.log.push(record);
    const callback = account.callback;
    if (!callback || !account.target.token || this.abort.signal.aborted) return record;
    record.result = await pushMessage(callback.url, message, account.target, {
      mode: callback.mode,
      format: callback.format,
      signal: this.abort.signal,
    }).catch(() => undefined);
    record.delivered = record.result !== undefined && record.result.error === undefined;
    return record;
  }

  private track(job: Promise<void>): void {
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }
}
