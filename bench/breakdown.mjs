// Where the server's CPU goes per callback: the sample with its inbound steps cut out one by one (see
// servers/breakdown-server.mjs), next to the bare endpoint, each in its own process, measured as CPU time per
// request (user + system, /proc) over interleaved rounds. A step's cost is the difference between neighbours.
// `node bench/breakdown.mjs [--requests=12000] [--rounds=3] [--adapters=express,fastify] [--modes=plain,safe]`.
// Linux only. Needs `npm run build`. Writes bench/results/breakdown-latest.{json,md}.
import autocannon from 'autocannon';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildPool } from './lib/request-pool.mjs';
import { startServer } from './lib/servers.mjs';
import { median } from './lib/stats.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const requests = Number(args.requests ?? 12_000);
const rounds = Number(args.rounds ?? 3);
const adapters = String(args.adapters ?? 'express,fastify').split(',');
const modes = String(args.modes ?? 'plain,safe').split(',');
const script = fileURLToPath(new URL('./servers/breakdown-server.mjs', import.meta.url));
const results = fileURLToPath(new URL('./results/', import.meta.url));

const STEPS = [
  { cut: 0, label: 'full path' },
  { cut: 1, label: 'dedupe + reply deadline (WechatInboundPipeline)' },
  { cut: 2, label: 'dispatch to the handler (registry, ExternalContextCreator, handler)' },
  { cut: 3, label: 'open: signature, timestamp, body read, parse, msg_signature, decrypt, normalize' },
  { cut: 4, label: 'seal: reply XML, encrypt, MsgSignature' },
];

async function cpuMicros(pid) {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(stat[11]) + Number(stat[12])) * 10_000;
}

const started = Date.now();
const report = { date: new Date().toISOString(), node: process.version, cores: cpus().length, loadAverage: loadavg().map((l) => +l.toFixed(2)), requests, rounds, runs: [] };
for (const adapter of adapters) {
  for (const mode of modes) {
    const servers = [];
    for (const step of STEPS) servers.push({ ...step, server: await startServer(String(step.cut), adapter, undefined, script) });
    servers.push({ cut: 'bare', label: 'bare endpoint', server: await startServer('bare', adapter) });
    const costs = new Map(servers.map((s) => [s.cut, []]));
    try {
      for (let r = 0; r <= rounds; r++) {
        for (const { cut, server } of servers) {
          const pool = buildPool(mode, requests);
          let next = 0;
          const before = await cpuMicros(server.pid);
          const result = await autocannon({ url: server.url, connections: 50, amount: requests, requests: [{ setupRequest: () => pool[next++] }] });
          if (result.non2xx || result.errors) throw new Error(`${adapter}/${mode}/${cut}: ${result.non2xx} non-2xx, ${result.errors} errors`);
          if (r > 0) costs.get(cut).push(((await cpuMicros(server.pid)) - before) / result.requests.total);
        }
      }
    } finally {
      await Promise.all(servers.map((s) => s.server.stop()));
    }
    const perVariant = Object.fromEntries([...costs].map(([cut, values]) => [cut, median(values)]));
    const rows = STEPS.map((step, i) => ({
      step: step.label,
      cpuMicros: i === 0 ? perVariant[0] : perVariant[STEPS[i - 1].cut] - perVariant[step.cut],
    }));
    rows.push({ step: 'the rest: Nest route, raw-body capture, HTTP (vs bare)', cpuMicros: perVariant[4] - perVariant.bare });
    const run = { adapter, mode, perVariant, bare: perVariant.bare, full: perVariant[0], rows };
    report.runs.push(run);
    process.stderr.write(`[breakdown] ${adapter}/${mode}: full ${perVariant[0].toFixed(1)} µs, bare ${perVariant.bare.toFixed(1)} µs\n`);
  }
}
report.elapsedSeconds = Math.round((Date.now() - started) / 1000);

const lines = [
  '# Where the CPU goes (per callback)',
  '',
  `${report.date} · Node ${report.node} · ${report.cores} cores · load average ${report.loadAverage.join(' ')} · ${rounds} rounds of ${requests} requests per variant, median · ${report.elapsedSeconds} s`,
  '',
  'Server CPU time (user + system) per request. The sample with its inbound steps replaced by constants one at a time; each',
  'step\'s cost is the difference to the previous variant, so the rows add up to full − bare. Expect about ±5 µs noise',
  'on Fastify and ±15 µs on Express on a shared machine.',
  '',
];
for (const run of report.runs) {
  lines.push(`## ${run.adapter}, ${run.mode}: ${run.full.toFixed(1)} µs vs bare ${run.bare.toFixed(1)} µs (bare/full ${(run.bare / run.full).toFixed(2)})`, '', '| Step | µs CPU / request |', '|---|---:|');
  for (const row of run.rows.slice(1)) lines.push(`| ${row.step} | ${row.cpuMicros.toFixed(1)} |`);
  lines.push('');
}
await mkdir(results, { recursive: true });
await writeFile(`${results}breakdown-latest.json`, `${JSON.stringify(report, null, 2)}\n`);
await writeFile(`${results}breakdown-latest.md`, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
