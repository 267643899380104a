import type { EndpointRow } from '../endpoint.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { checkRange, splitRange, type DayRange } from './date-range.js';
import type { DateRangeDto, PublisherStatAction, PublisherStatDto } from './datacube.dto.js';
import { DATACUBE_ENDPOINTS as E, DATACUBE_SPECS, type DatacubeName, type DatacubeRowTypes } from './datacube.endpoints.js';
import type { DatacubeList, PublisherStatResult } from './datacube.types.js';

/**
 * 数据统计 (datacube). Every range is checked before the call against the API's documented maximum span and the
 * latest day with figures (yesterday, China time); `queryRange` splits a longer range into allowed spans and merges
 * the rows. Dates are `YYYY-MM-DD`, both ends included.
 */
export class DatacubeService {
  constructor(
    private readonly client: WechatApiClient,
    /** Clock deciding "yesterday"; tests pin it. */
    private readonly now: () => number = Date.now,
  ) {}

  /** Any datacube API by row name, for one allowed range. */
  async query<K extends DatacubeName>(name: K, begin: string, end: string): Promise<DatacubeRowTypes[K][]> {
    const spec = DATACUBE_SPECS[name];
    const range: DayRange = { begin_date: begin, end_date: end };
    checkRange(range, this.now(), spec.maxDays, spec.path);
    // Widened to the shared row shape: a generic index would defer `call`'s input type.
    const row: EndpointRow<DateRangeDto, DatacubeList<unknown>> = E[name];
    const answer = await this.client.call(row, range);
    return answer.list as DatacubeRowTypes[K][];
  }

  /**
   * Any range of any datacube API: split into spans the API allows, called one after the other (oldest first),
   * rows merged in that order.
   */
  async queryRange<K extends DatacubeName>(name: K, begin: string, end: string): Promise<DatacubeRowTypes[K][]> {
    const range: DayRange = { begin_date: begin, end_date: end };
    checkRange(range, this.now());
    const rows: DatacubeRowTypes[K][] = [];
    for (const part of splitRange(range, DATACUBE_SPECS[name].maxDays)) rows.push(...(await this.query(name, part.begin_date, part.end_date)));
    return rows;
  }

  /** 获取用户增减数据 (7 days at most). */
  getUserSummary(begin: string, end: string) { return this.query('getUserSummary', begin, end); }
  /** 获取累计用户数据 (7 days at most). */
  getUserCumulate(begin: string, end: string) { return this.query('getUserCumulate', begin, end); }
  /**
   * 获取图文群发每日数据 (1 day).
   * @deprecated 已停止维护: use getArticleRead / getArticleShare / getBizSummary / getArticleTotalDetail.
   */
  getArticleSummary(begin: string, end: string) { return this.query('getArticleSummary', begin, end); }
  /**
   * 获取图文群发总数据 (1 day).
   * @deprecated 已停止维护: use getArticleTotalDetail.
   */
  getArticleTotal(begin: string, end: string) { return this.query('getArticleTotal', begin, end); }
  /**
   * 获取图文统计数据 (3 days).
   * @deprecated 已停止维护: use getArticleRead / getBizSummary.
   */
  getUserRead(begin: string, end: string) { return this.query('getUserRead', begin, end); }
  /**
   * 获取图文统计分时数据 (1 day).
   * @deprecated 已停止维护: use getArticleRead.
   */
  getUserReadHour(begin: string, end: string) { return this.query('getUserReadHour', begin, end); }
  /**
   * 获取图文分享转发数据 (7 days).
   * @deprecated 已停止维护: use getArticleShare.
   */
  getUserShare(begin: string, end: string) { return this.query('getUserShare', begin, end); }
  /**
   * 获取图文分享转发分时数据 (1 day).
   * @deprecated 已停止维护: use getArticleShare.
   */
  getUserShareHour(begin: string, end: string) { return this.query('getUserShareHour', begin, end); }
  /** 获取发表内容每日阅读数据 (1 day). */
  getArticleRead(begin: string, end: string) { return this.query('getArticleRead', begin, end); }
  /** 获取发表内容每日分享数据 (1 day). */
  getArticleShare(begin: string, end: string) { return this.query('getArticleShare', begin, end); }
  /** 获取消息发送概况数据 (7 days). */
  getUpstreamMsg(begin: string, end: string) { return this.query('getUpstreamMsg', begin, end); }
  /** 获取消息分送分时数据 (1 day). */
  getUpstreamMsgHour(begin: string, end: string) { return this.query('getUpstreamMsgHour', begin, end); }
  /** 获取消息发送周数据 (30 days). */
  getUpstreamMsgWeek(begin: string, end: string) { return this.query('getUpstreamMsgWeek', begin, end); }
  /** 获取消息发送月数据 (30 days). */
  getUpstreamMsgMonth(begin: string, end: string) { return this.query('getUpstreamMsgMonth', begin, end); }
  /** 获取消息发送分布数据 (15 days). */
  getUpstreamMsgDist(begin: string, end: string) { return this.query('getUpstreamMsgDist', begin, end); }
  /** 获取消息发送分布周数据 (30 days). */
  getUpstreamMsgDistWeek(begin: string, end: string) { return this.query('getUpstreamMsgDistWeek', begin, end); }
  /** 获取消息发送分布月数据 (30 days). */
  getUpstreamMsgDistMonth(begin: string, end: string) { return this.query('getUpstreamMsgDistMonth', begin, end); }
  /** 获取接口分析数据 (30 days). */
  getInterfaceSummary(begin: string, end: string) { return this.query('getInterfaceSummary', begin, end); }
  /** 获取接口分析分时数据 (1 day). */
  getInterfaceSummaryHour(begin: string, end: string) { return this.query('getInterfaceSummaryHour', begin, end); }
  /** 获取发表内容概况总数据 (30 days). */
  getBizSummary(begin: string, end: string) { return this.query('getBizSummary', begin, end); }
  /** 获取发表内容发表详细数据 (30 days). */
  getArticleTotalDetail(begin: string, end: string) { return this.query('getArticleTotalDetail', begin, end); }

  /**
   * 获取公众号广告数据 (流量主 `publisher/stat`): ad positions, CPS commissions or settlement, one page. The end date
   * is checked against yesterday too.
   */
  async publisherStat(action: PublisherStatAction, start: string, end: string, options: Pick<PublisherStatDto, 'ad_slot'> & { page?: number; pageSize?: number } = {}): Promise<PublisherStatResult> {
    checkRange({ begin_date: start, end_date: end }, this.now());
    return this.client.call(E.publisherStat, {
      action, start_date: start, end_date: end, page: options.page ?? 1, page_size: options.pageSize ?? 90,
      ...(options.ad_slot ? { ad_slot: options.ad_slot } : {}),
    });
  }
}
