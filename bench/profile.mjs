// Profiles one benchmark server under load: `node bench/profile.mjs --kind=sample --adapter=express --mode=safe
// --seconds=10`. The server runs with --cpu-prof; afterwards self time is summarized by function and by where
// the code lives (this package, each dependency, Node internals). Needs `npm run build`.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPool } from './lib/request-pool.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const kind = args.kind ?? 'sample';
const adapter = args.adapter ?? 'express';
const mode = args.mode ?? 'safe';
const seconds = Number(args.seconds ?? 10);
const top = Number(args.top ?? 30);

const dir = await mkdtemp(join(tmpdir(), 'wechat-profile-'));
const serve = fileURLToPath(new URL('./servers/serve.mjs', import.meta.url));
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${dir}`, serve, kind, adapter], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffered = '';
const port = await new Promise((resolve) => {
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    buffered += chunk;
    // Nest's start-up warnings may come first; the server's own line is the JSON one.
    const line = buffered.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve(JSON.parse(line).port);
  });
});
const pool = buildPool(mode, 25_000 * seconds);
let next = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 50,
  duration: seconds,
  requests: [{ setupRequest: () => pool[next++ % pool.length] }],
});
child.stdin.end();
await once(child, 'exit');
process.stdout.write(`${kind}/${adapter}/${mode}: ${Math.round(result.requests.total / result.duration)} req/s, ${result.requests.total} requests, non-2xx ${result.non2xx}\n`);

const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(await readFile(join(dir, file), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const total = profile.samples.length;

function where(url) {
  if (!url) return '(native/idle)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist !== -1) return url.slice(dist + 1).replace(/^dist\//, '');
  return url;
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, ticks] of selfTicks) {
  const node = byId.get(id);
  const { functionName, url, lineNumber } = node.callFrame;
  const place = where(url);
  const key = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ticks);
  const group = place.startsWith('lib/') ? 'nestjs-wechat-mp (dist/lib)' : place.startsWith('sample/') ? 'sample' : place;
  byPlace.set(group, (byPlace.get(group) ?? 0) + ticks);
}
const pct = (ticks) => `${((ticks / total) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(`\nSelf time by place (${total} samples):\n`);
for (const [place, ticks] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`${pct(ticks)}  ${place}\n`);
process.stdout.write(`\nTop ${top} functions by self time:\n`);
for (const [key, ticks] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(ticks)}  ${key}\n`);
process.stdout.write(`\nprofile: ${join(dir, file)}\n`);
