import type { WechatApiClient } from '../wechat-api.client.js';
import { QRCODE_JUMP_LIMITS } from './qrcode-jump.dto.js';
import { QRCODE_JUMP_ENDPOINTS as E } from './qrcode-jump.endpoints.js';
import type { QrcodeJumpRule, QrcodeJumpRules } from './qrcode-jump.types.js';

/** A 扫服务号二维码打开小程序 rule to add or edit. */
export interface QrcodeJumpRuleInput {
  /** The QR code's URL (the `url` `qrcode/create` answers, `http://weixin.qq.com/q/…`). */
  prefix: string;
  /** The mini program's AppID (it must be linked to the 服务号). */
  appid: string;
  /** The page, e.g. `pages/index/index`. */
  path: string;
}

/**
 * Rules that make a 服务号 QR code open a mini program (扫服务号二维码打开小程序): add a rule for a code's URL,
 * publish it, list and delete rules. The 服务号 must be 认证 and linked to the mini program.
 */
export class QrcodeJumpService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取已设置的二维码规则: the latest rules for `appid` (get_type 0), or those with the given prefixes (get_type 1). */
  getRules(appid: string, prefixes?: string[]): Promise<QrcodeJumpRules> {
    return this.client.call(E.qrcodeJumpGet, prefixes ? { appid, get_type: 1, prefix_list: prefixes } : { appid, get_type: 0 });
  }

  /** 获取已设置的二维码规则, one page (get_type 2; `pageNum` from 1, `pageSize` at most 200). */
  getRulePage(appid: string, pageNum: number, pageSize: number = QRCODE_JUMP_LIMITS.maxPageSize): Promise<QrcodeJumpRules> {
    return this.client.call(E.qrcodeJumpGet, { appid, get_type: 2, page_num: pageNum, page_size: pageSize });
  }

  /** Every rule for `appid`, page by page. */
  async *iterateRules(appid: string, pageSize: number = QRCODE_JUMP_LIMITS.maxPageSize): AsyncGenerator<QrcodeJumpRule> {
    for (let page = 1; ; page++) {
      const answer = await this.getRulePage(appid, page, pageSize);
      yield* answer.rule_list;
      if (answer.rule_list.length < pageSize || page * pageSize >= answer.total_count) return;
    }
  }

  /** 增加或修改二维码规则: adds a rule (85071 if the prefix already has one). */
  async addRule(rule: QrcodeJumpRuleInput): Promise<void> {
    await this.client.call(E.qrcodeJumpAdd, { ...rule, is_edit: 0 });
  }

  /** 增加或修改二维码规则: edits an unpublished rule. */
  async updateRule(rule: QrcodeJumpRuleInput): Promise<void> {
    await this.client.call(E.qrcodeJumpAdd, { ...rule, is_edit: 1 });
  }

  /** 发布已设置的二维码规则: the rule takes effect for every scanner (a monthly publish quota applies). */
  async publishRule(prefix: string): Promise<void> {
    await this.client.call(E.qrcodeJumpPublish, { prefix });
  }

  /** 删除已设置的二维码规则. */
  async deleteRule(prefix: string, appid: string): Promise<void> {
    await this.client.call(E.qrcodeJumpDelete, { prefix, appid });
  }
}
