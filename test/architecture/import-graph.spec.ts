import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cyclesOf, folderGraph, folderOf, importGraph } from './import-graph.js';

/**
 * The inbound side's layering (issue 12), read from the TypeScript sources:
 * module → http adapters → pipeline (inbound) and handlers → protocol core → crypto and message schema.
 * No two files or folders import each other, and nothing low imports something high.
 */
const LIB = fileURLToPath(new URL('../../lib/', import.meta.url));
const files = importGraph(LIB);
const folders = folderGraph(files);

/** Higher rank = higher layer. A folder may import only folders of a lower rank. */
const RANK: Record<string, number> = { crypto: 1, message: 1, protocol: 2, handlers: 3, inbound: 4, http: 5, 'wechat-mp.module.ts': 6 };
const INBOUND_SIDE = new Set(['http', 'inbound', 'protocol', 'handlers', 'message', 'crypto', 'stores']);

describe('import graph of lib/', () => {
  it('has no import cycle between files anywhere in lib/ (outbound API and emulator included)', () => {
    expect(cyclesOf(files)).toEqual([]);
  });

  it('has no import cycle between the inbound side’s folders', () => {
    const cycles = cyclesOf(folders).filter((cycle) => cycle.some((folder) => INBOUND_SIDE.has(folder)));
    expect(cycles).toEqual([]);
  });

  it.each(Object.keys(RANK))('%s imports nothing from a layer above it', (folder) => {
    const upward = [...(folders.get(folder) ?? [])].filter((target) => RANK[target] !== undefined && RANK[target]! >= RANK[folder]!);
    expect(upward).toEqual([]);
  });

  it('keeps the protocol core framework-free (no Nest, no HTTP adapter)', () => {
    for (const [file] of files) {
      if (folderOf(file) !== 'protocol') continue;
      expect([file, /from '@nestjs\//.test(readFileSync(`${LIB}${file}`, 'utf8'))]).toEqual([file, false]);
    }
  });

  it('finds the graph it checks (a sanity check of the reader)', () => {
    expect(folders.get('http')).toEqual(expect.any(Set));
    expect([...folders.get('http')!]).toEqual(expect.arrayContaining(['protocol', 'inbound']));
  });
});
