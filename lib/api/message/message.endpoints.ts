import { endpoint } from '../endpoint.js';
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
} from './message.dto.js';
import type { MassSendAnswer, MassStatus, PrivateTemplate, TemplateIndustry } from './message.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management';
const TEMPLATE_DOC = `${DOC}/Template_Message_Interface.html`;
const MASS_DOC = `${DOC}/Batch_Sends_and_Originality_Checks.html`;

/** Customer-service, template and mass messages, and the template admin. */
export const MESSAGE_ENDPOINTS = {
  customSend: endpoint()({
    title: '发送客服消息', method: 'POST', path: '/cgi-bin/message/custom/send', kind: 'send', request: CustomSendDto,
    response: 'json', doc: `${DOC}/Service_Center_messages.html`,
  }),
  customTyping: endpoint()({
    title: '客服输入状态', method: 'POST', path: '/cgi-bin/message/custom/typing', kind: 'read', request: CustomTypingDto,
    response: 'json', doc: `${DOC}/Service_Center_messages.html`,
  }),

  templateSend: endpoint<{ msgid: number }>()({
    title: '发送模板消息', method: 'POST', path: '/cgi-bin/message/template/send', kind: 'send', request: TemplateSendDto,
    response: 'json', expect: ['msgid'], doc: TEMPLATE_DOC,
  }),
  /** Changeable once a month. */
  templateSetIndustry: endpoint()({
    title: '设置所属行业', method: 'POST', path: '/cgi-bin/template/api_set_industry', kind: 'send', request: SetIndustryDto,
    response: 'json', doc: TEMPLATE_DOC,
  }),
  templateGetIndustry: endpoint<TemplateIndustry>()({
    title: '获取设置的行业信息', method: 'GET', path: '/cgi-bin/template/get_industry', kind: 'read', response: 'json',
    doc: TEMPLATE_DOC,
  }),
  templateAdd: endpoint<{ template_id: string }>()({
    title: '获得模板ID', method: 'POST', path: '/cgi-bin/template/api_add_template', kind: 'send', request: AddTemplateDto,
    response: 'json', expect: ['template_id'], doc: TEMPLATE_DOC,
  }),
  templateList: endpoint<{ template_list?: PrivateTemplate[] }>()({
    title: '获取模板列表', method: 'GET', path: '/cgi-bin/template/get_all_private_template', kind: 'read', response: 'json',
    doc: TEMPLATE_DOC,
  }),
  templateDelete: endpoint()({
    title: '删除模板', method: 'POST', path: '/cgi-bin/template/del_private_template', kind: 'send', request: TemplateIdDto,
    response: 'json', doc: TEMPLATE_DOC,
  }),

  massSendAll: endpoint<MassSendAnswer>()({
    title: '根据标签进行群发', method: 'POST', path: '/cgi-bin/message/mass/sendall', kind: 'send', request: MassSendAllDto,
    response: 'json', expect: ['msg_id'], doc: MASS_DOC,
  }),
  massSend: endpoint<MassSendAnswer>()({
    title: '根据OpenID列表群发', method: 'POST', path: '/cgi-bin/message/mass/send', kind: 'send', request: MassSendDto,
    response: 'json', expect: ['msg_id'], doc: MASS_DOC,
  }),
  massPreview: endpoint()({
    title: '预览接口', method: 'POST', path: '/cgi-bin/message/mass/preview', kind: 'send', request: MassPreviewDto,
    response: 'json', doc: MASS_DOC,
  }),
  massDelete: endpoint()({
    title: '删除群发', method: 'POST', path: '/cgi-bin/message/mass/delete', kind: 'send', request: MassDeleteDto,
    response: 'json', doc: MASS_DOC,
  }),
  massGet: endpoint<MassStatus>()({
    title: '查询群发消息发送状态', method: 'POST', path: '/cgi-bin/message/mass/get', kind: 'read', request: MassGetDto,
    response: 'json', doc: MASS_DOC,
  }),
} as const;
