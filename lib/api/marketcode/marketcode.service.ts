import type { WechatApiClient } from '../wechat-api.client.js';
import type { CodeActiveDto, CodeActiveQueryDto } from './marketcode.dto.js';
import { MARKETCODE_ENDPOINTS as E } from './marketcode.endpoints.js';
import type { ApplicationQuery, CodeActivation, TicketCode } from './marketcode.types.js';

/** 一物一码: apply for code batches, download and activate them, and turn a scan's CODE_TICKET into its code. */
export class MarketcodeService {
  constructor(private readonly client: WechatApiClient) {}

  /** 申请二维码: `count` is 10,000 to 20,000,000 in steps of 10,000; the same `isvApplicationId` is the same order. */
  async apply(count: number, isvApplicationId: string): Promise<number> {
    return (await this.client.call(E.marketcodeApply, { code_count: count, isv_application_id: isvApplicationId })).application_id;
  }

  /** 查询二维码申请单, by WeChat's id or by yours. */
  query(by: { applicationId: number } | { isvApplicationId: string }): Promise<ApplicationQuery> {
    return this.client.call(E.marketcodeApplyQuery, 'applicationId' in by ? { application_id: by.applicationId } : { isv_application_id: by.isvApplicationId });
  }

  /** 下载二维码包: the base64 package of one generated range (its content is encrypted by WeChat). */
  async download(applicationId: number, codeStart: number, codeEnd: number): Promise<string> {
    return (await this.client.call(E.marketcodeDownload, { application_id: applicationId, code_start: codeStart, code_end: codeEnd })).buffer;
  }

  /** 激活二维码: binds a range to an activity and the mini program page it opens. */
  async activate(input: CodeActiveDto): Promise<void> {
    await this.client.call(E.marketcodeActivate, input);
  }

  /** 查询二维码激活状态. */
  activeQuery(input: CodeActiveQueryDto): Promise<CodeActivation> {
    return this.client.call(E.marketcodeActiveQuery, input);
  }

  /** CODE_TICKET换CODE: the code a user scanned, from the ticket the mini program received. */
  ticketToCode(openid: string, codeTicket: string): Promise<TicketCode> {
    return this.client.call(E.marketcodeTicketToCode, { openid, code_ticket: codeTicket });
  }
}
