#!/usr/bin/env node
// `npm run build`: one source, two outputs. tsconfig.json builds the ESM package (dist/lib) and the sample
// (dist/sample); tsconfig.cjs.json builds the CommonJS package (dist/cjs/lib), marked CommonJS by its own
// package.json so Node, Jest and TypeScript read it as such whatever the root package.json says.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function build(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${project} failed with ${code}`))));
  });
}

try {
  // Both at once: each is a single-threaded tsc.
  await Promise.all([build('tsconfig.json'), build('tsconfig.cjs.json')]);
  await mkdir(join(root, 'dist', 'cjs'), { recursive: true });
  await writeFile(join(root, 'dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
