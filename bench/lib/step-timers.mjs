// The inbound steps as the benchmark names them, and timers for them inside a running server: each step's methods
// are wrapped (on their prototypes, in that process only) to add up the synchronous time they take, exclusive of
// nested steps (the pipeline's `run` calls the dispatcher). Diagnostic only; the HTTP targets never load this.
import { CallbackProtocol } from '../../dist/lib/protocol/callback-protocol.js';
import { WechatDispatcher } from '../../dist/lib/handlers/wechat.dispatcher.js';
import { WechatInboundPipeline } from '../../dist/lib/inbound/inbound.pipeline.js';
import { WechatInboundService } from '../../dist/lib/http/wechat-inbound.service.js';
import { PerformanceObserver } from 'node:perf_hooks';

/** Step id → what it covers; the order is the order a callback goes through them. */
export const STEPS = [
  { id: 'verify', label: 'verify: signature over the query, timestamp window' },
  { id: 'open', label: 'open: parse, msg_signature, decrypt, normalize' },
  { id: 'dedupe', label: 'dedupe + reply deadline (key, claim, timer, record)' },
  { id: 'dispatch', label: 'dispatch: handler lookup, ExternalContextCreator, the handler' },
  { id: 'seal', label: 'seal: reply XML, encrypt, MsgSignature' },
];

/** Not protocol steps: the library's own HTTP-adapter code around them, and V8's GC pauses. */
export const EXTRAS = [
  { id: 'glue', label: 'the adapter code around the steps (query check before the body, open, answer, seal glue)' },
  { id: 'gc', label: 'GC pauses on the main thread' },
];

/** Which methods make up each step in a server. */
const METHODS = [
  [CallbackProtocol.prototype, 'verifyQuery', 'verify'],
  [CallbackProtocol.prototype, 'open', 'open'],
  [WechatInboundPipeline.prototype, 'process', 'dedupe'],
  [WechatInboundPipeline.prototype, 'claimAndRun', 'dedupe'],
  [WechatInboundPipeline.prototype, 'run', 'dedupe'],
  [WechatInboundPipeline.prototype, 'record', 'dedupe'],
  [WechatDispatcher.prototype, 'dispatch', 'dispatch'],
  [CallbackProtocol.prototype, 'seal', 'seal'],
  [WechatInboundService.prototype, 'refuseUnsigned', 'glue'],
  [WechatInboundService.prototype, 'openOnce', 'glue'],
  [WechatInboundService.prototype, 'handle', 'glue'],
  [WechatInboundService.prototype, 'answer', 'glue'],
  [WechatInboundService.prototype, 'seal', 'glue'],
];

/** Adds up GC pause time (ms → ns) into `totals.gc`. */
export function observeGc(totals) {
  totals.gc = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) totals.gc += entry.duration * 1e6;
  }).observe({ entryTypes: ['gc'] });
}

/**
 * Installs the timers; returns a function that reads the totals (ns per step and extra, and how many replies were
 * sealed).
 */
export function installStepTimers() {
  const totals = Object.fromEntries([...STEPS, ...EXTRAS].map((s) => [s.id, 0]));
  observeGc(totals);
  let sealed = 0;
  const stack = [];
  for (const [proto, name, step] of METHODS) {
    const original = proto[name];
    if (typeof original !== 'function') throw new Error(`bench: ${name} is gone; update bench/lib/step-timers.mjs`);
    proto[name] = function timed(...args) {
      const frame = { nested: 0 };
      stack.push(frame);
      const started = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const elapsed = Number(process.hrtime.bigint() - started);
        stack.pop();
        totals[step] += elapsed - frame.nested;
        if (stack.length > 0) stack[stack.length - 1].nested += elapsed;
        if (step === 'seal' && proto === CallbackProtocol.prototype) sealed++;
      }
    };
  }
  return () => ({ totalsNs: { ...totals }, sealed });
}
