// `npm run bench` (after `npm run build`): the HTTP benchmark against the bare framework and node-webot, then the
// in-process measurements (dispatch table size, token stampede, RSS under dedupe). Loopback only, every step
// bounded in time. Writes bench/results/latest.json and bench/results/latest.md.
//
// Then where the time goes: the protocol steps in process (micro/protocol-cost.mjs) against the same steps timed
// inside a loaded sample server (lib/step-bench.mjs), per adapter and mode.
//
// Options: --rounds=N (3) --duration=S (5) --warmup=S (2) --connections=N (50) --adapters=express,fastify
//          --quick (1 round of 2 s, shorter micro runs) --skip-http --skip-micro --skip-steps --out=DIR
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHttpBench, TARGETS } from './lib/http-bench.mjs';
import { runStepBench } from './lib/step-bench.mjs';
import { renderMarkdown } from './lib/report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? true];
  }),
);
const quick = Boolean(args.quick);
const settings = {
  rounds: Number(args.rounds ?? (quick ? 1 : 3)),
  durationSeconds: Number(args.duration ?? (quick ? 2 : 5)),
  warmupSeconds: Number(args.warmup ?? (quick ? 1 : 2)),
  connections: Number(args.connections ?? 50),
  adapters: String(args.adapters ?? 'express,fastify').split(','),
};
const outDir = args.out ? String(args.out) : fileURLToPath(new URL('./results/', import.meta.url));
const log = (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Runs one in-process measurement in its own process (clean heap, --expose-gc), bounded in time. */
function runMicro(script, extraArgs, timeoutMs) {
  return new Promise((resolve, reject) => {
    const path = fileURLToPath(new URL(`./micro/${script}`, import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', path, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => log(`[${script}] ${chunk.trimEnd()}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (error) {
        reject(new Error(`${script} printed no JSON result: ${String(error)}`));
      }
    });
  });
}

const started = Date.now();
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
};
log(`load average at start: ${environment.loadAverageAtStart.join(' ')} on ${environment.cores} cores`);
if (environment.loadAverageAtStart[0] > environment.cores * 0.75) log('warning: the machine is busy; ratios are still comparable within a round');

const report = { environment, settings, http: null, micro: {} };
if (!args['skip-http']) {
  const targets = TARGETS.filter((t) => settings.adapters.includes(t.adapter));
  const budget = targets.length * (settings.warmupSeconds + settings.rounds * (settings.durationSeconds + 1.5)) + 20;
  log(`HTTP benchmark: ${targets.length} targets × ${settings.rounds} rounds × ${settings.durationSeconds} s (≈ ${Math.round(budget)} s)`);
  report.http = await runHttpBench({ targets, ...settings, log });
}
if (!args['skip-steps']) {
  log(`steps inside the server: ${settings.adapters.length} adapters × 2 modes × ${settings.durationSeconds} s`);
  report.steps = await runStepBench({ ...settings, log });
}
if (!args['skip-micro']) {
  const steps = [
    ['dispatch', 'dispatch.mjs', quick ? ['--seconds=0.5', '--rounds=3'] : ['--seconds=1', '--rounds=5'], 120_000],
    ['tokenStampede', 'token-stampede.mjs', ['--calls=10000'], 60_000],
    ['dedupeRss', 'dedupe-rss.mjs', [`--messages=${quick ? 200_000 : 1_000_000}`], 300_000],
    ['protocolCost', 'protocol-cost.mjs', [`--messages=${quick ? 20_000 : 60_000}`], 180_000],
  ];
  for (const [name, script, extra, timeout] of steps) {
    log(`${name}: running ${script} ${extra.join(' ')}`);
    try {
      report.micro[name] = await runMicro(script, extra, timeout);
    } catch (error) {
      report.micro[name] = { error: String(error instanceof Error ? error.message : error) };
      log(`${name} failed: ${report.micro[name].error}`);
    }
  }
}
environment.loadAverageAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
environment.elapsedSeconds = Math.round((Date.now() - started) / 1000);

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
const markdown = renderMarkdown(report);
await writeFile(join(outDir, 'latest.md'), markdown);
process.stdout.write(markdown);
log(`done in ${environment.elapsedSeconds} s; results in ${outDir}`);
