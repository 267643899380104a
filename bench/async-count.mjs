// Async resources per callback: promises, timers and ticks a server creates per request, counted with async_hooks
// (bench/servers/count-async.mjs), for the bare endpoint and the sample on each adapter, and in process for the
// sample's inbound steps (micro/async-steps.mjs). `node bench/async-count.mjs [--requests=3000]`. Needs `npm run build`.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildPool } from './lib/request-pool.mjs';
import { startServer } from './lib/servers.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const requests = Number(args.requests ?? 3000);
const serve = new URL('./servers/count-async.mjs', import.meta.url).pathname;
const TYPES = ['PROMISE', 'Timeout', 'TickObject'];

async function perRequest(kind, adapter, mode) {
  const server = await startServer(kind, adapter, () => {}, serve);
  try {
    const drive = async (count) => {
      const pool = buildPool(mode, count);
      let next = 0;
      const result = await autocannon({ url: server.url, connections: 10, amount: count, requests: [{ setupRequest: () => pool[next++] }] });
      if (result.non2xx || result.errors) throw new Error(`${kind}/${adapter}/${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    };
    await drive(500); // warm-up: lazily created resources are not per-request costs
    const before = (await server.signal('SIGUSR2')).steps.totalsNs;
    await drive(requests);
    const after = (await server.signal('SIGUSR2')).steps.totalsNs;
    return Object.fromEntries(TYPES.map((t) => [t, ((after[t] ?? 0) - (before[t] ?? 0)) / requests]));
  } finally {
    await server.stop();
  }
}

const rows = [];
for (const adapter of ['express', 'fastify']) {
  for (const [kind, mode] of [['bare', 'plain'], ['sample', 'plain'], ['sample', 'safe']]) rows.push({ adapter, kind, mode, ...(await perRequest(kind, adapter, mode)) });
}
process.stdout.write(`| adapter | server | ${TYPES.join(' | ')} |\n|---|---|${TYPES.map(() => '---:').join('|')}|\n`);
for (const r of rows) process.stdout.write(`| ${r.adapter} | ${r.kind}${r.kind === 'bare' ? '' : ` (${r.mode})`} | ${TYPES.map((t) => r[t].toFixed(1)).join(' | ')} |\n`);

// In process, in its own process (its counter must not see autocannon's).
const script = new URL('./micro/async-steps.mjs', import.meta.url).pathname;
const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 60_000 });
const steps = JSON.parse(stdout.trim().split('\n').pop());
process.stdout.write('\nIn process, per callback (the sample\'s inbound services):\n\n| step | PROMISE | Timeout |\n|---|---:|---:|\n');
const labels = { dispatch: 'dispatch (ExternalContextCreator, the handler)', handle: 'inbound.handle (dedupe, deadline, dispatch)', answer: 'answer(handle) (the built-in route\'s work after open)' };
for (const [id, counts] of Object.entries(steps)) process.stdout.write(`| ${labels[id]} | ${counts.PROMISE.toFixed(1)} | ${counts.Timeout.toFixed(1)} |\n`);
