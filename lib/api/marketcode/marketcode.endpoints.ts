import { endpoint } from '../endpoint.js';
import { ApplyCodeDto, ApplyCodeQueryDto, CodeActiveDto, CodeActiveQueryDto, CodeRangeDto, TicketToCodeDto } from './marketcode.dto.js';
import type { ApplicationQuery, CodeActivation, CodePackage, TicketCode } from './marketcode.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/onecode';

/** 一物一码 (`/intp/marketcode/*`). */
export const MARKETCODE_ENDPOINTS = {
  /** "相同isv_application_id视为同一申请单": repeating it creates nothing new, so `read`. */
  marketcodeApply: endpoint<{ application_id: number }>()({
    title: '申请二维码', method: 'POST', path: '/intp/marketcode/applycode', kind: 'read', request: ApplyCodeDto,
    response: 'json', expect: ['application_id'], doc: `${DOC}/api_intp_marketcode_applycode`,
  }),
  marketcodeApplyQuery: endpoint<ApplicationQuery>()({
    title: '查询二维码申请单', method: 'POST', path: '/intp/marketcode/applycodequery', kind: 'read', request: ApplyCodeQueryDto,
    response: 'json', expect: ['status'], doc: `${DOC}/api_intp_marketcode_applycodequery`,
  }),
  marketcodeDownload: endpoint<CodePackage>()({
    title: '下载二维码包', method: 'POST', path: '/intp/marketcode/applycodedownload', kind: 'read', request: CodeRangeDto,
    response: 'json', expect: ['buffer'], doc: `${DOC}/api_intp_marketcode_applycodedownload`,
  }),
  marketcodeActivate: endpoint()({
    title: '激活二维码', method: 'POST', path: '/intp/marketcode/codeactive', kind: 'read', request: CodeActiveDto,
    response: 'json', doc: `${DOC}/api_intp_marketcode_codeactive`,
  }),
  marketcodeActiveQuery: endpoint<CodeActivation>()({
    title: '查询二维码激活状态', method: 'POST', path: '/intp/marketcode/codeactivequery', kind: 'read', request: CodeActiveQueryDto,
    response: 'json', doc: `${DOC}/api_intp_marketcode_codeactivequery`,
  }),
  marketcodeTicketToCode: endpoint<TicketCode>()({
    title: 'CODE_TICKET换CODE', method: 'POST', path: '/intp/marketcode/tickettocode', kind: 'read', request: TicketToCodeDto,
    response: 'json', expect: ['code'], doc: `${DOC}/api_intp_marketcode_tickettocode`,
  }),
} as const;
