import { readFileSync } from 'node:fs';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { ALL_ROUTES } from '../../lib/testing/api/all.routes.js';

/** The scope list (a copy of the project's API-SCOPE.md): every live endpoint of the platform, by area. */
const scope = readFileSync(new URL('../fixtures/api-scope.md', import.meta.url), 'utf8');
const SCOPE_PATHS = new Set([...scope.matchAll(/^\| `(\/[^`]+)` \|/gm)].map((m) => m[1]!));
const rows = Object.entries(ENDPOINTS);

describe('the endpoint table', () => {
  it('reads the scope list', () => {
    expect(SCOPE_PATHS.size).toBeGreaterThan(180);
  });

  it.each(rows)('%s is a path of the scope list (no misspelt or retired path)', (_name, row) => {
    expect(SCOPE_PATHS).toContain(row.path);
  });

  it.each(rows)('%s has a title, an https doc page and a consistent shape', (_name, row) => {
    expect(row.title.trim()).not.toBe('');
    expect(row.doc).toMatch(/^https:\/\/developers\.weixin\.qq\.com\//);
    expect(row.path).toMatch(/^\/[\w/.-]+$/);
    if (row.method === 'GET') expect(row.body).toBe('none');
    if (row.body === 'multipart') expect(row.request ?? row.credential).toBeDefined();
  });

  it.each(rows)('%s is answered by the emulator', (_name, row) => {
    expect(ALL_ROUTES.some((route) => route.method === row.method && route.path === row.path)).toBe(true);
  });

  // The areas of issue 11 (数据统计, 智能接口, 电子发票, 一物一码, 门店小程序): every scope path of these sections is a row.
  it.each(['Datacube 数据统计', 'OCR / image / AI 智能接口', 'Invoice 电子发票', '门店小程序 (stores; the successor of 微信门店)', '一物一码 (marketcode)'])(
    'every scope path of the section "%s" is a row',
    (heading) => {
      const section = scope.split(/^## /m).find((part) => part.startsWith(heading));
      expect(section).toBeDefined();
      const paths = [...section!.matchAll(/^\| `(\/[^`]+)` \|/gm)].map((m) => m[1]!);
      expect(paths.length).toBeGreaterThan(5);
      const covered = new Set(rows.map(([, row]) => row.path));
      expect(paths.filter((path) => !covered.has(path))).toEqual([]);
    },
  );

  it('covers the whole scope list: every scope path is a row of the table (a missing or misspelt path fails)', () => {
    const covered = new Set(rows.map(([, row]) => row.path));
    expect([...SCOPE_PATHS].filter((path) => !covered.has(path))).toEqual([]);
  });

  it('prints its coverage of the scope list', () => {
    const covered = new Set(rows.map(([, row]) => row.path));
    const missing = [...SCOPE_PATHS].filter((path) => !covered.has(path));
    console.log(`endpoint table: ${covered.size} of ${SCOPE_PATHS.size} scope paths (${missing.length} not yet rows)`);
    expect(covered.size + missing.length).toBe(SCOPE_PATHS.size);
  });
});
