import { createHandlerDecorator } from './handler-decorator.factory.js';

/** The fallback: handles any message or event no other handler claims, including types this version does not know. */
export function OnMessage(): MethodDecorator {
  return createHandlerDecorator('OnMessage', { kind: 'fallback' });
}
