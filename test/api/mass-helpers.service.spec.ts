import { rawCall } from '../support/raw-call.js';
import { DraftService } from '../../lib/api/draft/draft.service.js';
import { MassHelperService } from '../../lib/api/mass-helpers/mass-helpers.service.js';
import { MaterialService } from '../../lib/api/material/material.service.js';
import { MessageService } from '../../lib/api/message/message.service.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { renderTicketPng } from '../../lib/testing/png-image.js';
import { APP, newClient, startStub } from './api-test-kit.js';

const users = ['oMassUser000000000000000001', 'oMassUser000000000000000002'];
const video = { data: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64)]), fileName: 'clip.mp4', contentType: 'video/mp4' };
const png = { data: renderTicketPng('mass'), fileName: 'cover.png', contentType: 'image/png' };

describe('MassHelperService (against the emulator): mpnews and mpvideo end to end, speed, MASSSENDJOBFINISH', () => {
  let emu: WechatEmulator;
  let helpers: MassHelperService;
  let messages: MessageService;
  let drafts: DraftService;
  let material: MaterialService;
  let stub: Awaited<ReturnType<typeof startStub>>;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, token: 'cbtoken', followers: users, jobDelayMs: 10 });
    stub = await startStub((_req, _body, res) => res.end('success'));
    emu.setCallback(`${stub.url}/wechat`);
    const { client } = newClient(emu.url);
    helpers = new MassHelperService(client);
    messages = new MessageService(client);
    drafts = new DraftService(client);
    material = new MaterialService(client);
  });
  afterAll(async () => {
    await emu.stop();
    await stub.stop();
  });
  beforeEach(() => emu.clearRequests());

  const finishedFor = (msgId: number) =>
    emu.platformPushes().find((p) => p.event === 'MASSSENDJOBFINISH' && (p.message as { MsgID?: string }).MsgID === String(msgId));

  it('uploadvideo turns an uploaded video into an mpvideo media_id that a mass send carries; MASSSENDJOBFINISH follows', async () => {
    const uploaded = await material.uploadTemporary('video', video);
    const mass = await helpers.uploadVideo(uploaded.media_id, '视频标题', '视频描述');
    expect(mass).toMatchObject({ type: 'video', media_id: expect.any(String), created_at: expect.any(Number) });
    const sent = await messages.massSendToOpenIds(users, { type: 'mpvideo', mediaId: mass.media_id });
    await emu.idle();
    const finished = finishedFor(sent.msg_id)!;
    expect(finished.delivered).toBe(true);
    expect(finished.message).toMatchObject({ Status: 'send success', TotalCount: '2', FilterCount: '2', SentCount: '2', ErrorCount: '0' });
    expect(finished.message).not.toHaveProperty('CopyrightCheckResult');
    expect(stub.hits.some((h) => h.body.toString().includes(`<MsgID>${sent.msg_id}</MsgID>`))).toBe(true);
  });

  it('uploadvideo of an unknown or non-video media_id is 40007', async () => {
    await expect(helpers.uploadVideo('no-such-video')).rejects.toMatchObject({ errcode: 40007, path: '/cgi-bin/media/uploadvideo' });
    const image = await material.uploadTemporary('image', png);
    await expect(helpers.uploadVideo(image.media_id)).rejects.toMatchObject({ errcode: 40007 });
  });

  it('mpnews from a draft: the draft leaves the draft box, MASSSENDJOBFINISH carries the copyright check and article URLs', async () => {
    const cover = (await material.addPermanent('image', png)).media_id;
    const mediaId = await drafts.add([{ title: '群发', content: '<p>正文</p>', thumb_media_id: cover }, { title: '第二篇', content: '二', thumb_media_id: cover }]);
    const sent = await messages.massSendToAll({ type: 'mpnews', mediaId });
    await expect(drafts.get(mediaId)).rejects.toMatchObject({ errcode: 40007 });
    await emu.idle();
    expect(finishedFor(sent.msg_id)!.message).toMatchObject({
      CopyrightCheckResult: { Count: '2', CheckState: '1', ResultList: [{ ArticleIdx: '1', AuditState: '0' }, { ArticleIdx: '2' }] },
      ArticleUrlResult: { Count: '2', ResultList: [{ ArticleIdx: '1', ArticleUrl: expect.stringMatching(/^http/) }, { ArticleIdx: '2' }] },
    });
  });

  it('uploadnews (deprecated) gives an mpnews media_id too; an unknown thumb is 40007', async () => {
    const thumb = (await material.addPermanent('image', png)).media_id;
    const news = await helpers.uploadNews([{ thumb_media_id: thumb, title: '旧接口', content: '正文', show_cover_pic: 1 }]);
    expect(news).toMatchObject({ type: 'news', media_id: expect.any(String) });
    const sent = await messages.massSendToOpenIds(users, { type: 'mpnews', mediaId: news.media_id });
    await emu.idle();
    expect(finishedFor(sent.msg_id)!.message).toMatchObject({ CopyrightCheckResult: { Count: '1' } });
    await expect(helpers.uploadNews([{ thumb_media_id: 'nope', title: 't', content: 'c' }])).rejects.toMatchObject({ errcode: 40007 });
  });

  it('refuses bad uploadnews / speed input before the call, naming the field', async () => {
    const nine = Array.from({ length: 9 }, () => ({ thumb_media_id: 'x', title: 't', content: 'c' }));
    await expect(helpers.uploadNews(nine)).rejects.toMatchObject({ field: 'articles' });
    await expect(helpers.uploadNews([{ thumb_media_id: 'x', title: '长'.repeat(33), content: 'c' }])).rejects.toMatchObject({ field: 'articles[0].title' });
    await expect(helpers.setSpeed(5 as 4)).rejects.toBeInstanceOf(WechatValidationError);
    await expect(helpers.uploadVideo('http://example.com/v.mp4')).rejects.toMatchObject({ field: 'media_id' });
    expect(emu.requests).toHaveLength(0);
  });

  it('reads and sets the mass speed; the emulator refuses a level out of range (40097)', async () => {
    await expect(helpers.getSpeed()).resolves.toEqual({ speed: 0, realspeed: 80 });
    await helpers.setSpeed(3);
    await expect(helpers.getSpeed()).resolves.toEqual({ speed: 3, realspeed: 30 });
    const { client } = newClient(emu.url);
    const { ENDPOINTS } = await import('../../lib/api/wechat-endpoints.js');
    // past the DTO (a raw request), as a caller in another language would send it
    await expect(rawCall(client, ENDPOINTS.massSpeedSet, { body: { speed: 9 } })).rejects.toMatchObject({ errcode: 40097 });
  });
});
