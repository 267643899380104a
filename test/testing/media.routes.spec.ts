import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body')]);
const KB = 1024;
const MB = 1024 * KB;

function form(bytes: Buffer, filename: string, field = 'media', extra: Record<string, string> = {}): FormData {
  const data = new FormData();
  data.append(field, new Blob([bytes]), filename);
  for (const [k, v] of Object.entries(extra)) data.append(k, v);
  return data;
}

describe('emulator: temporary media and uploadimg', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const upload = (type: string, data: FormData) => call(emu, 'POST', '/cgi-bin/media/upload', { token, query: { type }, form: data });
  const get = (mediaId: string) => call(emu, 'GET', '/cgi-bin/media/get', { token, query: { media_id: mediaId } });

  it('uploads an image with the media field and media/get returns the same bytes', async () => {
    const res = await upload('image', form(JPEG, 'photo.jpg'));
    expect(res.json).toEqual({ type: 'image', media_id: expect.any(String), created_at: emu.clock.nowSeconds() });
    const back = await get(res.json.media_id);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/jpeg');
    expect(back.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"');
    expect(back.bytes.equals(JPEG)).toBe(true);
    expect(emu.media()[0]).toMatchObject({ kind: 'temporary', type: 'image', filename: 'photo.jpg' });
    expect(emu.requests.at(-2)!.body).toEqual({ fields: {}, files: [{ field: 'media', filename: 'photo.jpg', mimeType: 'application/octet-stream', size: JPEG.length, truncated: false }] });
  });

  it('thumb uploads answer thumb_media_id; a video answers video_url on media/get', async () => {
    const thumb = await upload('thumb', form(JPEG, 't.jpg'));
    expect(thumb.json).toEqual({ type: 'thumb', thumb_media_id: expect.any(String), created_at: expect.any(Number) });
    const video = await upload('video', form(Buffer.from('....ftypisom'), 'clip.mp4'));
    const got = await get(video.json.media_id);
    expect(got.json).toEqual({ video_url: `${emu.url}/emulator/files/${video.json.media_id}` });
    expect((await fetch(got.json.video_url)).status).toBe(200);
  });

  it('sniffs the format of a file sent without an extension', async () => {
    expect((await upload('image', form(JPEG, 'blob'))).json.type).toBe('image');
    expectError(await upload('voice', form(JPEG, 'blob')), 40005);
  });

  it.each([
    ['image', 10 * MB, 'a.png', 40009],
    ['voice', 2 * MB, 'a.mp3', 40010],
    ['video', 10 * MB, 'a.mp4', 40011],
    ['thumb', 64 * KB, 'a.jpg', 40012],
  ])('%s: accepts %i bytes, refuses one more with %i', async (type, max, name, errcode) => {
    expect((await upload(type, form(Buffer.alloc(max, 1), name))).json.type).toBe(type);
    expectError(await upload(type, form(Buffer.alloc(max + 1, 1), name)), errcode);
    expect(emu.media()).toHaveLength(1);
  });

  it.each([
    ['unknown type', 'file', form(JPEG, 'a.jpg'), 40004, 'invalid media type'],
    ['no type', '', form(JPEG, 'a.jpg'), 40004, 'invalid media type'],
    ['wrong field name', 'image', form(JPEG, 'a.jpg', 'file'), 41005, 'media data missing'],
    ['wrong format', 'image', form(JPEG, 'a.bmp'), 40005, 'invalid file type'],
    ['thumb as png', 'thumb', form(JPEG, 'a.png'), 40005, 'invalid file type'],
    ['empty file', 'image', form(Buffer.alloc(0), 'a.jpg'), 44001, 'empty media data'],
  ])('media/upload refuses %s', async (_name, type, data, errcode, errmsg) => {
    expectError(await upload(type, data), errcode, errmsg);
  });

  it('refuses a non-multipart body with 41005', async () => {
    expectError(await call(emu, 'POST', '/cgi-bin/media/upload', { token, query: { type: 'image' }, json: { media: 'x' } }), 41005);
  });

  it('media/get: 41006 without media_id, 40007 unknown, 40007 after 3 days', async () => {
    expectError(await call(emu, 'GET', '/cgi-bin/media/get', { token }), 41006, 'media_id missing');
    expectError(await get('nope'), 40007, 'invalid media_id');
    const { media_id } = (await upload('image', form(JPEG, 'a.jpg'))).json;
    emu.clock.advance(3 * 86_400 - 1);
    token = await fetchToken(emu);
    expect((await get(media_id)).status).toBe(200);
    emu.clock.advance(1);
    expectError(await get(media_id), 40007);
  });

  it('uploadimg returns a URL serving the image; jpg/png only, under 1 MB', async () => {
    const ok = await call(emu, 'POST', '/cgi-bin/media/uploadimg', { token, form: form(JPEG, 'in-article.png') });
    expect(ok.json).toEqual({ url: expect.stringContaining(`${emu.url}/emulator/files/`) });
    const served = await fetch(ok.json.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(JPEG)).toBe(true);
    expectError(await call(emu, 'POST', '/cgi-bin/media/uploadimg', { token, form: form(JPEG, 'a.gif') }), 40005);
    expectError(await call(emu, 'POST', '/cgi-bin/media/uploadimg', { token, form: form(Buffer.alloc(MB), 'a.jpg') }), 40009);
    expect((await fetch(`${emu.url}/emulator/files/unknown`)).status).toBe(404);
  });
});

describe('emulator: permanent material', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const add = (type: string, data: FormData) => call(emu, 'POST', '/cgi-bin/material/add_material', { token, query: { type }, form: data });
  const post = (path: string, json: unknown) => call(emu, 'POST', path, { token, json });

  it('adds an image (with url), gets its bytes, counts, lists and deletes it', async () => {
    const added = await add('image', form(JPEG, 'logo.bmp'));
    expect(added.json).toEqual({ media_id: expect.any(String), url: expect.stringContaining('/emulator/files/') });
    const got = await post('/cgi-bin/material/get_material', { media_id: added.json.media_id });
    expect(got.headers.get('content-type')).toBe('image/bmp');
    expect(got.bytes.equals(JPEG)).toBe(true);
    expect((await call(emu, 'GET', '/cgi-bin/material/get_materialcount', { token })).json).toEqual({ voice_count: 0, video_count: 0, image_count: 1, news_count: 0 });
    const list = await post('/cgi-bin/material/batchget_material', { type: 'image', offset: 0, count: 20 });
    expect(list.json).toEqual({
      total_count: 1,
      item_count: 1,
      item: [{ media_id: added.json.media_id, name: 'logo.bmp', update_time: expect.any(Number), url: added.json.url }],
    });
    expect((await post('/cgi-bin/material/del_material', { media_id: added.json.media_id })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await post('/cgi-bin/material/get_material', { media_id: added.json.media_id }), 40007);
    expectError(await post('/cgi-bin/material/del_material', { media_id: added.json.media_id }), 40007);
  });

  it('adds a video with its description; get_material returns title, description and down_url', async () => {
    const description = JSON.stringify({ title: 'Intro', introduction: 'About us' });
    const added = await add('video', form(Buffer.from('....ftypmp42'), 'v.mp4', 'media', { description }));
    expect(added.json).toEqual({ media_id: expect.any(String) });
    const got = await post('/cgi-bin/material/get_material', { media_id: added.json.media_id });
    expect(got.json).toEqual({ title: 'Intro', description: 'About us', down_url: expect.stringContaining(added.json.media_id) });
    expect(emu.media()[0]).toMatchObject({ kind: 'permanent', type: 'video', title: 'Intro', introduction: 'About us' });
  });

  it.each([
    ['video without description', 'video', form(Buffer.from('....ftyp'), 'v.mp4'), 40097],
    ['video with a malformed description', 'video', form(Buffer.from('....ftyp'), 'v.mp4', 'media', { description: '{' }), 47001],
    ['voice as wma over 2 MB', 'voice', form(Buffer.alloc(2 * MB + 1), 'a.wma'), 40010],
    ['unknown type', 'news', form(JPEG, 'a.jpg'), 40004],
    ['no media field', 'image', form(JPEG, 'a.jpg', 'file'), 41005],
  ])('add_material refuses %s with %i', async (_name, type, data, errcode) => {
    expectError(await add(type, data), errcode);
  });

  it('a temporary media_id is not permanent material', async () => {
    const temp = await call(emu, 'POST', '/cgi-bin/media/upload', { token, query: { type: 'image' }, form: form(JPEG, 'a.jpg') });
    expectError(await post('/cgi-bin/material/get_material', { media_id: temp.json.media_id }), 40007);
    expectError(await post('/cgi-bin/material/get_material', {}), 41006);
  });

  it.each([
    [{ type: 'file', offset: 0, count: 1 }, 40004],
    [{ type: 'image', offset: 0, count: 21 }, 40097],
    [{ type: 'image', offset: -1, count: 1 }, 40097],
    [{ type: 'image', offset: 0 }, 40097],
  ])('batchget_material refuses %j with %i', async (body, errcode) => {
    expectError(await post('/cgi-bin/material/batchget_material', body), errcode);
  });

  it('batchget_material pages newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await add('voice', form(Buffer.from('ID3....'), `v${i}.mp3`))).json.media_id);
    const page = await post('/cgi-bin/material/batchget_material', { type: 'voice', offset: 1, count: 1 });
    expect(page.json).toMatchObject({ total_count: 3, item_count: 1, item: [{ media_id: ids[1], name: 'v1.mp3' }] });
    expect(page.json.item[0].url).toBeUndefined();
  });
});
