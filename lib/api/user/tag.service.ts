import { batchBodies } from '../batching.js';
import { iterateOpenids, type OpenidPage } from '../openid-pages.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { TagMembersDto, USER_LIMITS } from './user.dto.js';
import { USER_ENDPOINTS as E } from './user.endpoints.js';
import type { UserTag } from './user.types.js';

/** User tags (标签管理): up to 100 per account, 20 per user; ids 0–2 are WeChat's own. */
export class TagService {
  constructor(private readonly client: WechatApiClient) {}

  /** 创建标签 (name ≤ 30 characters); returns the new tag. Not repeated: a repeat could create it twice. */
  async create(name: string): Promise<UserTag> {
    return (await this.client.call(E.tagCreate, { tag: { name } })).tag;
  }

  /** 获取标签: every tag with its follower count. */
  async list(): Promise<UserTag[]> {
    return (await this.client.call(E.tagList)).tags;
  }

  /** 编辑标签: renames a tag. */
  async update(id: number, name: string): Promise<void> {
    await this.client.call(E.tagUpdate, { tag: { id, name } });
  }

  /** 删除标签: its followers lose it. */
  async delete(id: number): Promise<void> {
    await this.client.call(E.tagDelete, { tag: { id } });
  }

  /** 批量为用户打标签: any number of followers, 50 per call. */
  async tagUsers(tagId: number, openids: readonly string[]): Promise<void> {
    for (const body of this.members(tagId, openids)) await this.client.call(E.tagBatchTagging, body);
  }

  /** 批量为用户取消标签: any number of followers, 50 per call. */
  async untagUsers(tagId: number, openids: readonly string[]): Promise<void> {
    for (const body of this.members(tagId, openids)) await this.client.call(E.tagBatchUntagging, body);
  }

  /** 获取用户身上的标签列表: the ids of a follower's tags. */
  async getUserTagIds(openid: string): Promise<number[]> {
    return (await this.client.call(E.tagIdList, { openid })).tagid_list;
  }

  /** 获取标签下粉丝列表: one page (up to 10,000 OpenIDs) after `nextOpenid`. */
  listUsers(tagId: number, nextOpenid?: string): Promise<OpenidPage> {
    return this.client.call(E.tagUsers, { tagid: tagId, ...(nextOpenid ? { next_openid: nextOpenid } : {}) });
  }

  /** 获取标签下粉丝列表, every page: `for await (const openid of tags.iterateUsers(id))`. */
  iterateUsers(tagId: number): AsyncGenerator<string, void, undefined> {
    return iterateOpenids((next) => this.listUsers(tagId, next));
  }

  private members(tagId: number, openids: readonly string[]): TagMembersDto[] {
    return batchBodies(TagMembersDto, openids, USER_LIMITS.tagMembers, 'openid_list', (chunk) => ({
      openid_list: chunk,
      tagid: tagId,
    }));
  }
}
