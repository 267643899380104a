import { MaterialService } from '../../lib/api/material/material.service.js';
import { MessageService } from '../../lib/api/message/message.service.js';
import { TagService } from '../../lib/api/user/tag.service.js';
import type { WechatApiClient } from '../../lib/api/wechat-api.client.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import type { CustomerServiceMessage } from '../../lib/message/reply.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

const USER = 'oEmuLaToR0000000000000000001';
const OTHER = 'oOtherFollower00000000000002';
const TEMPLATE_ID = 'tpl_order_shipped_0001';
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 1)]);

describe('MessageService (against the emulator)', () => {
  let emu: WechatEmulator;
  let client: WechatApiClient;
  let messages: MessageService;
  let mediaId: string;

  beforeAll(async () => {
    emu = await WechatEmulator.start({
      appId: APP.appId,
      appSecret: APP.appSecret,
      followers: [OTHER],
      templates: [{ templateId: TEMPLATE_ID, title: '发货通知' }],
    });
    client = newClient(emu.url).client;
    messages = new MessageService(client);
    mediaId = (await new MaterialService(client).uploadTemporary('thumb', { data: JPG, fileName: 't.jpg' })).media_id;
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.clearRequests();
    emu.addFollower(USER); // a fresh interaction: the 48-hour window is open
  });

  const sentOf = (kind: string) => emu.sentMessages().filter((m) => m.kind === kind);
  const calls = (path: string) => emu.requests.filter((r) => r.path === path);

  describe('customer-service messages', () => {
    const EVERY_TYPE: [CustomerServiceMessage, Record<string, unknown>][] = [
      [{ type: 'text', content: '你好' }, { text: { content: '你好' } }],
      [{ type: 'image', mediaId: 'MEDIA' }, { image: { media_id: 'MEDIA' } }],
      [{ type: 'voice', mediaId: 'MEDIA' }, { voice: { media_id: 'MEDIA' } }],
      [{ type: 'video', mediaId: 'MEDIA', thumbMediaId: 'MEDIA', title: 'T', description: 'D' }, { video: { media_id: 'MEDIA', thumb_media_id: 'MEDIA', title: 'T', description: 'D' } }],
      [{ type: 'music', musicUrl: 'http://m.example/a.mp3', hqMusicUrl: 'http://m.example/hq.mp3', thumbMediaId: 'MEDIA', title: 'S' }, { music: { musicurl: 'http://m.example/a.mp3', hqmusicurl: 'http://m.example/hq.mp3', thumb_media_id: 'MEDIA', title: 'S' } }],
      [{ type: 'news', articles: [{ title: '标题', url: 'http://a.example', picUrl: 'http://a.example/p.jpg' }] }, { news: { articles: [{ title: '标题', url: 'http://a.example', picurl: 'http://a.example/p.jpg' }] } }],
      [{ type: 'mpnews', mediaId: 'MPNEWS_ID' }, { mpnews: { media_id: 'MPNEWS_ID' } }],
      [{ type: 'mpnewsarticle', articleId: 'ARTICLE_ID' }, { mpnewsarticle: { article_id: 'ARTICLE_ID' } }],
      [{ type: 'msgmenu', headContent: '满意吗', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tailContent: '谢谢' }, { msgmenu: { head_content: '满意吗', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tail_content: '谢谢' } }],
      [{ type: 'wxcard', cardId: 'CARD_ID' }, { wxcard: { card_id: 'CARD_ID' } }],
      [{ type: 'miniprogrampage', title: '小程序', appId: 'wx286b93c14bbf93aa', pagePath: 'pages/index', thumbMediaId: 'MEDIA' }, { miniprogrampage: { title: '小程序', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/index', thumb_media_id: 'MEDIA' } }],
    ];

    it.each(EVERY_TYPE.map(([message, wire]) => [message.type, message, wire] as const))(
      'sends %s in its documented wire form',
      async (type, message, wire) => {
        const withMedia = JSON.parse(JSON.stringify(message).replaceAll('"MEDIA"', JSON.stringify(mediaId))) as CustomerServiceMessage;
        const expected = JSON.parse(JSON.stringify(wire).replaceAll('"MEDIA"', JSON.stringify(mediaId))) as Record<string, unknown>;
        await messages.sendCustomerService(USER, withMedia);
        const sent = sentOf('custom').at(-1)!;
        expect(sent.body).toEqual({ touser: USER, msgtype: type, ...expected });
      },
    );

    it('sends as a customer-service agent when asked', async () => {
      await messages.sendCustomerService(USER, { type: 'text', content: 'hi' }, { kfAccount: 'test1@kftest' });
      expect(sentOf('custom').at(-1)!.body).toMatchObject({ customservice: { kf_account: 'test1@kftest' } });
    });

    it('shows and hides typing', async () => {
      await messages.typing(USER);
      await messages.typing(USER, false);
      expect(sentOf('typing').slice(-2).map((m) => m.body.command)).toEqual(['Typing', 'CancelTyping']);
    });

    it('surfaces WeChat\'s refusal outside the 48-hour window (45015), without sending again', async () => {
      emu.clock.advance(48 * 3600 + 1);
      try {
        const error = await messages.sendCustomerService(USER, { type: 'text', content: 'late' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WechatApiError);
        expect(error).toMatchObject({ errcode: 45015, explanation: { en: expect.stringContaining('48 h') } });
        // 48 h later the token has expired too: refused (42001), refreshed, sent once more, refused for good (45015)
        expect(calls('/cgi-bin/message/custom/send').map((r) => r.errcode)).toEqual([42001, 45015]);
      } finally {
        emu.clock.advance(-(48 * 3600 + 1));
      }
    });

    it.each([
      ['an empty text', { type: 'text', content: '' }, 'message.content'],
      ['two news articles', { type: 'news', articles: [{ title: 'a' }, { title: 'b' }] }, 'message.articles'],
      ['a miniprogram page without appId', { type: 'miniprogrampage', title: 't', pagePath: 'p', thumbMediaId: 'm' }, 'message.appId'],
      ['an empty msgmenu', { type: 'msgmenu', headContent: 'h', list: [], tailContent: 't' }, 'message.list'],
      ['a passive-only type', { type: 'transfer_customer_service' }, 'message.type'],
    ])('refuses %s before sending', async (_label, message, field) => {
      const error = await messages.sendCustomerService(USER, message as unknown as CustomerServiceMessage).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatValidationError);
      expect((error as WechatValidationError).field).toBe(field);
      expect(calls('/cgi-bin/message/custom/send')).toHaveLength(0);
    });

    it('refuses an empty recipient before sending', async () => {
      await expect(messages.sendCustomerService('', { type: 'text', content: 'x' })).rejects.toMatchObject({ field: 'touser' });
    });

    it('carries the model\'s own reason, not one parsed out of a message string', async () => {
      const error = (await messages.sendCustomerService(USER, { type: 'text', content: '' }).catch((e: unknown) => e)) as WechatValidationError;
      expect(error).toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field: 'message.content', reason: expect.any(String) });
      expect(error.reason).not.toMatch(/field|"/);
      expect(error.message).toBe(`Invalid "message.content": ${error.reason}`);
    });
  });

  describe('template messages', () => {
    it('sends with url, miniprogram and a generated client_msg_id, and returns both ids', async () => {
      const result = await messages.sendTemplate({
        touser: USER,
        template_id: TEMPLATE_ID,
        url: 'https://shop.example/orders/1',
        miniprogram: { appid: 'wx286b93c14bbf93aa', pagepath: 'pages/order?id=1' },
        data: { thing1: { value: '咖啡豆' }, time2: { value: '2024-05-01 10:00', color: '#173177' } },
      });
      expect(result.msgid).toEqual(expect.any(Number));
      expect(result.client_msg_id).toMatch(/^[0-9a-f]{24}$/);
      expect(sentOf('template').at(-1)!.body).toMatchObject({
        touser: USER,
        template_id: TEMPLATE_ID,
        url: 'https://shop.example/orders/1',
        miniprogram: { appid: 'wx286b93c14bbf93aa', pagepath: 'pages/order?id=1' },
        client_msg_id: result.client_msg_id,
        data: { thing1: { value: '咖啡豆' } },
      });
    });

    it('a caller repeating a send with the returned client_msg_id does not deliver it twice', async () => {
      const message = { touser: USER, template_id: TEMPLATE_ID, data: { thing1: { value: 'once' } } };
      const first = await messages.sendTemplate(message);
      const before = sentOf('template').length;
      const again = await messages.sendTemplate({ ...message, client_msg_id: first.client_msg_id });
      expect(again).toEqual(first);
      expect(sentOf('template')).toHaveLength(before);
    });

    it('a template send that times out is not re-sent; the error carries the path', async () => {
      const slow = newClient(emu.url, { account: { apiTimeoutMs: 100 } });
      await slow.client.token.getAccessToken();
      emu.faults.inject({ path: '/cgi-bin/message/template/send', kind: 'delay', delayMs: 300, times: 1 });
      await expect(
        new MessageService(slow.client).sendTemplate({ touser: USER, template_id: TEMPLATE_ID, data: {} }),
      ).rejects.toMatchObject({ reason: 'timeout', path: '/cgi-bin/message/template/send' });
      expect(slow.sent.filter((r) => r === 'POST /cgi-bin/message/template/send')).toHaveLength(1);
      emu.faults.clear();
    });

    it.each([
      ['no template_id', { touser: USER, data: {} }, 'template_id'],
      ['a miniprogram without appid', { touser: USER, template_id: TEMPLATE_ID, miniprogram: { pagepath: 'p' }, data: {} }, 'miniprogram.appid'],
      ['a data entry without value', { touser: USER, template_id: TEMPLATE_ID, data: { thing1: { color: '#000' } } }, 'data.thing1.value'],
    ])('refuses %s before sending', async (_label, message, field) => {
      await expect(messages.sendTemplate(message as never)).rejects.toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field });
      expect(calls('/cgi-bin/message/template/send')).toHaveLength(0);
    });

    it('administers industries and templates', async () => {
      await messages.setIndustry(1, '4');
      await expect(messages.getIndustry()).resolves.toEqual({
        primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
        secondary_industry: { first_class: 'IT科技', second_class: '电子技术' },
      });
      const added = await messages.addTemplate('TM00015', ['订单号', '金额']);
      expect((await messages.listTemplates()).map((t) => t.template_id)).toEqual(expect.arrayContaining([TEMPLATE_ID, added]));
      await messages.deleteTemplate(added);
      expect((await messages.listTemplates()).map((t) => t.template_id)).not.toContain(added);
      await expect(messages.deleteTemplate(added)).rejects.toMatchObject({ errcode: 40037 });
    });

    it.each([
      // The old code sent {"industry_id1":"undefined","industry_id2":"null"}.
      ['undefined and null', undefined, null, 'industry_id1'],
      ['a second code that is not one', '1', 'IT', 'industry_id2'],
      ['NaN', Number.NaN, 2, 'industry_id1'],
    ])('refuses industries %s before sending', async (_label, first, second, field) => {
      await expect(messages.setIndustry(first as never, second as never)).rejects.toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field });
      expect(calls('/cgi-bin/template/api_set_industry')).toHaveLength(0);
    });
  });

  describe('mass sends', () => {

    it('sends to all with a generated clientmsgid and returns it', async () => {
      const result = await messages.massSendToAll({ type: 'mpnews', mediaId: 'MPNEWS_ID' }, { sendIgnoreReprint: true });
      expect(result).toMatchObject({ msg_id: expect.any(Number), msg_data_id: expect.any(Number), clientmsgid: expect.stringMatching(/^[0-9a-f]{24}$/) });
      expect(sentOf('mass').at(-1)!.body).toEqual({
        filter: { is_to_all: true },
        msgtype: 'mpnews',
        mpnews: { media_id: 'MPNEWS_ID' },
        send_ignore_reprint: 1,
        clientmsgid: result.clientmsgid,
      });
    });

    it('sends to a tag, passing the caller\'s clientmsgid through', async () => {
      const tag = await new TagService(client).create('会员');
      const result = await messages.massSendToTag(tag.id, { type: 'text', content: '会员日' }, { clientMsgId: 'campaign-2024-05-01' });
      expect(result.clientmsgid).toBe('campaign-2024-05-01');
      expect(sentOf('mass').at(-1)!.body).toEqual({
        filter: { is_to_all: false, tag_id: tag.id },
        msgtype: 'text',
        text: { content: '会员日' },
        clientmsgid: 'campaign-2024-05-01',
      });
    });

    it('sends voice, video and cards to OpenIDs', async () => {
      const to = [USER, OTHER];
      await messages.massSendToOpenIds(to, { type: 'voice', mediaId: 'V1' });
      await messages.massSendToOpenIds(to, { type: 'mpvideo', mediaId: 'MV1' });
      await messages.massSendToOpenIds(to, { type: 'wxcard', cardId: 'C1' });
      const bodies = sentOf('mass').slice(-3).map((m) => m.body);
      expect(bodies.map((b) => b.touser)).toEqual([to, to, to]);
      expect(bodies.map(({ touser: _t, clientmsgid: _c, ...rest }) => rest)).toEqual([
        { msgtype: 'voice', voice: { media_id: 'V1' } },
        { msgtype: 'mpvideo', mpvideo: { media_id: 'MV1' } },
        { msgtype: 'wxcard', wxcard: { card_id: 'C1' } },
      ]);
    });

    it('puts images in the documented `images.media_ids` field', async () => {
      const to = [USER, OTHER];
      await messages.massSendToOpenIds(to, { type: 'images', mediaIds: ['I1', 'I2'], recommend: '推荐', needOpenComment: 1 });
      await messages.massSendToOpenIds(to, { type: 'image', mediaId: 'I3' });
      const bodies = calls('/cgi-bin/message/mass/send').map((r) => r.body as Record<string, unknown>);
      expect(bodies.map(({ touser: _t, clientmsgid: _c, ...rest }) => rest)).toEqual([
        { msgtype: 'image', images: { media_ids: ['I1', 'I2'], recommend: '推荐', need_open_comment: 1 } },
        { msgtype: 'image', images: { media_ids: ['I3'] } },
      ]);
    });

    it('a repeat of a mass send with the same clientMsgId cannot go out twice: WeChat answers 45065', async () => {
      const first = await messages.massSendToOpenIds([USER, OTHER], { type: 'text', content: 'exactly once' }, { clientMsgId: 'once-only-1' });
      expect(first.clientmsgid).toBe('once-only-1');
      const before = sentOf('mass').length;
      await expect(
        messages.massSendToOpenIds([USER, OTHER], { type: 'text', content: 'exactly once' }, { clientMsgId: 'once-only-1' }),
      ).rejects.toMatchObject({ code: 'WECHAT_API_ERROR', errcode: 45065 });
      expect(sentOf('mass')).toHaveLength(before);
    });

    it('previews to one user or WeChat ID, then deletes a send and reads its status', async () => {
      await messages.massPreview({ openId: USER }, { type: 'image', mediaId: 'I9' });
      await messages.massPreview({ wxName: 'some_wechat_id' }, { type: 'text', content: '预览' });
      const previews = sentOf('mass-preview').slice(-2).map((m) => m.body);
      expect(previews).toEqual([
        { touser: USER, msgtype: 'image', image: { media_id: 'I9' } },
        { towxname: 'some_wechat_id', msgtype: 'text', text: { content: '预览' } },
      ]);
      const sent = await messages.massSendToOpenIds([USER, OTHER], { type: 'text', content: 'to delete' });
      await expect(messages.massStatus(sent.msg_id)).resolves.toEqual({ msg_id: sent.msg_id, msg_status: 'SEND_SUCCESS' });
      await messages.massDelete(sent.msg_id, 0);
      await expect(messages.massStatus(sent.msg_id)).resolves.toMatchObject({ msg_status: 'DELETE' });
      expect(calls('/cgi-bin/message/mass/delete')[0].body).toEqual({ msg_id: sent.msg_id, article_idx: 0 });
    });

    it('a mass send met with errcode -1 is not sent again (the error surfaces; its clientmsgid guards a manual repeat)', async () => {
      emu.faults.inject({ path: '/cgi-bin/message/mass/send', kind: 'errcode', errcode: -1, times: 1 });
      await expect(messages.massSendToOpenIds([USER, OTHER], { type: 'text', content: 'busy' })).rejects.toMatchObject({ errcode: -1 });
      expect(calls('/cgi-bin/message/mass/send')).toHaveLength(1);
      emu.faults.clear();
    });

    it.each([
      ['one OpenID', () => messages.massSendToOpenIds([USER], { type: 'text', content: 'x' }), 'touser'],
      ['10001 OpenIDs', () => messages.massSendToOpenIds(Array.from({ length: 10_001 }, (_, i) => `o${i}`), { type: 'text', content: 'x' }), 'touser'],
      ['a 65-byte clientmsgid', () => messages.massSendToAll({ type: 'text', content: 'x' }, { clientMsgId: 'c'.repeat(65) }), 'clientmsgid'],
      ['21 images', () => messages.massSendToAll({ type: 'images', mediaIds: Array.from({ length: 21 }, (_, i) => `m${i}`) }), 'images.media_ids'],
      ['an empty text', () => messages.massSendToAll({ type: 'text', content: '' }), 'text.content'],
      ['a music message (not a mass type)', () => messages.massSendToAll({ type: 'music' } as never), 'msgtype'],
      ['a preview of several images', () => messages.massPreview({ openId: USER }, { type: 'images', mediaIds: ['a', 'b'] }), 'images'],
      ['a negative tag', () => messages.massSendToTag(-1, { type: 'text', content: 'x' }), 'filter.tag_id'],
      // The old hand-written checks passed these: `massDelete(undefined)` sent `{}`, `String(NaN)` was a "string".
      ['a delete without msg_id', () => messages.massDelete(undefined as unknown as number), 'msg_id'],
      ['a delete with msg_id NaN', () => messages.massDelete(Number.NaN), 'msg_id'],
      ['a delete of article 9', () => messages.massDelete(1000, 9), 'article_idx'],
      ['a status without msg_id', () => messages.massStatus(null as unknown as number), 'msg_id'],
      ['a preview to nobody', () => messages.massPreview({} as never, { type: 'text', content: 'x' }), 'touser'],
    ])('refuses %s before sending', async (_label, call, field) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatValidationError);
      expect((error as WechatValidationError).field).toBe(field);
      expect(emu.requests.filter((r) => r.path.startsWith('/cgi-bin/message/mass/'))).toHaveLength(0);
    });
  });
});
