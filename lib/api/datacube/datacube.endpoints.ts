import { endpoint, type EndpointRow } from '../endpoint.js';
import { DateRangeDto, PublisherStatDto } from './datacube.dto.js';
import type {
  ArticleReadRow, ArticleShareRow, ArticleSummaryRow, ArticleTotalDetailRow, ArticleTotalRow, BizSummaryRow,
  DatacubeList, InterfaceSummaryHourRow, InterfaceSummaryRow, PublisherStatResult, UpstreamMsgDistRow,
  UpstreamMsgHourRow, UpstreamMsgRow, UserCumulateRow, UserReadHourRow, UserReadRow, UserShareHourRow,
  UserShareRow, UserSummaryRow,
} from './datacube.types.js';

const OLD = 'https://developers.weixin.qq.com/doc/offiaccount/Analytics';
const NEWS = 'https://developers.weixin.qq.com/doc/service/api/wedata/news';
/** The current pages' note on the six older article APIs ("本接口已停止维护，请尽快使用下面新接口进行替换"). */
const REPLACED = 'getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail';

/** The row type each datacube API answers with, by row name. */
export interface DatacubeRowTypes {
  getUserSummary: UserSummaryRow;
  getUserCumulate: UserCumulateRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getArticleSummary: ArticleSummaryRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getArticleTotal: ArticleTotalRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getUserRead: UserReadRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getUserReadHour: UserReadHourRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getUserShare: UserShareRow;
  /** @deprecated 已停止维护: use getArticleRead, getArticleShare, getBizSummary, getArticleTotalDetail. */
  getUserShareHour: UserShareHourRow;
  getArticleRead: ArticleReadRow;
  getArticleShare: ArticleShareRow;
  getUpstreamMsg: UpstreamMsgRow;
  getUpstreamMsgHour: UpstreamMsgHourRow;
  getUpstreamMsgWeek: UpstreamMsgRow;
  getUpstreamMsgMonth: UpstreamMsgRow;
  getUpstreamMsgDist: UpstreamMsgDistRow;
  getUpstreamMsgDistWeek: UpstreamMsgDistRow;
  getUpstreamMsgDistMonth: UpstreamMsgDistRow;
  getInterfaceSummary: InterfaceSummaryRow;
  getInterfaceSummaryHour: InterfaceSummaryHourRow;
  getBizSummary: BizSummaryRow;
  getArticleTotalDetail: ArticleTotalDetailRow;
}
export type DatacubeName = keyof DatacubeRowTypes;

export interface DatacubeSpec {
  readonly title: string;
  readonly path: string;
  /** The docs' 最大时间跨度 in days, both ends included: a longer range is refused before the call. */
  readonly maxDays: number;
  readonly doc: string;
  readonly deprecated?: string;
}

/**
 * The 21 `{ begin_date, end_date }` APIs, described once. Spans from the 最大时间跨度 column of the analytics pages
 * (User_Analysis_Data_Interface, Graphic_Analysis_Data_Interface, Message_analysis_data_interface, Analytics_API);
 * getarticleread / getarticleshare: "日期范围仅支持查询1天"; getarticletotaldetail: "统计周期内(最大30天)";
 * getbizsummary states no span, so it gets getarticletotaldetail's 30 days.
 */
export const DATACUBE_SPECS = {
  getUserSummary: { title: '获取用户增减数据', path: '/datacube/getusersummary', maxDays: 7, doc: `${OLD}/User_Analysis_Data_Interface.html` },
  getUserCumulate: { title: '获取累计用户数据', path: '/datacube/getusercumulate', maxDays: 7, doc: `${OLD}/User_Analysis_Data_Interface.html` },
  getArticleSummary: { title: '获取图文群发每日数据', path: '/datacube/getarticlesummary', maxDays: 1, doc: `${NEWS}/api_getarticlesummary`, deprecated: REPLACED },
  getArticleTotal: { title: '获取图文群发总数据', path: '/datacube/getarticletotal', maxDays: 1, doc: `${NEWS}/api_getarticletotal`, deprecated: REPLACED },
  getUserRead: { title: '获取图文统计数据', path: '/datacube/getuserread', maxDays: 3, doc: `${NEWS}/api_getuserread`, deprecated: REPLACED },
  getUserReadHour: { title: '获取图文统计分时数据', path: '/datacube/getuserreadhour', maxDays: 1, doc: `${NEWS}/api_getuserreadhour`, deprecated: REPLACED },
  getUserShare: { title: '获取图文分享转发数据', path: '/datacube/getusershare', maxDays: 7, doc: `${NEWS}/api_getusershare`, deprecated: REPLACED },
  getUserShareHour: { title: '获取图文分享转发分时数据', path: '/datacube/getusersharehour', maxDays: 1, doc: `${NEWS}/api_getusersharehour`, deprecated: REPLACED },
  getArticleRead: { title: '获取发表内容每日阅读数据', path: '/datacube/getarticleread', maxDays: 1, doc: `${NEWS}/api_getarticleread` },
  getArticleShare: { title: '获取发表内容每日分享数据', path: '/datacube/getarticleshare', maxDays: 1, doc: `${NEWS}/api_getarticleshare` },
  getUpstreamMsg: { title: '获取消息发送概况数据', path: '/datacube/getupstreammsg', maxDays: 7, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgHour: { title: '获取消息分送分时数据', path: '/datacube/getupstreammsghour', maxDays: 1, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgWeek: { title: '获取消息发送周数据', path: '/datacube/getupstreammsgweek', maxDays: 30, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgMonth: { title: '获取消息发送月数据', path: '/datacube/getupstreammsgmonth', maxDays: 30, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgDist: { title: '获取消息发送分布数据', path: '/datacube/getupstreammsgdist', maxDays: 15, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgDistWeek: { title: '获取消息发送分布周数据', path: '/datacube/getupstreammsgdistweek', maxDays: 30, doc: `${OLD}/Message_analysis_data_interface.html` },
  getUpstreamMsgDistMonth: { title: '获取消息发送分布月数据', path: '/datacube/getupstreammsgdistmonth', maxDays: 30, doc: `${OLD}/Message_analysis_data_interface.html` },
  getInterfaceSummary: { title: '获取接口分析数据', path: '/datacube/getinterfacesummary', maxDays: 30, doc: `${OLD}/Analytics_API.html` },
  getInterfaceSummaryHour: { title: '获取接口分析分时数据', path: '/datacube/getinterfacesummaryhour', maxDays: 1, doc: `${OLD}/Analytics_API.html` },
  getBizSummary: { title: '获取发表内容概况总数据', path: '/datacube/getbizsummary', maxDays: 30, doc: `${NEWS}/api_getbizsummary` },
  getArticleTotalDetail: { title: '获取发表内容发表详细数据', path: '/datacube/getarticletotaldetail', maxDays: 30, doc: `${NEWS}/api_getarticletotaldetail` },
} as const satisfies Record<DatacubeName, DatacubeSpec>;

export type DatacubeRow<K extends DatacubeName> = EndpointRow<DateRangeDto, DatacubeList<DatacubeRowTypes[K]>>;

function datacubeRow<K extends DatacubeName>(spec: DatacubeSpec): DatacubeRow<K> {
  return endpoint<DatacubeList<DatacubeRowTypes[K]>>()({
    title: spec.title, method: 'POST', path: spec.path, kind: 'read', request: DateRangeDto, response: 'json',
    expect: ['list'], doc: spec.doc, ...(spec.deprecated ? { deprecated: spec.deprecated } : {}),
  });
}

/** Rows generated from the table; the mapped type keeps each row's own response type. */
const GENERATED = Object.fromEntries(
  Object.entries(DATACUBE_SPECS).map(([name, spec]) => [name, datacubeRow(spec)]),
) as { readonly [K in DatacubeName]: DatacubeRow<K> };

/** 数据统计: the 21 datacube APIs and 流量主 `publisher/stat`. */
export const DATACUBE_ENDPOINTS = {
  ...GENERATED,
  publisherStat: endpoint<PublisherStatResult>()({
    title: '获取公众号广告数据', method: 'GET', path: '/publisher/stat', kind: 'read', request: PublisherStatDto,
    response: 'json', doc: `${OLD}/Ad_Analysis.html`,
  }),
} as const;
