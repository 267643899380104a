/**
 * What one handler decorator claims. Decorators append matchers to a method's metadata; the explorer reads
 * them at bootstrap and the registry builds the dispatch table from them.
 */
export type HandlerMatcher =
  /** `@OnText(pattern?)`: no pattern = any text; a string = the whole Content, exactly; a RegExp = `test()`. */
  | { kind: 'text'; pattern?: string | RegExp }
  /** `@OnImage()`, `@OnVoice()`, …: every message of one `MsgType` (not `event`). */
  | { kind: 'message'; msgType: string }
  /** `@OnEvent(name, key?)`, `@OnSubscribe()`, `@OnMenuClick(key)`, `@OnMenuView(url?)`: an event, optionally one EventKey. */
  | { kind: 'event'; event: string; key?: string }
  /** `@OnScan(scene?)`: SCAN events and subscribe events carrying `qrscene_`; scene compared without the prefix. */
  | { kind: 'scan'; scene?: string }
  /** `@OnMessage()`: anything no other handler claims. */
  | { kind: 'fallback' };
