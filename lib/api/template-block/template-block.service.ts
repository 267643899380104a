import type { WechatApiClient } from '../wechat-api.client.js';
import { TEMPLATE_BLOCK_LIMITS } from './template-block.dto.js';
import { TEMPLATE_BLOCK_ENDPOINTS as E } from './template-block.endpoints.js';
import type { BlockedTemplateMessage } from './template-block.types.js';

/** Template messages the platform blocked: why a send never reached the follower. */
export class TemplateBlockService {
  constructor(private readonly client: WechatApiClient) {}

  /** 查询拦截的模板消息: one page (at most 100) of the records after `largestId`. */
  async queryBlocked(tmplMsgId: string, page: { largestId?: number; limit?: number } = {}): Promise<BlockedTemplateMessage[]> {
    const answer = await this.client.call(E.templateQueryBlocked, {
      tmpl_msg_id: tmplMsgId,
      largest_id: page.largestId ?? 0,
      limit: page.limit ?? TEMPLATE_BLOCK_LIMITS.maxPageSize,
    });
    return Array.isArray(answer.msginfo) ? answer.msginfo : [answer.msginfo];
  }

  /** 查询拦截的模板消息: every record, page by page. */
  async *iterateBlocked(tmplMsgId: string, pageSize: number = TEMPLATE_BLOCK_LIMITS.maxPageSize): AsyncGenerator<BlockedTemplateMessage> {
    for (let largestId = 0; ; ) {
      const page = await this.queryBlocked(tmplMsgId, { largestId, limit: pageSize });
      yield* page;
      if (page.length < pageSize) return;
      largestId = Math.max(...page.map((m) => Number(m.id)));
    }
  }
}
