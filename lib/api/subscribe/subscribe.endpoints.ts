import { endpoint } from '../endpoint.js';
import {
  OneTimeSubscribeSendDto,
  PubTemplateKeywordsDto,
  PubTemplateTitlesDto,
  SubscribeSendDto,
  SubscribeTemplateAddDto,
  SubscribeTemplateIdDto,
} from './subscribe.dto.js';
import type {
  PubTemplateKeyword,
  PubTemplateTitlePage,
  SubscribeCategory,
  SubscribeTemplate,
  SubscribeTemplateAdded,
} from './subscribe.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html';
const ONE_TIME_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/One-time_subscription_info.html';

/** 订阅通知 (subscription notifications) and the older one-time subscribe message. */
export const SUBSCRIBE_ENDPOINTS = {
  subscribeSend: endpoint()({
    title: '发送订阅通知', method: 'POST', path: '/cgi-bin/message/subscribe/bizsend', kind: 'send', request: SubscribeSendDto,
    response: 'json', doc: DOC,
  }),
  subscribeTemplateAdd: endpoint<SubscribeTemplateAdded>()({
    title: '选用模板', method: 'POST', path: '/wxaapi/newtmpl/addtemplate', kind: 'send', request: SubscribeTemplateAddDto,
    response: 'json', expect: ['priTmplId'], doc: DOC,
  }),
  subscribeTemplateDelete: endpoint()({
    title: '删除模板', method: 'POST', path: '/wxaapi/newtmpl/deltemplate', kind: 'send', request: SubscribeTemplateIdDto,
    response: 'json', doc: DOC,
  }),
  subscribeCategories: endpoint<{ data: SubscribeCategory[] }>()({
    title: '获取公众号类目', method: 'GET', path: '/wxaapi/newtmpl/getcategory', kind: 'read', response: 'json',
    expect: ['data'], doc: DOC,
  }),
  subscribePubKeywords: endpoint<{ count?: number; data: PubTemplateKeyword[] }>()({
    title: '获取模板中的关键词', method: 'GET', path: '/wxaapi/newtmpl/getpubtemplatekeywords', kind: 'read',
    request: PubTemplateKeywordsDto, response: 'json', expect: ['data'], doc: DOC,
  }),
  subscribePubTitles: endpoint<PubTemplateTitlePage>()({
    title: '获取类目下的公共模板', method: 'GET', path: '/wxaapi/newtmpl/getpubtemplatetitles', kind: 'read',
    request: PubTemplateTitlesDto, response: 'json', expect: ['data'], doc: DOC,
  }),
  subscribeTemplates: endpoint<{ data: SubscribeTemplate[] }>()({
    title: '获取私有模板列表', method: 'GET', path: '/wxaapi/newtmpl/gettemplate', kind: 'read', response: 'json',
    expect: ['data'], doc: DOC,
  }),
  oneTimeSubscribeSend: endpoint()({
    title: '发送一次性订阅消息', method: 'POST', path: '/cgi-bin/message/template/subscribe', kind: 'send',
    request: OneTimeSubscribeSendDto, response: 'json', doc: ONE_TIME_DOC,
  }),
} as const;
