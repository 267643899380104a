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
    for (const mode of modes) {
      const server = await startServer('sample-timed', adapter, (line) => log(line.trimEnd()));
      try {
        const drive = async (seconds) => {
          const pool = buildPool(mode, Math.ceil(25_000 * seconds));
          let next = 0;
          const result = await autocannon({ url: server.url, connections, duration: seconds, requests: [{ setupRequest: () => pool[next++ % pool.length] }] });
          if (result.non2xx || result.errors) throw new Error(`sample-timed ${adapter}/${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
          return result;
        };
        await drive(warmupSeconds);
        const before = (await server.signal('SIGUSR2')).steps;
        const cpuBefore = await server.cpuMicros();
        const result = await drive(durationSeconds);
        const cpuAfter = await server.cpuMicros();
        const after = (await server.signal('SIGUSR2')).steps;
        const sealed = after.sealed - before.sealed;
        const steps = STEPS.map((s) => ({ id: s.id, label: s.label, micros: (after.totalsNs[s.id] - before.totalsNs[s.id]) / sealed / 1000 }));
        const run = {
          adapter,
          mode,
          requests: result.requests.total,
          sealed,
          cpuMicrosPerRequest: (cpuAfter - cpuBefore) / result.requests.total,
          steps,
          stepsMicros: steps.reduce((sum, s) => sum + s.micros, 0),
        };
        runs.push(run);
        log(`steps in the server ${adapter}/${mode}: ${steps.map((s) => `${s.id} ${s.micros.toFixed(1)}`).join(', ')} µs; CPU ${run.cpuMicrosPerRequest.toFixed(0)} µs/request`);
      } finally {
        await server.stop();
      }
    }
  }
  return runs;
}
