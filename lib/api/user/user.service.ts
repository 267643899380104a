import { batchBodies } from '../batching.js';
import { iterateOpenids, type OpenidPage } from '../openid-pages.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { ChangeOpenidDto, USER_LIMITS, UserBatchGetDto, type UserLang } from './user.dto.js';
import { USER_ENDPOINTS as E } from './user.endpoints.js';
import type { ChangedOpenid, UserInfo } from './user.types.js';

/** Followers: their information, the follower list, remarks, and OpenID migration. */
export class UserService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取用户基本信息(UnionID). `subscribe: 0` when the user does not follow the account. */
  getInfo(openid: string, lang?: UserLang): Promise<UserInfo> {
    return this.client.call(E.userInfo, { openid, ...(lang === undefined ? {} : { lang }) });
  }

  /** 批量获取用户基本信息: any number of users, asked 100 per call, answered in the given order. */
  async batchGetInfo(openids: readonly string[], lang?: UserLang): Promise<UserInfo[]> {
    const bodies = batchBodies(UserBatchGetDto, openids, USER_LIMITS.batchGet, 'user_list', (chunk) => ({
      user_list: chunk.map((openid) => ({ openid, ...(lang === undefined ? {} : { lang }) })),
    }));
    const infos: UserInfo[] = [];
    for (const body of bodies) infos.push(...(await this.client.call(E.userInfoBatchGet, body)).user_info_list);
    return infos;
  }

  /** 获取用户列表: one page (up to 10,000 OpenIDs) after `nextOpenid`. */
  listFollowers(nextOpenid?: string): Promise<OpenidPage> {
    return this.client.call(E.userList, nextOpenid ? { next_openid: nextOpenid } : {});
  }

  /** 获取用户列表, every page: `for await (const openid of users.iterateFollowers())`. */
  iterateFollowers(startAfter?: string): AsyncGenerator<string, void, undefined> {
    return iterateOpenids((next) => this.listFollowers(next), startAfter);
  }

  /** 设置用户备注名 (shorter than 30 characters; an empty remark clears it). */
  async updateRemark(openid: string, remark: string): Promise<void> {
    await this.client.call(E.userUpdateRemark, { openid, remark });
  }

  /**
   * 公众号迁移 openid 转换: the new OpenIDs of the old account's (`fromAppId`, its 原始ID `gh_…` per the current
   * docs) followers, 100 per call. Entries whose `err_msg` is not `ok` were not converted.
   */
  async changeOpenid(fromAppId: string, openids: readonly string[]): Promise<ChangedOpenid[]> {
    const bodies = batchBodies(ChangeOpenidDto, openids, USER_LIMITS.changeOpenid, 'openid_list', (chunk) => ({
      from_appid: fromAppId,
      openid_list: chunk,
    }));
    const results: ChangedOpenid[] = [];
    for (const body of bodies) results.push(...(await this.client.call(E.changeOpenid, body)).result_list);
    return results;
  }
}
