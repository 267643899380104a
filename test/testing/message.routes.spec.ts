import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const USER = EMULATOR_DEFAULT_OPENID;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

describe('emulator: customer-service, template and mass messages', () => {
  let emu: WechatEmulator;
  let token: string;
  let imageId: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, templates: [{ templateId: 'TPL_ORDER', title: 'Order shipped' }] });
    token = await fetchToken(emu);
    const form = new FormData();
    form.append('media', new Blob([JPEG]), 'a.jpg');
    imageId = (await call(emu, 'POST', '/cgi-bin/media/upload', { token, query: { type: 'image' }, form })).json.media_id;
  });
  afterEach(() => emu.stop());

  const post = (path: string, json: unknown) => call(emu, 'POST', path, { token, json });
  const kf = (msgtype: string, part: unknown, touser = USER) => post('/cgi-bin/message/custom/send', { touser, msgtype, [msgtype]: part });

  describe('message/custom/send', () => {
    it.each([
      ['text', { content: 'Hello World' }],
      ['image', 'IMAGE'],
      ['voice', 'IMAGE'],
      ['video', 'VIDEO'],
      ['music', { title: 't', description: 'd', musicurl: 'http://m.cn/a.mp3', hqmusicurl: 'http://m.cn/a.mp3', thumb_media_id: 'T' }],
      ['news', { articles: [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'http://a.cn', picurl: 'http://a.cn/p.jpg' }] }],
      ['mpnews', { media_id: 'MEDIA_ID' }],
      ['mpnewsarticle', { article_id: 'ARTICLE_ID' }],
      ['msgmenu', { head_content: '您对本次服务是否满意呢? ', list: [{ id: '101', content: '满意' }], tail_content: '欢迎再次光临' }],
      ['wxcard', { card_id: '123dsdajkasd231jhksad' }],
      ['miniprogrampage', { title: 'title', appid: 'appid', pagepath: 'pagepath', thumb_media_id: 'thumb_media_id' }],
    ])('sends %s and records it', async (msgtype, part) => {
      const body = part === 'IMAGE' ? { media_id: imageId } : part === 'VIDEO' ? { media_id: imageId, thumb_media_id: imageId, title: 't' } : part;
      expect((await kf(msgtype, body)).json).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(emu.sentMessages()).toEqual([{ kind: 'custom', at: expect.any(Number), to: USER, msgtype, body: { touser: USER, msgtype, [msgtype]: body } }]);
    });

    it.each([
      ['unknown openid', () => kf('text', { content: 'x' }, 'oStranger'), 40003],
      ['unknown msgtype', () => kf('sticker', { id: 1 }), 40008],
      ['empty text', () => kf('text', { content: '' }), 44004],
      ['text without its part', () => post('/cgi-bin/message/custom/send', { touser: USER, msgtype: 'text' }), 44004],
      ['image with an unknown media_id', () => kf('image', { media_id: 'nope' }), 40007],
      ['news without articles', () => kf('news', { articles: [] }), 44003],
      ['news with 2 articles', () => kf('news', { articles: [{ title: 'a' }, { title: 'b' }] }), 45008],
      ['miniprogrampage without appid', () => kf('miniprogrampage', { title: 't', pagepath: 'p', thumb_media_id: 'x' }), 40097],
    ])('refuses %s', async (_name, send, errcode) => {
      expectError(await send(), errcode);
      expect(emu.sentMessages()).toEqual([]);
    });

    it('needs an interaction in the last 48 h (45015); a push or addFollower renews it', async () => {
      emu.clock.advance(48 * 3600 + 1);
      token = await fetchToken(emu);
      expectError(await kf('text', { content: 'late' }), 45015, 'response out of time limit or subscription is canceled');
      emu.addFollower(USER);
      expect((await kf('text', { content: 'now' })).json.errcode).toBe(0);
    });

    it('typing: Typing/CancelTyping within 30 s of the last message; 45072 bad command; 45080 too late', async () => {
      expect((await post('/cgi-bin/message/custom/typing', { touser: USER, command: 'Typing' })).json.errcode).toBe(0);
      expect(emu.sentMessages()[0]).toMatchObject({ kind: 'typing', to: USER, body: { command: 'Typing' } });
      expectError(await post('/cgi-bin/message/custom/typing', { touser: USER, command: 'typing' }), 45072);
      emu.clock.advance(31);
      expectError(await post('/cgi-bin/message/custom/typing', { touser: USER, command: 'CancelTyping' }), 45080);
    });
  });

  describe('template messages', () => {
    it('sends to a follower with a known template and returns a msgid', async () => {
      const res = await post('/cgi-bin/message/template/send', { touser: USER, template_id: 'TPL_ORDER', url: 'http://weixin.qq.com/download', data: { keyword1: { value: '巧克力' } } });
      expect(res.json).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
      expect(emu.sentMessages()).toEqual([expect.objectContaining({ kind: 'template', to: USER, msgId: res.json.msgid })]);
    });

    it('client_msg_id sends once within 10 minutes', async () => {
      const body = { touser: USER, template_id: 'TPL_ORDER', data: {}, client_msg_id: 'order-1' };
      const first = await post('/cgi-bin/message/template/send', body);
      const again = await post('/cgi-bin/message/template/send', body);
      expect(again.json.msgid).toBe(first.json.msgid);
      expect(emu.sentMessages()).toHaveLength(1);
      emu.clock.advance(600);
      token = await fetchToken(emu);
      expect((await post('/cgi-bin/message/template/send', body)).json.msgid).not.toBe(first.json.msgid);
    });

    it.each([
      [{ touser: USER, template_id: 'NOPE' }, 40037],
      [{ touser: 'oStranger', template_id: 'TPL_ORDER' }, 40003],
      [{ touser: USER, template_id: 'TPL_ORDER', data: 'x' }, 47001],
    ])('refuses %j with %i', async (body, errcode) => {
      expectError(await post('/cgi-bin/message/template/send', body), errcode);
    });

    it('admin: industry, add, list, delete', async () => {
      expect((await post('/cgi-bin/template/api_set_industry', { industry_id1: '1', industry_id2: '4' })).json.errcode).toBe(0);
      expect((await call(emu, 'GET', '/cgi-bin/template/get_industry', { token })).json).toEqual({
        primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
        secondary_industry: { first_class: 'IT科技', second_class: '电子技术' },
      });
      expectError(await post('/cgi-bin/template/api_set_industry', { industry_id1: 'x', industry_id2: '4' }), 40097);
      const added = await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015', keyword_name_list: ['物品名称', '数量'] });
      expect(added.json).toEqual({ errcode: 0, errmsg: 'ok', template_id: expect.any(String) });
      const list = (await call(emu, 'GET', '/cgi-bin/template/get_all_private_template', { token })).json.template_list;
      expect(list.map((t: { template_id: string }) => t.template_id)).toEqual(['TPL_ORDER', added.json.template_id]);
      expect((await post('/cgi-bin/template/del_private_template', { template_id: 'TPL_ORDER' })).json.errcode).toBe(0);
      expectError(await post('/cgi-bin/template/del_private_template', { template_id: 'TPL_ORDER' }), 40037);
      expectError(await post('/cgi-bin/template/api_add_template', {}), 40037);
    });
  });

  describe('mass messages', () => {
    it('sendall to everyone or a tag, then get and delete', async () => {
      const all = await post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'CONTENT' } });
      expect(all.json).toEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: expect.any(Number) });
      const tagged = await post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: false, tag_id: 2 }, msgtype: 'mpnews', mpnews: { media_id: 'M' }, send_ignore_reprint: 0 });
      expect(tagged.json.msg_data_id).toEqual(expect.any(Number));
      expect(emu.sentMessages().map((m) => m.to)).toEqual(['all', 'tag:2']);
      expect((await post('/cgi-bin/message/mass/get', { msg_id: all.json.msg_id })).json).toEqual({ msg_id: all.json.msg_id, msg_status: 'SEND_SUCCESS' });
      expect((await post('/cgi-bin/message/mass/delete', { msg_id: all.json.msg_id, article_idx: 0 })).json.errcode).toBe(0);
      expect((await post('/cgi-bin/message/mass/get', { msg_id: all.json.msg_id })).json.msg_status).toBe('DELETE');
    });

    it('refuses a repeated clientmsgid within 24 hours with 45065 and the first msg_id, like WeChat', async () => {
      const body = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'once' }, clientmsgid: 'campaign-1' };
      const first = await post('/cgi-bin/message/mass/sendall', body);
      expect(first.json.errcode).toBe(0);
      const again = await post('/cgi-bin/message/mass/sendall', { ...body, text: { content: 'changed' } });
      expect(again.json).toMatchObject({ errcode: 45065, errmsg: 'clientmsgid exist', msg_id: first.json.msg_id });
      // Without a clientmsgid WeChat derives one from the scope and the content.
      const plain = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'twice?' } };
      expect((await post('/cgi-bin/message/mass/sendall', plain)).json.errcode).toBe(0);
      expect((await post('/cgi-bin/message/mass/sendall', plain)).json.errcode).toBe(45065);
      emu.clock.advance(24 * 3600 + 1);
      token = await fetchToken(emu); // the old one expired with the day
      expect((await post('/cgi-bin/message/mass/sendall', body)).json.errcode).toBe(0);
    });

    it('send by OpenID list needs 2 to 10000 OpenIDs', async () => {
      const ok = await post('/cgi-bin/message/mass/send', { touser: ['o1', 'o2'], msgtype: 'image', images: { media_ids: [imageId] } });
      expect(ok.json.errcode).toBe(0);
      expect(emu.sentMessages()[0].to).toEqual(['o1', 'o2']);
      expectError(await post('/cgi-bin/message/mass/send', { touser: ['o1'], msgtype: 'text', text: { content: 'x' } }), 40130);
    });

    it('preview to a follower or a WeChat id', async () => {
      const res = await post('/cgi-bin/message/mass/preview', { touser: USER, msgtype: 'text', text: { content: 'x' } });
      expect(res.json).toEqual({ errcode: 0, errmsg: 'preview success', msg_id: expect.any(Number) });
      expect((await post('/cgi-bin/message/mass/preview', { towxname: 'someone', msgtype: 'wxcard', wxcard: { card_id: 'c' } })).json.errcode).toBe(0);
      expect(emu.sentMessages().map((m) => m.kind)).toEqual(['mass-preview', 'mass-preview']);
      expectError(await post('/cgi-bin/message/mass/preview', { touser: 'oStranger', msgtype: 'text', text: { content: 'x' } }), 40003);
    });

    it.each([
      ['unknown tag', { filter: { is_to_all: false, tag_id: 999 }, msgtype: 'text', text: { content: 'x' } }, 45159],
      ['no filter', { msgtype: 'text', text: { content: 'x' } }, 40097],
      ['unknown msgtype', { filter: { is_to_all: true }, msgtype: 'music', music: {} }, 40008],
      ['empty text', { filter: { is_to_all: true }, msgtype: 'text', text: { content: '' } }, 44004],
      ['voice without media', { filter: { is_to_all: true }, msgtype: 'voice', voice: {} }, 40007],
    ])('sendall refuses %s with %i', async (_name, body, errcode) => {
      expectError(await post('/cgi-bin/message/mass/sendall', body), errcode);
    });

    it('get/delete an unknown msg_id answer 40097', async () => {
      expectError(await post('/cgi-bin/message/mass/get', { msg_id: 1 }), 40097);
      expectError(await post('/cgi-bin/message/mass/delete', { msg_id: 1 }), 40097);
    });
  });
});
