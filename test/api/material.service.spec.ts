import { MaterialService } from '../../lib/api/material/material.service.js';
import { MEDIA_LIMITS, type MediaType } from '../../lib/api/material/material.types.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

/** Small files that start like the real formats. */
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60, 2)]);
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(60, 3)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(60, 4)]);
const FILES: Record<MediaType, { data: Buffer; fileName: string }> = {
  image: { data: PNG, fileName: 'photo.png' },
  voice: { data: MP3, fileName: 'hello.mp3' },
  video: { data: MP4, fileName: 'clip.mp4' },
  thumb: { data: JPG, fileName: 'thumb.jpg' },
};

async function validationErrorOf(promise: Promise<unknown>): Promise<WechatValidationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WechatValidationError);
  return error as WechatValidationError;
}

describe('MaterialService (against the emulator)', () => {
  let emu: WechatEmulator;
  let material: MaterialService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    material = new MaterialService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  const uploads = () => emu.requests.filter((r) => r.path.startsWith('/cgi-bin/media/upload') || r.path === '/cgi-bin/material/add_material');

  it.each(['image', 'voice', 'thumb'] as const)('uploads a temporary %s and downloads the same bytes', async (type) => {
    const uploaded = await material.uploadTemporary(type, FILES[type]);
    expect(uploaded).toMatchObject({ type, media_id: expect.any(String), created_at: expect.any(Number) });
    const got = await material.getTemporary(uploaded.media_id);
    expect(got.kind).toBe('file');
    if (got.kind === 'file') {
      expect(got.file.data.equals(FILES[type].data)).toBe(true);
      expect(got.file.contentType).toMatch(/^(image|audio)\//);
    }
  });

  it('a temporary video comes back as its URL', async () => {
    const { media_id } = await material.uploadTemporary('video', FILES.video);
    await expect(material.getTemporary(media_id)).resolves.toEqual({ kind: 'video', video_url: expect.stringMatching(/^http/) });
  });

  it('an unknown or expired media_id is WeChat\'s 40007', async () => {
    const { media_id } = await material.uploadTemporary('image', FILES.image);
    emu.clock.advance(3 * 86_400 + 1);
    await expect(material.getTemporary(media_id)).rejects.toMatchObject({ errcode: 40007, path: '/cgi-bin/media/get' });
    emu.clock.advance(-(3 * 86_400 + 1));
  });

  it('uploads an article image and returns its URL', async () => {
    const url = await material.uploadArticleImage({ data: JPG, fileName: 'inline.jpg' });
    expect(url).toMatch(/^http/);
    expect(emu.media().some((m) => m.kind === 'uploadimg' && m.url === url)).toBe(true);
  });

  it('adds, reads, counts, lists and deletes permanent material', async () => {
    const image = await material.addPermanent('image', FILES.image);
    expect(image.url).toMatch(/^http/);
    const video = await material.addPermanent('video', FILES.video, { title: '宣传片', introduction: '一分钟' });
    const voice = await material.addPermanent('voice', { data: MP3, fileName: 'no-extension', contentType: 'audio/mpeg' });

    const gotImage = await material.getPermanent(image.media_id);
    expect(gotImage.kind === 'file' && gotImage.file.data.equals(PNG)).toBe(true);
    await expect(material.getPermanent(video.media_id)).resolves.toEqual({
      kind: 'video', title: '宣传片', description: '一分钟', down_url: expect.stringMatching(/^http/),
    });
    await expect(material.count()).resolves.toEqual({ voice_count: 1, video_count: 1, image_count: 1, news_count: 0 });
    const page = await material.batchGet('image', 0, 20);
    expect(page.item.map((i) => i.media_id)).toEqual([image.media_id]);

    await material.deletePermanent(voice.media_id);
    await expect(material.count()).resolves.toMatchObject({ voice_count: 0 });
    const error = await material.deletePermanent(voice.media_id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40007 });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/material/del_material')).toHaveLength(2);
  });

  it.each([
    ['a temporary image over 10 MiB', () => material.uploadTemporary('image', { data: Buffer.alloc(MEDIA_LIMITS.temporary.image.maxBytes + 1), fileName: 'big.png' }), 'media.data'],
    ['a thumb over 64 KiB', () => material.uploadTemporary('thumb', { data: Buffer.alloc(64 * 1024 + 1), fileName: 't.jpg' }), 'media.data'],
    ['a thumb in PNG', () => material.uploadTemporary('thumb', { data: PNG, fileName: 't.png' }), 'media.fileName'],
    ['a temporary voice in WAV (permanent only)', () => material.uploadTemporary('voice', { data: MP3, fileName: 'v.wav' }), 'media.fileName'],
    ['an article image of 1 MiB', () => material.uploadArticleImage({ data: Buffer.alloc(1024 * 1024), fileName: 'a.jpg' }), 'media.data'],
    ['an article image in GIF', () => material.uploadArticleImage({ data: JPG, fileName: 'a.gif' }), 'media.fileName'],
    ['an empty file', () => material.uploadTemporary('image', { data: Buffer.alloc(0), fileName: 'e.png' }), 'media.data'],
    ['a file without extension or content type', () => material.uploadTemporary('image', { data: PNG, fileName: 'photo' }), 'media.fileName'],
    ['an unknown media type', () => material.uploadTemporary('gif' as MediaType, FILES.image), 'type'],
    ['a permanent video without its title', () => material.addPermanent('video', FILES.video), 'description'],
    ['a permanent video with an empty title', () => material.addPermanent('video', FILES.video, { title: '' }), 'description.title'],
    ['a list page of 21', () => material.batchGet('image', 0, 21), 'count'],
    ['a negative offset', () => material.batchGet('news', -1), 'offset'],
  ])('refuses %s with a clear error instead of a wasted call', async (_label, call, field) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatValidationError);
    expect((error as WechatValidationError).field).toBe(field);
    expect(uploads()).toHaveLength(0);
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/material/batchget_material')).toHaveLength(0);
  });

  it('accepts a plain Uint8Array of megabytes (validation does not walk it byte by byte)', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024);
    bytes.set(PNG);
    const uploaded = await material.uploadTemporary('image', { data: bytes, fileName: 'large.png' });
    const got = await material.getTemporary(uploaded.media_id);
    expect(got.kind === 'file' && got.file.data.length).toBe(bytes.length);
    expect((await validationErrorOf(material.uploadArticleImage({ data: bytes, fileName: 'large.png' }))).field).toBe('media.data');
  });

  it('accepts a Blob and names the limit in the error message', async () => {
    await expect(material.uploadTemporary('image', { data: new Blob([PNG], { type: 'image/png' }), fileName: 'b.png' })).resolves.toHaveProperty('media_id');
    const error = (await material
      .uploadTemporary('thumb', { data: Buffer.alloc(70_000), fileName: 't.jpg' })
      .catch((e: unknown) => e)) as WechatValidationError;
    expect(error.message).toContain('64 KiB');
  });
});
