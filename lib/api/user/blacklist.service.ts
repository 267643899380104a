import { batchBodies } from '../batching.js';
import { iterateOpenids, type OpenidPage } from '../openid-pages.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { BlacklistMembersDto, USER_LIMITS } from './user.dto.js';
import { USER_ENDPOINTS as E } from './user.endpoints.js';

/** The account's blacklist (黑名单管理): blocked users get no messages and cannot message the account. */
export class BlacklistService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取黑名单列表: one page after `beginOpenid`. */
  list(beginOpenid?: string): Promise<OpenidPage> {
    return this.client.call(E.blacklistGet, beginOpenid ? { begin_openid: beginOpenid } : {});
  }

  /** 获取黑名单列表, every page: `for await (const openid of blacklist.iterate())`. */
  iterate(): AsyncGenerator<string, void, undefined> {
    return iterateOpenids((next) => this.list(next));
  }

  /** 拉黑用户: any number of users, 20 per call. */
  async add(openids: readonly string[]): Promise<void> {
    for (const body of this.bodies(openids)) await this.client.call(E.blacklistAdd, body);
  }

  /** 取消拉黑用户: any number of users, 20 per call. */
  async remove(openids: readonly string[]): Promise<void> {
    for (const body of this.bodies(openids)) await this.client.call(E.blacklistRemove, body);
  }

  private bodies(openids: readonly string[]): BlacklistMembersDto[] {
    return batchBodies(BlacklistMembersDto, openids, USER_LIMITS.blacklist, 'openid_list', (chunk) => ({ openid_list: chunk }));
  }
}
