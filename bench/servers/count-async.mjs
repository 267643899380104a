// A benchmark server (`serve.mjs <kind> <adapter>`) with an async_hooks counter: how many promises, timers and other
// async resources it creates, printed as `{"steps":{"totalsNs":{PROMISE:…,Timeout:…},"sealed":0}}` on SIGUSR2.
// For bench/async-count.mjs; the counter slows everything, so nothing here is timed.
import { createHook } from 'node:async_hooks';

const created = {};
createHook({
  init(_id, type) {
    created[type] = (created[type] ?? 0) + 1;
  },
}).enable();
process.on('SIGUSR2', () => process.stdout.write(`${JSON.stringify({ steps: { totalsNs: { ...created }, sealed: 0 } })}\n`));
await import('./serve.mjs');
