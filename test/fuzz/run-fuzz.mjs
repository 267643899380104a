// `npm run fuzz` (after `npm run build`): the hostile-input suite of `npm test` (test/fuzz/hostile-http.spec.ts)
// with 100,000 inputs per adapter instead of 2,000. Writes bench/results/fuzz-latest.json and fuzz-latest.md.
// Options: --cases=N (per adapter) --seed=N --adapters=express,fastify
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const root = fileURLToPath(new URL('../..', import.meta.url));
const results = fileURLToPath(new URL('../../bench/results/', import.meta.url));
mkdirSync(results, { recursive: true });
const report = `${results}fuzz-latest.json`;

const env = {
  ...process.env,
  FUZZ_CASES: String(args.cases ?? 100_000),
  FUZZ_REPORT: report,
  ...(args.seed ? { FUZZ_SEED: String(args.seed) } : {}),
  ...(args.adapters ? { FUZZ_ADAPTERS: String(args.adapters) } : {}),
};
const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', 'test/fuzz/hostile-http.spec.ts'],
  { cwd: root, env, stdio: 'inherit' },
);

let data;
try {
  data = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  process.stderr.write('fuzz: the run wrote no report\n');
  process.exit(jest.status ?? 1);
}
const lines = [
  '# Fuzz results',
  '',
  `${data.date} · Node ${data.node} · \`npm run fuzz\` (test/fuzz/hostile-http.spec.ts against the sample app in a child process)`,
  '',
  '| Adapter | Seed | Inputs | Statuses | Controls ok | 5xx | Dropped | Hangs | ≥ 1 s | Max ms | Secrets in output | Internal errors logged (handler errors) | Still serving | Seconds |',
  '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
];
for (const r of data.runs) {
  const statuses = Object.entries(r.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  lines.push(
    `| ${r.adapter} | ${r.seed} | ${r.cases} | ${statuses} | ${r.controls.ok}/${r.controls.sent} | ${r.fiveHundreds} | ${r.dropped} | ${r.hangs} | ${r.slow} | ` +
      `${Math.round(r.maxMs)} | ${r.secretsInOutput.length} | ${r.internalErrorLines} (${r.errorLogLines - r.internalErrorLines}) | ${r.stillServing ? 'yes' : 'no'} | ${Math.round(r.elapsedSeconds)} |`,
  );
}
lines.push('', '## By category', '');
for (const r of data.runs) {
  lines.push(`### ${r.adapter}`, '', '| Category | Statuses |', '|---|---|');
  for (const [category, statuses] of Object.entries(r.byCategory).sort()) {
    lines.push(`| ${category} | ${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')} |`);
  }
  lines.push('');
}
writeFileSync(`${results}fuzz-latest.md`, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(jest.status ?? 1);
