import type { InboundMessage } from '../../message/message-types.js';
import type { AccountState } from '../emulator-state.js';
import type { PushFormat, PushMode, PushOptions, PushResult } from '../push/push-client.js';
import type { RecordedRequest } from '../request-log.js';
import type { TokenKind, TokenRecord } from '../token-ledger.js';

/** Where the page's pushes go: the app's callback URL as configured in 服务器配置. */
export interface EmulatorAppTarget {
  /** Your callback URL, e.g. `http://127.0.0.1:3000/wechat`. */
  url: string;
  /** 消息加解密方式. Default: `safe` when the account has an encodingAESKey, else `plain`. */
  mode?: PushMode;
  /** 数据格式. Default `xml`. */
  format?: PushFormat;
  /** How long WeChat waits for one delivery before retrying. Default 5000 ms. */
  timeoutMs?: number;
}

/** What the page may see and do of the emulator (the emulator implements it; the UI never imports the emulator). */
export interface UiHost {
  readonly baseUrl: string;
  readonly defaultAppId: string;
  accountIds(): readonly string[];
  account(appId: string): AccountState;
  now(): number;
  requests(): readonly RecordedRequest[];
  /** Called after every API call the emulator answered; returns the unsubscribe function. */
  onRequest(listener: (entry: RecordedRequest) => void): () => void;
  tokens(appId: string): Partial<Record<TokenKind, TokenRecord>>;
  push(appId: string, url: string, message: InboundMessage, options: PushOptions): Promise<PushResult>;
}
