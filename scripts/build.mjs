#!/usr/bin/env node
// `npm run build`: one source, two outputs. tsconfig.json builds the ESM package (dist/lib) and the sample
// (dist/sample); tsconfig.cjs.json builds the CommonJS package (dist/cjs/lib), marked CommonJS by its own
// package.json so Node, Jest and TypeScript read it as such whatever the root package.json says. The emulator's
// page (plain HTML/CSS/JS, no bundler) is copied next to its compiled server in both outputs.
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
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
  for (const out of ['dist/lib', 'dist/cjs/lib']) {
    await cp(join(root, 'lib/testing/ui/assets'), join(root, out, 'testing/ui/assets'), { recursive: true });
  }
  await rewriteImportMeta(join(root, 'dist', 'cjs', 'lib'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

/**
 * CommonJS has no `import.meta`: the few modules that locate files next to themselves (marked with a
 * `@ts-ignore` naming this script) read `import.meta.url`, which becomes the CommonJS module's own file URL here.
 */
async function rewriteImportMeta(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const source = await readFile(file, 'utf8');
    if (source.includes('import.meta.url')) {
      await writeFile(file, source.replaceAll('import.meta.url', 'require("node:url").pathToFileURL(__filename).href'));
    }
  }
}
