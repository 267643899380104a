import { rawCall } from '../../support/raw-call.js';
import { IMAGE_API_SPECS, INTELLIGENT_ENDPOINTS, type ImageApiName } from '../../../lib/api/intelligent/intelligent.endpoints.js';
import { IntelligentService } from '../../../lib/api/intelligent/intelligent.service.js';
import { WechatValidationError } from '../../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../../lib/testing/index.js';
import { APP, newClient } from '../api-test-kit.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(200, 7)]);
const MP3 = Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.alloc(500, 1)]);
const WAV = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(500, 1)]);

const METHODS: Record<ImageApiName, keyof IntelligentService> = {
  ocrIdCard: 'ocrIdCard', ocrBankCard: 'ocrBankCard', ocrVehicleLicense: 'ocrVehicleLicense', ocrDrivingLicense: 'ocrDrivingLicense',
  ocrBizLicense: 'ocrBizLicense', ocrComm: 'ocrComm', ocrMenu: 'ocrMenu', scanQrcode: 'scanQrcode',
};
const IMAGE_APIS = Object.keys(IMAGE_API_SPECS) as ImageApiName[];

describe('IntelligentService (against the emulator)', () => {
  let emu: WechatEmulator;
  let ai: IntelligentService;
  let client: ReturnType<typeof newClient>['client'];
  const run = (name: ImageApiName, image: Parameters<IntelligentService['ocrIdCard']>[0]) =>
    (ai[METHODS[name]] as (i: typeof image) => Promise<Record<string, unknown>>).call(ai, image);
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    client = newClient(emu.url).client;
    ai = new IntelligentService(client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it.each(IMAGE_APIS)('%s reads an image by URL (no body) and by bytes (multipart img), the same bytes the same way', async (name) => {
    const byUrl = await run(name, 'https://example.com/card.jpg');
    expect(Object.keys(byUrl).length).toBeGreaterThan(0);
    expect(emu.requests.at(-1)).toMatchObject({ path: IMAGE_API_SPECS[name].path, query: { img_url: 'https://example.com/card.jpg' } });
    const byBytes = await run(name, { data: PNG, fileName: 'card.png' });
    expect(emu.requests.at(-1)?.body).toMatchObject({ files: [{ field: 'img', filename: 'card.png', size: PNG.length }] });
    await expect(run(name, { data: PNG })).resolves.toEqual(byBytes);
  });

  it.each(IMAGE_APIS)('%s: an image URL WeChat cannot fetch is errcode 101000', async (name) => {
    await expect(run(name, 'https://unreachable.invalid/x.jpg')).rejects.toMatchObject({ errcode: 101000, path: IMAGE_API_SPECS[name].path });
  });

  it.each(IMAGE_APIS)('%s refuses before the call: an image over 2 MB, a GIF, both or neither source', async (name) => {
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    await expect(run(name, { data: big })).rejects.toMatchObject({ field: 'img.data', reason: expect.stringContaining('at most 2097151 bytes') });
    await expect(run(name, { data: GIF })).rejects.toMatchObject({ field: 'img.data', reason: expect.stringContaining('JPEG or PNG or BMP') });
    await expect(run(name, 'ftp://example.com/a.png')).rejects.toMatchObject({ field: 'img_url' });
    const row = INTELLIGENT_ENDPOINTS[name];
    await expect(client.call(row, {})).rejects.toMatchObject({ field: 'img_url', reason: expect.stringContaining('required') });
    await expect(client.call(row, { img_url: 'https://example.com/a.png', img: { data: PNG, fileName: 'a.png' } })).rejects.toMatchObject({ field: 'img_url' });
    expect(emu.requests).toHaveLength(0);
  });

  it('aiCrop sends the ratios as a form field (also next to an img_url) and answers one box per ratio', async () => {
    const crop = await ai.aiCrop('https://example.com/photo.jpg', [1, 2.35]);
    expect(crop.results).toHaveLength(2);
    expect(emu.requests.at(-1)?.body).toMatchObject({ fields: { ratios: '1,2.35' } });
    await expect(ai.aiCrop({ data: PNG })).resolves.toMatchObject({ img_size: { w: 1280, h: 800 } });
    await expect(ai.aiCrop('https://x.invalid/a.png')).rejects.toMatchObject({ errcode: 101000 });
    await expect(ai.aiCrop({ data: PNG }, [1, 2, 3, 4, 5, 6])).rejects.toMatchObject({ field: 'ratios' });
  });

  it('AI voice: an mp3 upload is recognised and its text queried; an unknown voice_id is 40097', async () => {
    await ai.addVoiceToRecognize('voice-1', MP3);
    expect(emu.requests.at(-1)).toMatchObject({ query: { format: 'mp3', voice_id: 'voice-1', lang: 'zh_CN' }, body: { files: [{ field: 'media' }] } });
    await expect(ai.queryVoiceResult('voice-1')).resolves.toMatchObject({ result: expect.stringContaining('你好'), is_end: true });
    await expect(ai.queryVoiceResult('never-uploaded')).rejects.toMatchObject({ errcode: 40097 });
  });

  it('AI voice refuses a voice over 1 MB, a WAV file and a bad voice_id before the call', async () => {
    await expect(ai.addVoiceToRecognize('v2', Buffer.concat([MP3, Buffer.alloc(1024 * 1024)]))).rejects.toMatchObject({ field: 'media.data' });
    await expect(ai.addVoiceToRecognize('v2', WAV)).rejects.toMatchObject({ field: 'media.data', reason: expect.stringContaining('MP3') });
    await expect(ai.addVoiceToRecognize('v 2', MP3)).rejects.toBeInstanceOf(WechatValidationError);
    await expect(ai.queryVoiceResult('v2', 'fr_FR' as 'en_US')).rejects.toMatchObject({ field: 'lang' });
    expect(emu.requests).toHaveLength(0);
  });

  it('translate sends the text as the raw body; over 600 bytes is refused first; an empty body is 44004 from WeChat', async () => {
    await expect(ai.translate('你好', 'zh_CN', 'en_US')).resolves.toEqual({ from_content: '你好', to_content: 'Hello' });
    expect(emu.requests.at(-1)?.query).toMatchObject({ lfrom: 'zh_CN', lto: 'en_US' });
    await expect(ai.translate('字'.repeat(201), 'zh_CN', 'en_US')).rejects.toMatchObject({ field: 'content', reason: expect.stringContaining('600 bytes') });
    await expect(ai.translate('  ', 'zh_CN', 'en_US')).rejects.toMatchObject({ field: 'content' });
    await expect(rawCall(client, INTELLIGENT_ENDPOINTS.translate, { query: { lfrom: 'zh_CN', lto: 'en_US' }, body: '' })).rejects.toMatchObject({ errcode: 44004 });
  });
});
