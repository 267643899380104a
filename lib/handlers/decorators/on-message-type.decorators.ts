import type { MessageType } from '../../message/message-types.js';
import { createHandlerDecorator } from './handler-decorator.factory.js';

/** Decorators that claim every message of one `MsgType`; one line each. Text has `@OnText()`. */
const messageTypeDecorator = (name: string, msgType: Exclude<MessageType, 'text'>) => (): MethodDecorator =>
  createHandlerDecorator(name, { kind: 'message', msgType });

/** Handles image messages (`MsgType` `image`). */
export const OnImage = messageTypeDecorator('OnImage', 'image');
/** Handles voice messages (`MsgType` `voice`). */
export const OnVoice = messageTypeDecorator('OnVoice', 'voice');
/** Handles video messages (`MsgType` `video`). */
export const OnVideo = messageTypeDecorator('OnVideo', 'video');
/** Handles short-video messages (`MsgType` `shortvideo`). */
export const OnShortVideo = messageTypeDecorator('OnShortVideo', 'shortvideo');
/** Handles location messages (`MsgType` `location`; the LOCATION *event* is `@OnEvent('LOCATION')`). */
export const OnLocation = messageTypeDecorator('OnLocation', 'location');
/** Handles link messages (`MsgType` `link`). */
export const OnLink = messageTypeDecorator('OnLink', 'link');
/** Handles file messages (`MsgType` `file`). */
export const OnFile = messageTypeDecorator('OnFile', 'file');
