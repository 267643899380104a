import { endpoint } from '../endpoint.js';
import { BlockedTemplateQueryDto } from './template-block.dto.js';
import type { BlockedTemplateAnswer } from './template-block.types.js';

/** Template messages the platform blocked (模板消息拦截). */
export const TEMPLATE_BLOCK_ENDPOINTS = {
  templateQueryBlocked: endpoint<BlockedTemplateAnswer>()({
    title: '查询拦截的模板消息', method: 'POST', path: '/wxa/sec/queryblocktmplmsg', kind: 'read', request: BlockedTemplateQueryDto,
    response: 'json', expect: ['msginfo'], doc: 'https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg',
  }),
} as const;
