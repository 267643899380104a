import 'reflect-metadata';
import { validateDto } from '../../../lib/api/dto/validate-dto.js';
import type { DtoClass } from '../../../lib/api/endpoint.js';
import { MaterialBatchGetDto, MediaIdDto } from '../../../lib/api/material/material.dto.js';
import { MenuAddConditionalDto, MenuCreateDto, MenuDelConditionalDto, MenuTryMatchDto } from '../../../lib/api/menu/menu.dto.js';
import {
  AddTemplateDto,
  CustomSendDto,
  CustomTypingDto,
  MassDeleteDto,
  MassGetDto,
  MassPreviewDto,
  MassSendAllDto,
  MassSendDto,
  SetIndustryDto,
  TemplateIdDto,
  TemplateSendDto,
} from '../../../lib/api/message/message.dto.js';
import { PermanentQrcodeCreateDto, TemporaryQrcodeCreateDto } from '../../../lib/api/qrcode/qrcode.dto.js';
import {
  BlacklistMembersDto,
  BlacklistQueryDto,
  ChangeOpenidDto,
  TagCreateDto,
  TagDeleteDto,
  TagMembersDto,
  TagUpdateDto,
  TagUsersQueryDto,
  UpdateRemarkDto,
  UserBatchGetDto,
  UserInfoQueryDto,
  UserTagsQueryDto,
} from '../../../lib/api/user/user.dto.js';

/**
 * The request examples of the official doc pages, as printed there: each DTO mirrors its wire body, so an example
 * copied from the docs validates as it is (and a misspelt field name would not).
 */
const EXAMPLES: [string, DtoClass, object][] = [
  ['menu/create', MenuCreateDto, {
    button: [
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
      {
        name: '菜单',
        sub_button: [
          { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
          { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
          { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
        ],
      },
    ],
  }],
  ['menu/addconditional', MenuAddConditionalDto, {
    button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }],
    matchrule: { tag_id: '2', sex: '1', country: '中国', province: '广东', city: '广州', client_platform_type: '2', language: 'zh_CN' },
  }],
  ['menu/delconditional', MenuDelConditionalDto, { menuid: '208379533' }],
  ['menu/trymatch', MenuTryMatchDto, { user_id: 'weixin' }],
  ['qrcode/create (temporary)', TemporaryQrcodeCreateDto, { expire_seconds: 604800, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 123 } } }],
  ['qrcode/create (temporary, string)', TemporaryQrcodeCreateDto, { expire_seconds: 604800, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'test' } } }],
  ['qrcode/create (permanent)', PermanentQrcodeCreateDto, { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 123 } } }],
  ['qrcode/create (permanent, string)', PermanentQrcodeCreateDto, { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'test' } } }],
  ['material/get_material', MediaIdDto, { media_id: 'MEDIA_ID' }],
  ['material/batchget_material', MaterialBatchGetDto, { type: 'news', offset: 0, count: 20 }],
  ['message/custom/send (text)', CustomSendDto, { touser: 'OPENID', msgtype: 'text', text: { content: 'Hello World' } }],
  ['message/custom/send (news)', CustomSendDto, {
    touser: 'OPENID',
    msgtype: 'news',
    news: { articles: [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'URL', picurl: 'PIC_URL' }] },
  }],
  ['message/custom/send (msgmenu)', CustomSendDto, {
    touser: 'OPENID',
    msgtype: 'msgmenu',
    msgmenu: { head_content: '您对本次服务是否满意呢? ', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tail_content: '欢迎再次光临' },
  }],
  ['message/custom/send (as an agent)', CustomSendDto, {
    touser: 'OPENID', msgtype: 'text', text: { content: 'Hello World' }, customservice: { kf_account: 'test1@kftest' },
  }],
  ['message/custom/typing', CustomTypingDto, { touser: 'OPENID', command: 'Typing' }],
  ['message/template/send', TemplateSendDto, {
    touser: 'OPENID',
    template_id: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
    url: 'http://weixin.qq.com/download',
    miniprogram: { appid: 'xiaochengxuappid12345', pagepath: 'index?foo=bar' },
    client_msg_id: 'MSG_000001',
    data: { keyword1: { value: '巧克力' }, keyword2: { value: '39.8元' }, keyword3: { value: '2014年9月22日' } },
  }],
  ['template/api_set_industry', SetIndustryDto, { industry_id1: '1', industry_id2: '4' }],
  ['template/api_add_template', AddTemplateDto, { template_id_short: 'TM00015', keyword_name_list: ['物品名称', '购买时间'] }],
  ['template/del_private_template', TemplateIdDto, { template_id: 'Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE' }],
  ['message/mass/sendall', MassSendAllDto, {
    filter: { is_to_all: false, tag_id: 2 }, mpnews: { media_id: '123dsdajkasd231jhksad' }, msgtype: 'mpnews', send_ignore_reprint: 0,
  }],
  ['message/mass/sendall (images)', MassSendAllDto, {
    filter: { is_to_all: false, tag_id: 2 },
    images: { media_ids: ['aaa', 'bbb', 'ccc'], recommend: 'xxx', need_open_comment: 1, only_fans_can_comment: 0 },
    msgtype: 'image',
  }],
  ['message/mass/send', MassSendDto, { touser: ['OPENID1', 'OPENID2'], msgtype: 'text', text: { content: 'hello from boxer.' } }],
  ['message/mass/send (clientmsgid)', MassSendDto, {
    touser: ['OPENID1', 'OPENID2'], mpnews: { media_id: '123dsdajkasd231jhksad' }, msgtype: 'mpnews', send_ignore_reprint: 0, clientmsgid: 'send_tag_2',
  }],
  ['message/mass/preview', MassPreviewDto, { touser: 'OPENID', text: { content: 'CONTENT' }, msgtype: 'text' }],
  ['message/mass/preview (wxname)', MassPreviewDto, { towxname: '示例的微信号', mpnews: { media_id: '123dsdajkasd231jhksad' }, msgtype: 'mpnews' }],
  ['message/mass/delete', MassDeleteDto, { msg_id: 30124, article_idx: 2 }],
  ['message/mass/get', MassGetDto, { msg_id: '201053012' }],
  ['user/info (query)', UserInfoQueryDto, { openid: 'OPENID', lang: 'zh_CN' }],
  ['user/info/batchget', UserBatchGetDto, { user_list: [{ openid: 'otvxTs4dckWG7imySrJd6jSi0CWE', lang: 'zh_CN' }, { openid: 'otvxTs_JZ6SEiP0imdhpi50fuSZg', lang: 'zh_CN' }] }],
  ['user/info/updateremark', UpdateRemarkDto, { openid: 'oDF3iY9ffA-hqb2vVvbr7qxf6A0Q', remark: 'pangzi' }],
  ['tags/create', TagCreateDto, { tag: { name: '广东' } }],
  ['tags/update', TagUpdateDto, { tag: { id: 134, name: '广东人' } }],
  ['tags/delete', TagDeleteDto, { tag: { id: 134 } }],
  ['user/tag/get', TagUsersQueryDto, { tagid: 134, next_openid: '' }],
  ['tags/members/batchtagging', TagMembersDto, { openid_list: ['ocYxcuAEy30bX0NXmGn4ypqx3tI0', 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y'], tagid: 134 }],
  ['tags/getidlist', UserTagsQueryDto, { openid: 'ocYxcuBt0mRugKZ7tGAHPnUaOW7Y' }],
  ['tags/members/getblacklist', BlacklistQueryDto, { begin_openid: 'OPENID1' }],
  ['tags/members/batchblacklist', BlacklistMembersDto, { openid_list: ['OPENID1', 'OPENID2'] }],
  ['changeopenid', ChangeOpenidDto, { from_appid: 'gh_91ae50dfeb1c', openid_list: ['oEmYbwN-n24jxvk4Sox81qedINkQ'] }],
];

describe('request DTOs accept the docs\' own examples', () => {
  it.each(EXAMPLES)('%s', (_name, dto, example) => {
    expect(validateDto(dto, example)).toBe(example);
  });

  it.each([
    ['a misspelt field (tagid for tag_id in a filter)', MassSendAllDto, { filter: { is_to_all: false, tagid: 2 }, text: { content: 'x' }, msgtype: 'text' }, 'filter.tagid'],
    ['a template data entry without value', TemplateSendDto, { touser: 'o', template_id: 't', data: { first: { color: '#173177' } } }, 'data.first.value'],
    ['a third menu level', MenuCreateDto, { button: [{ name: 'A', sub_button: [{ name: 'B', type: 'click', key: 'k', sub_button: [{ name: 'C' }] }] }] }, 'button[0].sub_button[0].sub_button'],
  ] as [string, DtoClass, object, string][])('refuses %s, naming the field', (_label, dto, input, field) => {
    expect(() => validateDto(dto, input)).toThrow(expect.objectContaining({ field }));
  });
});
