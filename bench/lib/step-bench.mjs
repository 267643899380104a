// Where a callback's time goes inside a running server: the sample with step timers (serve.mjs `sample-timed`)
// under the same load as the HTTP benchmark; each step's synchronous time per answered callback, next to the
// server's CPU per request. Compared with the same steps in process (micro/protocol-cost.mjs), it shows how much
// more the protocol work costs inside a loaded server than in a warm loop, and what is left outside the steps.
import autocannon from 'autocannon';
import { buildPool } from './request-pool.mjs';
import { startServer } from './servers.mjs';
import { STEPS } from './step-timers.mjs';

export async function runStepBench({ adapters, modes = ['plain', 'safe'], connections, warmupSeconds, durationSeconds, log }) {
  const runs = [];
  for (const adapter of adapters) {
    // The bare endpoint too, for its GC: what the sample's GC adds is its own.
    for (const [kind, mode] of [['bare-timed', 'plain'], ...modes.map((m) => ['sample-timed', m])]) {
      const server = await startServer(kind, adapter, (line) => log(line.trimEnd()));
      try {
        const drive = async (seconds) => {
          const pool = buildPool(mode, Math.ceil(25_000 * seconds));
          let next = 0;
          const result = await autocannon({ url: server.url, connections, duration: seconds, requests: [{ setupRequest: () => pool[next++ % pool.length] }] });
          if (result.non2xx || result.errors) throw new Error(`${kind} ${adapter}/${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
          return result;
        };
        await drive(warmupSeconds);
        const before = (await server.signal('SIGUSR2')).steps;
        const cpuBefore = await server.cpuMicros();
        const mainBefore = await server.mainThreadCpuMicros();
        const result = await drive(durationSeconds);
        const cpuAfter = await server.cpuMicros();
        const mainAfter = await server.mainThreadCpuMicros();
        const after = (await server.signal('SIGUSR2')).steps;
        const requests = result.requests.total;
        const sealed = after.sealed - before.sealed;
        const perCallback = (id, count) => (after.totalsNs[id] - before.totalsNs[id]) / count / 1000;
        const run = {
          kind,
          adapter,
          mode,
          requests,
          sealed,
          cpuMicrosPerRequest: (cpuAfter - cpuBefore) / requests,
          // V8's helper threads (concurrent marking, sweeping) and libuv's pool: CPU off the JavaScript thread.
          otherThreadsMicros: (cpuAfter - cpuBefore - (mainAfter - mainBefore)) / requests,
          gcMicros: perCallback('gc', requests),
        };
        if (kind === 'sample-timed') {
          run.steps = STEPS.map((s) => ({ id: s.id, label: s.label, micros: perCallback(s.id, sealed) }));
          run.stepsMicros = run.steps.reduce((sum, s) => sum + s.micros, 0);
          run.glueMicros = perCallback('glue', sealed);
          log(`steps in the server ${adapter}/${mode}: ${run.steps.map((s) => `${s.id} ${s.micros.toFixed(1)}`).join(', ')}, glue ${run.glueMicros.toFixed(1)}, GC ${run.gcMicros.toFixed(1)}, other threads ${run.otherThreadsMicros.toFixed(1)} µs; CPU ${run.cpuMicrosPerRequest.toFixed(0)} µs/request`);
        } else {
          log(`bare ${adapter}: GC ${run.gcMicros.toFixed(1)}, other threads ${run.otherThreadsMicros.toFixed(1)} µs; CPU ${run.cpuMicrosPerRequest.toFixed(0)} µs/request`);
        }
        runs.push(run);
      } finally {
        await server.stop();
      }
    }
  }
  return runs;
}

