import { endpoint } from '../endpoint.js';
import type { OpenidPage } from '../openid-pages.js';
import {
  BlacklistMembersDto,
  BlacklistQueryDto,
  ChangeOpenidDto,
  TagCreateDto,
  TagDeleteDto,
  TagMembersDto,
  TagUpdateDto,
  TagUsersQueryDto,
  UpdateRemarkDto,
  UserBatchGetDto,
  UserInfoQueryDto,
  UserListQueryDto,
  UserTagsQueryDto,
} from './user.dto.js';
import type { ChangedOpenid, UserInfo, UserTag } from './user.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management';
const TAG_DOC = `${DOC}/User_Tag_Management.html`;
const BLACKLIST_DOC = `${DOC}/Manage_blacklist.html`;

/** Followers, remarks, tags, the blacklist and OpenID migration (用户管理). */
export const USER_ENDPOINTS = {
  userInfo: endpoint<UserInfo>()({
    title: '获取用户基本信息(UnionID)', method: 'GET', path: '/cgi-bin/user/info', kind: 'read', request: UserInfoQueryDto,
    response: 'json', expect: ['subscribe'], doc: `${DOC}/Get_users_basic_information_UnionID.html`,
  }),
  userInfoBatchGet: endpoint<{ user_info_list: UserInfo[] }>()({
    title: '批量获取用户基本信息', method: 'POST', path: '/cgi-bin/user/info/batchget', kind: 'read',
    request: UserBatchGetDto, response: 'json', expect: ['user_info_list'], doc: `${DOC}/Get_users_basic_information_UnionID.html`,
  }),
  userList: endpoint<OpenidPage>()({
    title: '获取用户列表', method: 'GET', path: '/cgi-bin/user/get', kind: 'read', request: UserListQueryDto,
    response: 'json', expect: ['count'], doc: `${DOC}/Getting_a_User_List.html`,
  }),
  /** Setting the same remark twice changes nothing: `read`. */
  userUpdateRemark: endpoint()({
    title: '设置用户备注名', method: 'POST', path: '/cgi-bin/user/info/updateremark', kind: 'read',
    request: UpdateRemarkDto, response: 'json', doc: `${DOC}/Configuring_user_notes.html`,
  }),
  /** A repeat could create the tag twice (or fail on the name): `send`. */
  tagCreate: endpoint<{ tag: UserTag }>()({
    title: '创建标签', method: 'POST', path: '/cgi-bin/tags/create', kind: 'send', request: TagCreateDto,
    response: 'json', expect: ['tag'], doc: TAG_DOC,
  }),
  tagList: endpoint<{ tags: UserTag[] }>()({
    title: '获取标签', method: 'GET', path: '/cgi-bin/tags/get', kind: 'read', response: 'json', expect: ['tags'],
    doc: TAG_DOC,
  }),
  tagUpdate: endpoint()({
    title: '编辑标签', method: 'POST', path: '/cgi-bin/tags/update', kind: 'read', request: TagUpdateDto,
    response: 'json', doc: TAG_DOC,
  }),
  tagDelete: endpoint()({
    title: '删除标签', method: 'POST', path: '/cgi-bin/tags/delete', kind: 'send', request: TagDeleteDto,
    response: 'json', doc: TAG_DOC,
  }),
  tagUsers: endpoint<OpenidPage>()({
    title: '获取标签下粉丝列表', method: 'POST', path: '/cgi-bin/user/tag/get', kind: 'read', request: TagUsersQueryDto,
    response: 'json', expect: ['count'], doc: TAG_DOC,
  }),
  /** Tagging twice leaves the same tags: `read`. */
  tagBatchTagging: endpoint()({
    title: '批量为用户打标签', method: 'POST', path: '/cgi-bin/tags/members/batchtagging', kind: 'read',
    request: TagMembersDto, response: 'json', doc: TAG_DOC,
  }),
  tagBatchUntagging: endpoint()({
    title: '批量为用户取消标签', method: 'POST', path: '/cgi-bin/tags/members/batchuntagging', kind: 'read',
    request: TagMembersDto, response: 'json', doc: TAG_DOC,
  }),
  tagIdList: endpoint<{ tagid_list: number[] }>()({
    title: '获取用户身上的标签列表', method: 'POST', path: '/cgi-bin/tags/getidlist', kind: 'read',
    request: UserTagsQueryDto, response: 'json', expect: ['tagid_list'], doc: TAG_DOC,
  }),
  blacklistGet: endpoint<OpenidPage>()({
    title: '获取黑名单列表', method: 'POST', path: '/cgi-bin/tags/members/getblacklist', kind: 'read',
    request: BlacklistQueryDto, response: 'json', expect: ['count'], doc: BLACKLIST_DOC,
  }),
  blacklistAdd: endpoint()({
    title: '拉黑用户', method: 'POST', path: '/cgi-bin/tags/members/batchblacklist', kind: 'read',
    request: BlacklistMembersDto, response: 'json', doc: BLACKLIST_DOC,
  }),
  blacklistRemove: endpoint()({
    title: '取消拉黑用户', method: 'POST', path: '/cgi-bin/tags/members/batchunblacklist', kind: 'read',
    request: BlacklistMembersDto, response: 'json', doc: BLACKLIST_DOC,
  }),
  changeOpenid: endpoint<{ result_list: ChangedOpenid[] }>()({
    title: '公众号迁移 openid 转换', method: 'POST', path: '/cgi-bin/changeopenid', kind: 'read', request: ChangeOpenidDto,
    response: 'json', expect: ['result_list'], doc: 'https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html',
  }),
} as const;
