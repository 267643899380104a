/**
 * Fenced code blocks of the README files, for the specs that keep the documentation honest: the docs test compiles
 * every TypeScript block, and the pack test uses the blocks a `<!-- name: … -->` comment marks, exactly as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface FencedBlock {
  /** README file name, relative to the repo root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The name of the `<!-- name: … -->` comment right above the fence, if any. */
  marker?: string;
}

export function fencedBlocks(file: string): FencedBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    const marker = /^<!-- (.*?) -->$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ file, line: i + 1, lang: open[1]!, code: lines.slice(i + 1, end).join('\n') + '\n', ...(marker ? { marker } : {}) });
    i = end;
  }
  return blocks;
}

/** The one block under `<!-- marker … -->`; throws when there is none or several. */
export function markedBlock(file: string, marker: string): string {
  const found = fencedBlocks(file).filter((b) => b.marker === marker);
  if (found.length !== 1) throw new Error(`${file}: expected one code block marked <!-- ${marker} -->, found ${found.length}`);
  return found[0]!.code;
}
