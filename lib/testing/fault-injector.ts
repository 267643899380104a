import { WechatEmulatorError } from './emulator-errors.js';

export type FaultKind = 'http5xx' | 'errcode' | 'delay' | 'reset';

export interface FaultSpec {
  /** API path the fault applies to (`/cgi-bin/menu/create`), or `'*'` for every path. */
  path: string;
  kind: FaultKind;
  /** `http5xx`: status to answer. Default 503. */
  status?: number;
  /** `errcode`: errcode to answer. Default -1 (`system error`). */
  errcode?: number;
  /** `errcode`: errmsg to answer. Default `system error` for -1, else `emulated fault`. */
  errmsg?: string;
  /** `delay`: milliseconds to hold the request before handling it normally. Default 1000, at most 60000. */
  delayMs?: number;
  /** Only the next N matching calls; unset = until cleared. */
  times?: number;
}

export interface ActiveFault {
  readonly id: number;
  readonly path: string;
  readonly kind: FaultKind;
  readonly status: number;
  readonly errcode: number;
  readonly errmsg: string;
  readonly delayMs: number;
  /** Calls left, or `Infinity`. */
  remaining: number;
}

const MAX_DELAY_MS = 60_000;
const KINDS: readonly FaultKind[] = ['http5xx', 'errcode', 'delay', 'reset'];

/** Faults injected per path; the first active match applies to a call and uses up one of its `times`. */
export class FaultInjector {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;

  inject(spec: FaultSpec): number {
    if (!spec || typeof spec.path !== 'string' || !spec.path) {
      throw new WechatEmulatorError('faults.inject() needs a path (e.g. "/cgi-bin/token" or "*")');
    }
    if (!KINDS.includes(spec.kind)) {
      throw new WechatEmulatorError(`faults.inject(): kind must be one of ${KINDS.join(', ')}`);
    }
    const times = spec.times ?? Infinity;
    if (times !== Infinity && (!Number.isInteger(times) || times < 1)) {
      throw new WechatEmulatorError('faults.inject(): times must be a positive integer');
    }
    const status = spec.status ?? 503;
    if (!Number.isInteger(status) || status < 500 || status > 599) {
      throw new WechatEmulatorError('faults.inject(): status must be a 5xx code');
    }
    const delayMs = Math.min(Math.max(0, spec.delayMs ?? 1000), MAX_DELAY_MS);
    const errcode = spec.errcode ?? -1;
    const fault: ActiveFault = {
      id: this.nextId++,
      path: spec.path,
      kind: spec.kind,
      status,
      errcode,
      errmsg: spec.errmsg ?? (errcode === -1 ? 'system error' : 'emulated fault'),
      delayMs,
      remaining: times,
    };
    this.faults.push(fault);
    return fault.id;
  }

  /** Removes every fault, or only those on `path`, or the one with id `path`. */
  clear(path?: string | number): void {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const f = this.faults[i];
      if (path === undefined || f.path === path || f.id === path) this.faults.splice(i, 1);
    }
  }

  /** Faults still active. */
  list(): readonly ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The fault for this call, if any; consumes one of its `times`. */
  take(path: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.path === path || f.path === '*');
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}
