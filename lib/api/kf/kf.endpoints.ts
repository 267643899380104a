import { endpoint } from '../endpoint.js';
import { KfAccountDto, KfAccountRefDto, KfHeadImageDto, KfInviteDto, KfMsgRecordQueryDto, KfOpenidDto, KfSessionDto } from './kf.dto.js';
import type { KfAccountInfo, KfChatRecordPage, KfOnlineInfo, KfSessionEntry, KfSessionState, KfWaitCases } from './kf.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/customer';

/** 客服管理: customer-service accounts, sessions and chat records. */
export const KF_ENDPOINTS = {
  kfList: endpoint<{ kf_list: KfAccountInfo[] }>()({
    title: '获取所有客服账号', method: 'GET', path: '/cgi-bin/customservice/getkflist', kind: 'read', response: 'json',
    expect: ['kf_list'], doc: `${DOC}/servicermanage/api_getkflist`,
  }),
  kfOnlineList: endpoint<{ kf_online_list: KfOnlineInfo[] }>()({
    title: '获取在线客服列表', method: 'GET', path: '/cgi-bin/customservice/getonlinekflist', kind: 'read', response: 'json',
    expect: ['kf_online_list'], doc: 'https://developers.weixin.qq.com/doc/service/Customer_Service/Customer_Service_Management.html',
  }),
  kfAccountAdd: endpoint()({
    title: '添加客服账号', method: 'POST', path: '/customservice/kfaccount/add', kind: 'send', request: KfAccountDto,
    response: 'json', doc: `${DOC}/servicermanage/api_addkfaccount`,
  }),
  /** Sets the nickname: a repeat changes nothing. */
  kfAccountUpdate: endpoint()({
    title: '修改客服账号', method: 'POST', path: '/customservice/kfaccount/update', kind: 'read', request: KfAccountDto,
    response: 'json', doc: `${DOC}/servicermanage/api_updatekfaccount`,
  }),
  kfAccountDelete: endpoint()({
    title: '删除客服账号', method: 'POST', path: '/customservice/kfaccount/del', kind: 'send', request: KfAccountRefDto,
    response: 'json', doc: `${DOC}/servicermanage/api_delkfaccount`,
  }),
  kfAccountUploadHeadImg: endpoint()({
    title: '设置客服头像', method: 'POST', path: '/customservice/kfaccount/uploadheadimg', kind: 'read', body: 'multipart',
    request: KfHeadImageDto, query: ['kf_account'], file: 'media', response: 'json', doc: `${DOC}/servicermanage/api_uploadkfheadimg`,
  }),
  kfAccountInviteWorker: endpoint()({
    title: '邀请绑定客服账号', method: 'POST', path: '/customservice/kfaccount/inviteworker', kind: 'send', request: KfInviteDto,
    response: 'json', doc: `${DOC}/servicermanage/api_invitekfworker`,
  }),
  /** Creating an existing session answers 0 ("如果该客服和用户会话已存在，则直接返回0"): safe to repeat. */
  kfSessionCreate: endpoint()({
    title: '创建会话', method: 'POST', path: '/customservice/kfsession/create', kind: 'read', request: KfSessionDto,
    response: 'json', doc: `${DOC}/messctrl/api_createkfsession`,
  }),
  kfSessionClose: endpoint()({
    title: '关闭会话', method: 'POST', path: '/customservice/kfsession/close', kind: 'send', request: KfSessionDto,
    response: 'json', doc: `${DOC}/messctrl/api_closesession`,
  }),
  kfSessionGet: endpoint<KfSessionState>()({
    title: '获取客户会话状态', method: 'GET', path: '/customservice/kfsession/getsession', kind: 'read', request: KfOpenidDto,
    response: 'json', expect: ['kf_account'], doc: `${DOC}/messctrl/api_getkfsession`,
  }),
  kfSessionList: endpoint<{ sessionlist: KfSessionEntry[] }>()({
    title: '获取客服会话列表', method: 'GET', path: '/customservice/kfsession/getsessionlist', kind: 'read',
    request: KfAccountRefDto, response: 'json', expect: ['sessionlist'], doc: `${DOC}/messctrl/api_getkfsessionlist`,
  }),
  kfSessionWaitCase: endpoint<KfWaitCases>()({
    title: '获取未接入会话列表', method: 'GET', path: '/customservice/kfsession/getwaitcase', kind: 'read', response: 'json',
    expect: ['waitcaselist'], doc: 'https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html',
  }),
  kfMsgList: endpoint<KfChatRecordPage>()({
    title: '获取聊天记录', method: 'POST', path: '/customservice/msgrecord/getmsglist', kind: 'read', request: KfMsgRecordQueryDto,
    response: 'json', expect: ['recordlist'], doc: `${DOC}/message/api_getmsglist`,
  }),
} as const;
