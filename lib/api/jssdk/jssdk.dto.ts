import { IsIn, IsNotEmpty, IsString } from 'class-validator';

export const TICKET_TYPES = ['jsapi', 'wx_card'] as const;
/** `jsapi`: the JS-SDK's `wx.config`; `wx_card`: 卡券 (`wx.addCard` / `wx.chooseCard`). */
export type TicketType = (typeof TICKET_TYPES)[number];

/** `GET /cgi-bin/ticket/getticket` (获取 jsapi_ticket / 卡券 api_ticket). */
export class TicketQueryDto {
  @IsIn(TICKET_TYPES)
  type!: TicketType;
}

/** `GET /cgi-bin/media/get/jssdk` (获取高清语音素材): the `serverId` that `wx.uploadVoice` returned. */
export class JssdkMediaQueryDto {
  @IsString()
  @IsNotEmpty()
  media_id!: string;
}
