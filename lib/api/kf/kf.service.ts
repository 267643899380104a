import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { KF_LIMITS, type KfUploadFile } from './kf.dto.js';
import { KF_ENDPOINTS as E } from './kf.endpoints.js';
import type { KfAccountInfo, KfChatRecordInfo, KfChatRecordPage, KfOnlineInfo, KfSessionEntry, KfSessionState, KfWaitCases } from './kf.types.js';

/**
 * 客服管理: customer-service accounts (add, edit, delete, head image, bind a worker's WeChat), sessions between a
 * worker and a customer (create, close, state, lists, customers waiting), and chat records. Creating or closing a
 * session makes WeChat push `kf_create_session` / `kf_close_session` to the account's callback URL.
 */
export class KfService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取所有客服账号. */
  async listAccounts(): Promise<KfAccountInfo[]> {
    return (await this.client.call(E.kfList)).kf_list;
  }

  /** 获取在线客服列表. */
  async listOnline(): Promise<KfOnlineInfo[]> {
    return (await this.client.call(E.kfOnlineList)).kf_online_list;
  }

  /** 添加客服账号: `kfAccount` is `prefix@公众号微信号`, the nickname at most 16 characters (100 accounts at most). */
  async addAccount(kfAccount: string, nickname: string): Promise<void> {
    await this.client.call(E.kfAccountAdd, { kf_account: kfAccount, nickname });
  }

  /** 修改客服账号: a new nickname. */
  async updateAccount(kfAccount: string, nickname: string): Promise<void> {
    await this.client.call(E.kfAccountUpdate, { kf_account: kfAccount, nickname });
  }

  /** 删除客服账号. */
  async deleteAccount(kfAccount: string): Promise<void> {
    await this.client.call(E.kfAccountDelete, { kf_account: kfAccount });
  }

  /** 设置客服头像: a JPEG of at most 5 MB (640×640 looks best). */
  async uploadHeadImage(kfAccount: string, image: KfUploadFile): Promise<void> {
    await this.client.call(E.kfAccountUploadHeadImg, { kf_account: kfAccount, media: image });
  }

  /** 邀请绑定客服账号: the worker with WeChat ID `inviteWx` gets an invitation to serve as `kfAccount`. */
  async inviteWorker(kfAccount: string, inviteWx: string): Promise<void> {
    await this.client.call(E.kfAccountInviteWorker, { kf_account: kfAccount, invite_wx: inviteWx });
  }

  /** 创建会话: `kfAccount` (bound and online) starts serving `openid`. */
  async createSession(kfAccount: string, openid: string): Promise<void> {
    await this.client.call(E.kfSessionCreate, { kf_account: kfAccount, openid });
  }

  /** 关闭会话 (65413 when `kfAccount` is not serving `openid`). */
  async closeSession(kfAccount: string, openid: string): Promise<void> {
    await this.client.call(E.kfSessionClose, { kf_account: kfAccount, openid });
  }

  /** 获取客户会话状态: who serves `openid` (`kf_account` empty when nobody does). */
  getSession(openid: string): Promise<KfSessionState> {
    return this.client.call(E.kfSessionGet, { openid });
  }

  /** 获取客服会话列表: the customers `kfAccount` is serving. */
  async listSessions(kfAccount: string): Promise<KfSessionEntry[]> {
    return (await this.client.call(E.kfSessionList, { kf_account: kfAccount })).sessionlist;
  }

  /** 获取未接入会话列表: customers waiting for a worker. */
  getWaitingCases(): Promise<KfWaitCases> {
    return this.client.call(E.kfSessionWaitCase);
  }

  /** 获取聊天记录: one page (`number` at most 10000) of a window of at most 24 hours. */
  getRecords(query: { starttime: number; endtime: number; msgid?: number; number?: number }): Promise<KfChatRecordPage> {
    return this.client.call(E.kfMsgList, {
      starttime: query.starttime,
      endtime: query.endtime,
      msgid: query.msgid ?? 1,
      number: query.number ?? KF_LIMITS.maxRecordsPerPage,
    });
  }

  /**
   * 获取聊天记录: every record from `starttime` to `endtime` (Unix seconds), any span: windows of 24 hours,
   * each read page by page.
   */
  async *iterateRecords(starttime: number, endtime: number, pageSize: number = KF_LIMITS.maxRecordsPerPage): AsyncGenerator<KfChatRecordInfo> {
    if (!Number.isInteger(starttime) || !Number.isInteger(endtime) || endtime <= starttime) {
      throw new WechatValidationError('endtime', 'must be an integer after starttime');
    }
    for (let from = starttime; from < endtime; from += KF_LIMITS.maxRecordSpanSeconds) {
      const to = Math.min(from + KF_LIMITS.maxRecordSpanSeconds, endtime);
      for (let msgid = 1; ; ) {
        const page = await this.getRecords({ starttime: from, endtime: to, msgid, number: pageSize });
        yield* page.recordlist;
        if (page.recordlist.length < pageSize) break;
        msgid = page.msgid;
      }
    }
  }
}
