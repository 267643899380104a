import { SubscribeService } from '../../lib/api/subscribe/subscribe.service.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient, startStub } from './api-test-kit.js';

const follower = 'oSubscribeFollower000000001';

describe('SubscribeService (against the emulator)', () => {
  let emu: WechatEmulator;
  let subscribe: SubscribeService;
  let templateId: string;
  const data = { thing1: { value: '草稿箱发布指南' }, time2: { value: '2024-05-20 10:00' } };
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, token: 'cbtoken', followers: [follower] });
    subscribe = new SubscribeService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('browses the public library: categories, titles page by page, keywords', async () => {
    const categories = await subscribe.getCategories();
    expect(categories).toEqual(expect.arrayContaining([{ id: 616, name: '信息查询' }]));
    const page = await subscribe.getPublicTemplateTitles([616], 0, 5);
    expect(page.data).toHaveLength(5);
    expect(page.data[0]).toEqual({ tid: 1001, title: '文章发布通知', type: 2, categoryId: '616' });
    expect(emu.requests.at(-1)?.query).toMatchObject({ ids: '616', start: '0', limit: '5' });
    const all: number[] = [];
    for await (const title of subscribe.iteratePublicTemplateTitles([616, 670], 30)) all.push(title.tid);
    expect(all).toHaveLength(page.count + 1);
    expect(new Set(all).size).toBe(all.length);
    await expect(subscribe.getPublicTemplateKeywords(1001)).resolves.toEqual(
      expect.arrayContaining([{ kid: 1, name: '文章标题', example: '草稿箱发布指南', rule: 'thing' }]),
    );
  });

  it('chooses, lists and deletes templates', async () => {
    templateId = await subscribe.addTemplate(1001, [1, 2], '文章发布');
    const listed = await subscribe.listTemplates();
    expect(listed).toEqual([expect.objectContaining({ priTmplId: templateId, title: '文章发布通知', type: 2, content: expect.stringContaining('{{thing1.DATA}}') })]);
    const spare = await subscribe.addTemplate('1002', [1, 2, 3]);
    await subscribe.deleteTemplate(spare);
    expect((await subscribe.listTemplates()).map((t) => t.priTmplId)).toEqual([templateId]);
  });

  it('answers the documented template errcodes (200014 unknown tid, 200020 bad kidList, 40037 unknown template)', async () => {
    await expect(subscribe.addTemplate(99999, [1, 2])).rejects.toMatchObject({ errcode: 200014 });
    await expect(subscribe.addTemplate(1001, [1, 9])).rejects.toMatchObject({ errcode: 200020 });
    await expect(subscribe.deleteTemplate('no-such-template')).rejects.toMatchObject({ errcode: 40037 });
    await expect(subscribe.getPublicTemplateKeywords(99999)).rejects.toMatchObject({ errcode: 200014 });
  });

  it('refuses bad input before the call, naming the field', async () => {
    await expect(subscribe.addTemplate(1001, [1])).rejects.toMatchObject({ field: 'kidList' });
    await expect(subscribe.addTemplate(1001, [1, 2], '场景描述超过十五个字的一段很长的文字')).rejects.toMatchObject({ field: 'sceneDesc' });
    await expect(subscribe.getPublicTemplateTitles([616], 0, 31)).rejects.toMatchObject({ field: 'limit' });
    const tooLong = subscribe.send({ touser: follower, template_id: 'x', data: { thing1: { value: '超'.repeat(21) } } });
    await expect(tooLong).rejects.toBeInstanceOf(WechatValidationError);
    await expect(tooLong).rejects.toMatchObject({ field: 'data', reason: expect.stringContaining('thing1.value') });
    await expect(subscribe.send({ touser: follower, template_id: 'x', data: {} })).rejects.toMatchObject({ field: 'data' });
    expect(emu.requests).toHaveLength(0);
  });

  it('bizsend to a follower who has not accepted the template is 43101; after accepting, one send goes and pushes subscribe_msg_sent_event', async () => {
    const stub = await startStub((_req, _body, res) => res.end('success'));
    emu.setCallback(`${stub.url}/wechat`);
    try {
      await expect(subscribe.send({ touser: follower, template_id: templateId, data })).rejects.toMatchObject({
        errcode: 43101,
        explanation: { zh: '用户拒绝接受消息' },
      });
      const popup = await emu.subscribeDecision(follower, { templateId, status: 'accept' });
      expect(popup).toMatchObject({ event: 'subscribe_msg_popup_event', delivered: true });
      expect(popup.message).toMatchObject({
        FromUserName: follower,
        SubscribeMsgPopupEvent: { List: [{ TemplateId: templateId, SubscribeStatusString: 'accept', PopupScene: '0' }] },
      });
      await subscribe.send({ touser: follower, template_id: templateId, page: 'https://example.com/a', data });
      await emu.idle();
      const sent = emu.platformPushes().find((p) => p.event === 'subscribe_msg_sent_event')!;
      expect(sent.message).toMatchObject({
        FromUserName: follower,
        SubscribeMsgSentEvent: { List: [{ TemplateId: templateId, MsgID: expect.stringMatching(/^\d+$/), ErrorCode: '0', ErrorStatus: 'success' }] },
      });
      expect(emu.sentMessages().at(-1)).toMatchObject({ kind: 'subscribe', to: follower, body: { template_id: templateId, data } });
      // a one-time template allows one send per acceptance
      await expect(subscribe.send({ touser: follower, template_id: templateId, data })).rejects.toMatchObject({ errcode: 43101 });
      // rejecting later in the notification settings pushes subscribe_msg_change_event
      const change = await emu.subscribeDecision(follower, { templateId, status: 'reject', via: 'settings' });
      expect(change.message).toMatchObject({ SubscribeMsgChangeEvent: { List: [{ TemplateId: templateId, SubscribeStatusString: 'reject' }] } });
      expect(stub.hits.map((h) => h.body.toString()).join('\n')).toContain('<Event><![CDATA[subscribe_msg_popup_event]]></Event>');
    } finally {
      emu.setCallback(undefined);
      await stub.stop();
    }
  });

  it('a long-term template keeps allowing sends until rejected; data keys the template lacks are 47003', async () => {
    const longTerm = await subscribe.addTemplate(1002, [1, 2]);
    await emu.subscribeDecision(follower, { templateId: longTerm, status: 'accept' });
    const logistics = { character_string1: { value: 'SF1234567890' }, phrase2: { value: '已签收' } };
    await subscribe.send({ touser: follower, template_id: longTerm, data: logistics });
    await subscribe.send({ touser: follower, template_id: longTerm, data: logistics });
    await expect(subscribe.send({ touser: follower, template_id: longTerm, data: { thing9: { value: 'x' } } })).rejects.toMatchObject({ errcode: 47003 });
  });

  describe('one-time subscribe message', () => {
    it('builds the authorize URL and refuses a scene out of range or a long reserved', () => {
      const url = new URL(subscribe.oneTimeAuthorizeUrl({ templateId: 'TPL', scene: 1000, redirectUrl: 'https://app.example.com/back', reserved: 'state-1' }));
      expect(url.pathname).toBe('/mp/subscribemsg');
      expect(url.hash).toBe('#wechat_redirect');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        action: 'get_confirm', appid: APP.appId, scene: '1000', template_id: 'TPL', redirect_url: 'https://app.example.com/back', reserved: 'state-1',
      });
      expect(() => subscribe.oneTimeAuthorizeUrl({ templateId: 'TPL', scene: 10_001, redirectUrl: 'https://a.example' })).toThrow(expect.objectContaining({ field: 'scene' }));
      expect(() => subscribe.oneTimeAuthorizeUrl({ templateId: 'TPL', scene: 1, redirectUrl: 'https://a.example', reserved: 'r'.repeat(129) })).toThrow(expect.objectContaining({ field: 'reserved' }));
      expect(() => subscribe.oneTimeAuthorizeUrl({ templateId: 'TPL', scene: 1, redirectUrl: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ field: 'redirect_url' }));
    });

    it('sends once per confirmation (43101 without one) and checks the title locally', async () => {
      const message = { touser: follower, template_id: 'TPL', scene: '1000', title: '发布提醒', data: { content: { value: '文章已发布', color: '#173177' } } };
      await expect(subscribe.sendOneTime(message)).rejects.toMatchObject({ errcode: 43101 });
      const back = new URL(emu.authorizeOneTimeSubscribe(follower, { templateId: 'TPL', scene: 1000, redirectUrl: 'https://app.example.com/back', reserved: 's' }));
      expect(Object.fromEntries(back.searchParams)).toEqual({ openid: follower, template_id: 'TPL', action: 'confirm', scene: '1000', reserved: 's' });
      await subscribe.sendOneTime(message);
      expect(emu.sentMessages().at(-1)).toMatchObject({ kind: 'subscribe-once', to: follower });
      await expect(subscribe.sendOneTime(message)).rejects.toMatchObject({ errcode: 43101 });
      emu.clearRequests();
      await expect(subscribe.sendOneTime({ ...message, title: '标题'.repeat(8) })).rejects.toMatchObject({ field: 'title' });
      await expect(subscribe.sendOneTime({ ...message, scene: '10001' })).rejects.toMatchObject({ field: 'scene' });
      expect(emu.requests).toHaveLength(0);
    });
  });
});
