// The HTTP benchmark: every target in its own server process, loaded in turn by autocannon in this process,
// interleaved over rounds (the order rotates each round), ratios taken against the bare endpoint of the same
// adapter in the same round.
import autocannon from 'autocannon';
import { buildPool, openReply } from './request-pool.mjs';
import { startServer } from './servers.mjs';
import { median, minMax, round } from './stats.mjs';

/** What is measured. `server` picks the process (kind/adapter), `mode` the request pool it is fed. */
export const TARGETS = [
  { id: 'express/bare', adapter: 'express', kind: 'bare', mode: 'plain', label: 'bare Nest endpoint (fixed XML)' },
  { id: 'express/sample-plain', adapter: 'express', kind: 'sample', mode: 'plain', label: 'nestjs-wechat-mp sample, plaintext' },
  { id: 'express/sample-safe', adapter: 'express', kind: 'sample', mode: 'safe', label: 'nestjs-wechat-mp sample, safe mode' },
  { id: 'express/webot-plain', adapter: 'express', kind: 'webot', mode: 'plain', label: 'node-webot wechat@2.1.0, plaintext' },
  { id: 'express/webot-safe', adapter: 'express', kind: 'webot', mode: 'safe', label: 'node-webot wechat@2.1.0, safe mode' },
  { id: 'fastify/bare', adapter: 'fastify', kind: 'bare', mode: 'plain', label: 'bare Nest endpoint (fixed XML)' },
  { id: 'fastify/sample-plain', adapter: 'fastify', kind: 'sample', mode: 'plain', label: 'nestjs-wechat-mp sample, plaintext' },
  { id: 'fastify/sample-safe', adapter: 'fastify', kind: 'sample', mode: 'safe', label: 'nestjs-wechat-mp sample, safe mode' },
];

const MIN_POOL = 5_000;

/** Checks a server really does the work: a fresh signed request must come back with the echo reply. */
async function preflight(target, url) {
  const [request] = buildPool(target.mode, 1);
  const res = await fetch(url + request.path, { method: 'POST', headers: request.headers, body: request.body });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${target.id}: preflight answered ${res.status}: ${body.slice(0, 200)}`);
  if (target.kind === 'bare') return;
  const reply = openReply(target.mode, body);
  if (!reply.includes('你说：hello')) throw new Error(`${target.id}: unexpected reply ${reply.slice(0, 200)}`);
}

async function load(target, server, { connections, durationSeconds, expectedRate }) {
  const url = server.url;
  // Enough distinct requests for the whole run: a repeated MsgId would hit the dedupe cache instead of the pipeline.
  // (Sized from the fastest run so far with room to spare: a short warm-up can underestimate a server.)
  const pool = buildPool(target.mode, Math.max(MIN_POOL, Math.ceil(Math.max(expectedRate, 8_000) * durationSeconds * 2)));
  let next = 0;
  let wrapped = false;
  const cpuBefore = await server.cpuMicros();
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    duration: durationSeconds,
    timeout: 10,
    requests: [
      {
        setupRequest: () => {
          if (next === pool.length) {
            next = 0;
            wrapped = true;
          }
          return pool[next++];
        },
      },
    ],
  });
  const cpuAfter = await server.cpuMicros();
  return {
    // Completed responses over the measured time (autocannon's per-second average undercounts short runs).
    requestsPerSecond: result.requests.total / result.duration,
    // The server's CPU per completed request (all its threads): the cost the ratios come from, without the noise
    // of what else the machine runs.
    cpuMicrosPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests.total,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    poolWrapped: wrapped,
  };
}

/**
 * Runs the HTTP benchmark. `log` receives progress lines. Returns per-target, per-round figures and a summary.
 */
export async function runHttpBench({ targets = TARGETS, rounds, durationSeconds, warmupSeconds, connections, log }) {
  const servers = new Map();
  const runs = new Map(targets.map((t) => [t.id, []]));
  const expectedRate = new Map();
  try {
    for (const target of targets) {
      const server = await startServer(target.kind, target.adapter, (line) => log(line.trimEnd()));
      servers.set(target.id, server);
      await preflight(target, server.url);
    }
    log(`servers up: ${targets.map((t) => `${t.id} (pid ${servers.get(t.id).pid})`).join(', ')}`);
    for (const target of targets) {
      const warm = await load(target, servers.get(target.id), { connections, durationSeconds: warmupSeconds, expectedRate: 15_000 });
      expectedRate.set(target.id, warm.requestsPerSecond);
      log(`warm-up ${target.id}: ${Math.round(warm.requestsPerSecond)} req/s`);
    }
    for (let r = 0; r < rounds; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const target of order) {
        const run = await load(target, servers.get(target.id), {
          connections,
          durationSeconds,
          expectedRate: Math.max(expectedRate.get(target.id), ...runs.get(target.id).map((x) => x.requestsPerSecond)),
        });
        run.rssBytes = await servers.get(target.id).rssBytes();
        runs.get(target.id).push({ round: r + 1, ...run });
        log(
          `round ${r + 1}/${rounds} ${target.id}: ${Math.round(run.requestsPerSecond)} req/s, ${run.cpuMicrosPerRequest?.toFixed(0)} µs CPU/req, p50 ${run.p50} ms, p99 ${run.p99} ms, ` +
            `errors ${run.errors}, non-2xx ${run.non2xx}${run.poolWrapped ? ' (request pool wrapped!)' : ''}`,
        );
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.stop()));
  }
  return summarize(targets, runs, rounds);
}

function summarize(targets, runs, rounds) {
  const results = targets.map((target) => {
    const own = runs.get(target.id);
    const bare = runs.get(`${target.adapter}/bare`) ?? [];
    const ratios = own.map((run) => {
      const baseline = bare.find((b) => b.round === run.round);
      return baseline ? run.requestsPerSecond / baseline.requestsPerSecond : null;
    });
    const [ratioMin, ratioMax] = minMax(ratios);
    return {
      ...target,
      rounds: own,
      requestsPerSecond: round(median(own.map((r) => r.requestsPerSecond)), 0),
      cpuMicrosPerRequest: round(median(own.map((r) => r.cpuMicrosPerRequest)), 1),
      p50: median(own.map((r) => r.p50)),
      p99: median(own.map((r) => r.p99)),
      errors: own.reduce((sum, r) => sum + r.errors, 0),
      non2xx: own.reduce((sum, r) => sum + r.non2xx, 0),
      total: own.reduce((sum, r) => sum + r.total, 0),
      ratioToBare: round(median(ratios), 3),
      ratioRange: [round(ratioMin, 3), round(ratioMax, 3)],
      poolWrapped: own.some((r) => r.poolWrapped),
    };
  });
  return { rounds, results };
}
