import { BUILDER_DEFAULTS } from '../message/message-builders.js';
import type { EmulatorFollower } from './follower-seed.js';

/** One 公众号 the emulator knows. */
export interface EmulatorAccount {
  /** AppID, e.g. `wx1234567890abcdef`. */
  appId: string;
  /** AppSecret the token endpoints expect. */
  appSecret: string;
  /** 服务器配置 Token: needed to sign pushes to your endpoint. */
  token?: string;
  /** EncodingAESKey (43 characters): needed for compatible and safe mode pushes. */
  encodingAESKey?: string;
}

/** An approved template, as `template/get_all_private_template` lists it. */
export interface EmulatorTemplate {
  templateId: string;
  title?: string;
  content?: string;
  example?: string;
  primaryIndustry?: string;
  deputyIndustry?: string;
}

export interface EmulatorStartOptions extends EmulatorAccount {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** More accounts; each AppID must be unique. */
  accounts?: EmulatorAccount[];
  /**
   * Daily quota per API path, overriding the documented defaults (`{ '/cgi-bin/token': 5 }`).
   * `null` removes the limit.
   */
  quotas?: Record<string, number | null>;
  /** Caller IPs allowed to fetch tokens (WeChat's IP whitelist); unset = any. A caller outside gets 40164. */
  ipWhitelist?: string[];
  /**
   * OpenIDs following every account from the start, as if each had just messaged it (so customer-service sends
   * work for 48 h of emulator time), with their subscribe time, remark and tags when given as objects. Pushing a
   * message from a user also makes them a follower; an `unsubscribe` push removes them.
   */
  followers?: (string | EmulatorFollower)[];
  /** Templates every account has, for `message/template/send`. */
  templates?: EmulatorTemplate[];
}


/** The follower every account has: the `FromUserName` that `buildMessage` / `buildEvent` fill in by default. */
export const EMULATOR_DEFAULT_OPENID: string = BUILDER_DEFAULTS.FromUserName;
