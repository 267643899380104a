export type { OpenidPage } from '../openid-pages.js';

/**
 * Answer of `user/info` (and each entry of `batchget`). `subscribe: 0`: not a follower, and nothing else is said.
 * Nickname and avatar are no longer returned here (since 2021-12-27); OAuth `snsapi_userinfo` gives them.
 */
export interface UserInfo {
  subscribe: 0 | 1;
  openid: string;
  language?: string;
  /** Unix seconds of the (last) subscribe. */
  subscribe_time?: number;
  /** Only when the account is bound to an open platform account. */
  unionid?: string;
  remark?: string;
  groupid?: number;
  tagid_list?: number[];
  /** How the user subscribed, e.g. `ADD_SCENE_QR_CODE`, `ADD_SCENE_SEARCH`. */
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}

/** A tag; `count` (its followers) in `tags/get` answers. */
export interface UserTag {
  id: number;
  name: string;
  count?: number;
}

/** One entry of the `changeopenid` answer; `err_msg` is `ok` or why that OpenID was not converted. */
export interface ChangedOpenid {
  ori_openid: string;
  new_openid?: string;
  err_msg: string;
}
