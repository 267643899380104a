#!/usr/bin/env node
// `npm test`'s jest step: runs jest, passes its output through, then scans everything the run printed for the
// secrets the specs and the sample configure (AppSecret, token, EncodingAESKey values, collected from their
// sources) and for unredacted access tokens. A secret in the output fails the run, whatever jest said. Specs that
// capture logs (LogCapture, child processes) scan those themselves; this covers everything that reached the console.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET_FIELD = /\b(appSecret|app_secret|secret|token|encodingAESKey|aesKey|WECHAT_APP_SECRET|WECHAT_TOKEN|WECHAT_ENCODING_AES_KEY)['"]?\s*[:=]\s*['"`]([^'"`\s]{8,})['"`]/g;
const LEAK_PATTERNS = [
  /access_token=(?!\*\*\*)[A-Za-z0-9_-]{16,}/,
  /"access_token"\s*:\s*"(?!\*\*\*)[A-Za-z0-9_-]{16,}"/,
  /refresh_token=(?!\*\*\*)[A-Za-z0-9_-]{16,}/,
  /"refresh_token"\s*:\s*"(?!\*\*\*)[A-Za-z0-9_-]{16,}"/,
  /jsapi_ticket=(?!\*\*\*)[A-Za-z0-9_-]{16,}/,
];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const secrets = new Set();
for (const file of [...sources(join(root, 'test')), ...sources(join(root, 'sample'))]) {
  for (const match of readFileSync(file, 'utf8').matchAll(SECRET_FIELD)) secrets.add(match[2]);
}

const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const child = spawn(process.execPath, ['--experimental-vm-modules', jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
const chunks = [];
child.stdout.on('data', (chunk) => { chunks.push(chunk); process.stdout.write(chunk); });
child.stderr.on('data', (chunk) => { chunks.push(chunk); process.stderr.write(chunk); });

child.on('close', (code, signal) => {
  const output = Buffer.concat(chunks).toString('utf8');
  const found = [...secrets].filter((secret) => output.includes(secret)).map((s) => `a configured secret (${s.length} chars, starts "${s.slice(0, 3)}")`);
  for (const pattern of LEAK_PATTERNS) if (pattern.test(output)) found.push(`an unredacted access token (${pattern.source})`);
  console.log(`\nsecret scan: ${secrets.size} secrets checked against ${output.length} characters of test output: ${found.length ? found.join('; ') : 'none found'}`);

  const summary = /Tests:\s+(?:(\d+) failed, )?(?:(\d+) skipped, )?(?:(\d+) todo, )?(\d+) passed, (\d+) total/.exec(output);
  const failed = Number(summary?.[1] ?? 0) + (found.length ? 1 : 0);
  const passed = Number(summary?.[4] ?? 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exitCode = found.length ? 1 : (code ?? (signal ? 1 : 0));
});
