import 'reflect-metadata';
import { batchBodies } from '../../lib/api/batching.js';
import { iterateOpenids, type OpenidPage } from '../../lib/api/openid-pages.js';
import { TagMembersDto } from '../../lib/api/user/user.dto.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';

const page = (openids: string[], next = openids.at(-1) ?? ''): OpenidPage => ({ count: openids.length, data: { openid: openids }, next_openid: next });

describe('iterateOpenids', () => {
  it('follows next_openid page by page and stops at an empty page', async () => {
    const cursors: (string | undefined)[] = [];
    const pages: Record<string, OpenidPage> = { '': page(['a', 'b']), b: page(['c']), c: { count: 0, next_openid: '' } };
    const all: string[] = [];
    for await (const id of iterateOpenids(async (next) => (cursors.push(next), pages[next ?? '']!))) all.push(id);
    expect(all).toEqual(['a', 'b', 'c']);
    expect(cursors).toEqual([undefined, 'b', 'c']);
  });

  it('stops when the cursor does not move (never loops), and when next_openid is empty', async () => {
    let calls = 0;
    const stuck: string[] = [];
    for await (const id of iterateOpenids(async () => (calls++, page(['a', 'b'], calls === 1 ? 'b' : 'b')))) stuck.push(id);
    expect(calls).toBe(2);
    expect(stuck).toEqual(['a', 'b', 'a', 'b']);
    const ended: string[] = [];
    for await (const id of iterateOpenids(async () => page(['x'], ''))) ended.push(id);
    expect(ended).toEqual(['x']);
  });

  it('lets a caller stop early without fetching further pages', async () => {
    let calls = 0;
    for await (const id of iterateOpenids(async (next) => (calls++, page([`${next ?? ''}n`])))) if (id.length > 2) break;
    expect(calls).toBe(3);
  });
});

describe('batchBodies', () => {
  const body = (chunk: string[]) => ({ openid_list: chunk, tagid: 100 });

  it('splits to the limit and validates every body before returning any', () => {
    const list = Array.from({ length: 120 }, (_, i) => `o${i}`);
    expect(batchBodies(TagMembersDto, list, 50, 'openid_list', body).map((b) => b.openid_list.length)).toEqual([50, 50, 20]);
    expect(() => batchBodies(TagMembersDto, [...list, 7 as unknown as string], 50, 'openid_list', body)).toThrow(WechatValidationError);
  });

  it('makes one body of an empty or non-array list, for the DTO to refuse by name', () => {
    expect(() => batchBodies(TagMembersDto, [], 50, 'openid_list', body)).toThrow(expect.objectContaining({ field: 'openid_list' }));
    expect(() => batchBodies(TagMembersDto, 'o1' as unknown as string[], 50, 'openid_list', body)).toThrow(expect.objectContaining({ field: 'openid_list' }));
  });
});
