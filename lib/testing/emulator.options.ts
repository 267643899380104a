import { BUILDER_DEFAULTS } from '../message/message-builders.js';
import type { EmulatorAppTarget } from './ui/ui-host.js';
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
  /**
   * Your endpoint (服务器地址(URL)): events the platform raises on its own (PUBLISHJOBFINISH, MASSSENDJOBFINISH,
   * subscribe_msg_*) are pushed there in plain mode. See `emulator.setCallback()` for other modes.
   */
  callbackUrl?: string;
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
  /**
   * The default account's 服务器配置: your app's callback URL (and push mode/format). The emulator's web page
   * (`emulator.pageUrl`) pushes the follower's messages there, and the platform's own events (PUBLISHJOBFINISH,
   * MASSSENDJOBFINISH, subscribe_msg_*, kf sessions) go there too. Can also be set later with
   * `emulator.connectApp()` / `emulator.setCallback()` or on the page itself.
   */
  app?: EmulatorAppTarget;
  /** How long a publish (freepublish/submit) or mass send runs before its *JOBFINISH event. Default 1000 ms. */
  jobDelayMs?: number;
}


/** The follower every account has: the `FromUserName` that `buildMessage` / `buildEvent` fill in by default. */
export const EMULATOR_DEFAULT_OPENID: string = BUILDER_DEFAULTS.FromUserName;
