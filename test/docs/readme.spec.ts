/**
 * The READMEs stay honest: every fenced TypeScript example compiles against the package (imported by name, as users
 * do), the table of contents names every section, every in-page link lands on a heading, and the generated API
 * reference matches the code. Fragments (`await menus.create(…)`) compile against the declarations in
 * README_GLOBALS: the services and values the surrounding prose introduces.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { MARKERS, README_LANGS, readServices, renderApiReference } from '../../scripts/api-reference.mjs';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { fencedBlocks, markedBlock, ROOT, type FencedBlock } from '../support/readme-blocks.js';

const READMES = README_LANGS.map(([file]) => file);

/** What the README's fragments use without declaring: the names the prose around them introduces. */
const README_GLOBALS = `
import type { INestApplication } from '@nestjs/common';
import type { BasicService, MaterialService, MenuService, MessageService, QrcodeService, TokenService, WechatServices } from 'nestjs-wechat-mp';
import type { WechatEmulator } from 'nestjs-wechat-mp/testing';
declare global {
  const emu: WechatEmulator;
  const url: string;
  const app: INestApplication;
  const tokens: TokenService;
  const basic: BasicService;
  const menus: MenuService;
  const qrcodes: QrcodeService;
  const material: MaterialService;
  const messages: MessageService;
  const wechat: WechatServices;
  const openId: string;
  const openId1: string;
  const openId2: string;
  const buffer: Buffer;
  const jpg: Buffer;
  const mp4: Buffer;
  const id: string;
  const id1: string;
  const id2: string;
  const mediaId: string;
  const tagId: number;
  const appId: string;
  const appSecret: string;
  const token: string;
  const encodingAESKey: string;
  const shopSecret: string;
  const shopToken: string;
  const shopKey: string;
}
export {};
`;

function tsBlocks(): FencedBlock[] {
  return READMES.flatMap((file) => fencedBlocks(file)).filter((b) => b.lang === 'ts' || b.lang === 'typescript');
}

describe('the READMEs', () => {
  it('have TypeScript examples that compile against the package', () => {
    const blocks = tsBlocks();
    expect(blocks.length).toBeGreaterThan(20);
    const dir = join(ROOT, '.test-tmp', 'readme-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((block) => {
      const path = join(dir, `${block.file.replace(/\W/g, '_')}_${block.line}.ts`);
      // Each example is a module of its own, so their top-level names never clash.
      writeFileSync(path, `${block.code}\nexport {};\n`);
      return { path, block };
    });
    writeFileSync(join(dir, 'readme-globals.d.ts'), README_GLOBALS);

    const configPath = join(ROOT, 'test', 'tsconfig.json');
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, join(ROOT, 'test'));
    const program = ts.createProgram([...files.map((f) => f.path), join(dir, 'readme-globals.d.ts')], { ...config.options, noEmit: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const entry = files.find((f) => f.path === d.file?.fileName);
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const where = entry ? `${entry.block.file}:${entry.block.line + 1 + line}` : (d.file?.fileName ?? 'tsc');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it.each(READMES)('%s: the contents list every section, and every in-page link lands on a heading', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const withoutCode = text.replace(/^```[\s\S]*?^```$/gm, '');
    const headings = [...withoutCode.matchAll(/^(#{2,4}) (.+)$/gm)].map((m) => ({ level: m[1]!.length, title: m[2]!.trim() }));
    const slugs = new Set(headings.map((h) => slug(h.title)));
    const contents = /^## (Contents|目录)\n([\s\S]*?)\n## /m.exec(withoutCode)?.[2] ?? '';
    const listed = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    const sections = headings.filter((h) => h.level === 2 && !/^(Contents|目录)$/.test(h.title)).map((h) => slug(h.title));
    expect(listed).toEqual(sections);
    const broken = [...withoutCode.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!).filter((anchor) => !slugs.has(anchor));
    expect(broken).toEqual([]);
  });

  it.each(['jest-config: commonjs', 'jest-config: esm'])('README.zh-CN.md gives the same %s as README.md (the one the pack test uses)', (marker) => {
    expect(markedBlock('README.zh-CN.md', marker)).toBe(markedBlock('README.md', marker));
  });

  it.each(README_LANGS)('%s: the API reference is the one the code generates (npm run docs:api)', (file, lang) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const start = text.indexOf(MARKERS.start);
    const end = text.indexOf(MARKERS.end);
    expect(start).toBeGreaterThan(0);
    const section = text.slice(start + MARKERS.start.length, end).trim();
    expect(section).toBe(renderApiReference(ENDPOINTS, readServices(join(ROOT, 'lib', 'api')), lang).trim());
    // What the issue asks of it: a search for the Chinese name finds the method.
    expect(section).toContain('创建自定义菜单');
    expect(section).toContain('获取用户基本信息');
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
