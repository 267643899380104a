// CPU time a server spends per request (user + system, from /proc), which unlike req/s barely depends on what
// else the machine is doing: `node bench/cpu-cost.mjs [--requests=30000] [--adapters=express,fastify]`.
// --baseline=DIR adds the same targets served by another build (a copy of the repo with its dist/, bench/ and a
// node_modules link), measured in the same interleaved rounds: before/after figures for an optimisation.
// Linux only. Needs `npm run build`.
import autocannon from 'autocannon';
import { TARGETS } from './lib/http-bench.mjs';
import { buildPool } from './lib/request-pool.mjs';
import { readCpuMicros as cpuMicros, startServer } from './lib/servers.mjs';
import { median } from './lib/stats.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const requests = Number(args.requests ?? 30_000);
const rounds = Number(args.rounds ?? 3);
const adapters = String(args.adapters ?? 'express,fastify').split(',');
const only = args.only ? String(args.only).split(',') : null;

const chosen = TARGETS.filter((t) => adapters.includes(t.adapter) && (!only || only.includes(t.id)));
const targets = args.baseline
  ? chosen.flatMap((t) => [{ ...t, id: `before ${t.id}`, serve: `${args.baseline}/bench/servers/serve.mjs` }, { ...t, id: `after  ${t.id}` }])
  : chosen;
const servers = new Map();
for (const t of targets) servers.set(t.id, await startServer(t.kind, t.adapter, undefined, t.serve));
const costs = new Map(targets.map((t) => [t.id, []]));
try {
  for (let r = 0; r <= rounds; r++) {
    for (const t of targets) {
      const server = servers.get(t.id);
      const pool = buildPool(t.mode, requests);
      let next = 0;
      const before = await cpuMicros(server.pid);
      const result = await autocannon({ url: server.url, connections: 50, amount: requests, requests: [{ setupRequest: () => pool[next++] }] });
      const used = (await cpuMicros(server.pid)) - before;
      if (r > 0) costs.get(t.id).push(used / result.requests.total); // round 0 warms up
      if (result.non2xx || result.errors) throw new Error(`${t.id}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
  }
} finally {
  await Promise.all([...servers.values()].map((s) => s.stop()));
}
for (const t of targets) {
  const cost = median(costs.get(t.id));
  const bare = median(costs.get(t.id.replace(/[^ ]*$/, `${t.adapter}/bare`)) ?? []);
  process.stdout.write(`${t.id.padEnd(29)} ${cost.toFixed(1).padStart(7)} µs CPU/request${bare && t.kind !== 'bare' ? `  (+${(cost - bare).toFixed(1)} over bare, bare/this = ${(bare / cost).toFixed(2)})` : ''}\n`);
}
