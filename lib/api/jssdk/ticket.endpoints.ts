import { endpoint } from '../endpoint.js';
import { TicketQueryDto } from './jssdk.dto.js';
import type { TicketResult } from './jssdk.types.js';

/** The ticket row on its own: the client performs it for the credential manager (and imports nothing higher). */
export const TICKET_ENDPOINTS = {
  /** Limited daily quota, so the credential manager caches the ticket; repeating a fetch changes nothing: `read`. */
  getTicket: endpoint<TicketResult>()({
    title: '获取 jsapi_ticket', method: 'GET', path: '/cgi-bin/ticket/getticket', kind: 'read', request: TicketQueryDto,
    response: 'json', expect: ['ticket', 'expires_in'],
    doc: 'https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html',
  }),
} as const;
