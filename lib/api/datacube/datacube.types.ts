/**
 * Typed rows of the datacube APIs (数据统计), field names as WeChat sends them. Every answer is `{ list: Row[] }`;
 * the newer published-content APIs add `is_delay`.
 */

export interface DatacubeList<Row> {
  list: Row[];
  /** Published-content APIs only: `true` while the figures are still being computed. */
  is_delay?: boolean;
}

/** 用户增减 (getusersummary). `user_source`: 0 other, 1 search, 17 card share, 30 QR code, … */
export interface UserSummaryRow {
  ref_date: string;
  user_source: number;
  new_user: number;
  cancel_user: number;
}

/** 累计用户 (getusercumulate). */
export interface UserCumulateRow {
  ref_date: string;
  cumulate_user: number;
}

interface ArticleCounts {
  int_page_read_user: number;
  int_page_read_count: number;
  ori_page_read_user: number;
  ori_page_read_count: number;
  share_user: number;
  share_count: number;
  add_to_fav_user: number;
  add_to_fav_count: number;
}

/** 图文群发每日数据 (getarticlesummary). */
export interface ArticleSummaryRow extends ArticleCounts {
  ref_date: string;
  /** `msgid_index`, e.g. `12003_3`: the third article of mass send 12003. */
  msgid: string;
  title: string;
}

/** 图文群发总数据 (getarticletotal): one row per article, its figures per day since it was sent. */
export interface ArticleTotalRow {
  ref_date: string;
  msgid: string;
  title: string;
  details: (ArticleCounts & { stat_date: string; target_user: number })[];
}

/** 图文统计 (getuserread). */
export interface UserReadRow extends ArticleCounts {
  ref_date: string;
  user_source: number;
}

/** 图文统计分时 (getuserreadhour): `ref_hour` is HHmm as a number (0, 100, …, 2300). */
export interface UserReadHourRow extends UserReadRow {
  ref_hour: number;
}

/** 图文分享转发 (getusershare). `share_scene`: 1 friend, 2 moments, 3 Tencent Weibo, 255 other. */
export interface UserShareRow {
  ref_date: string;
  share_scene: number;
  share_count: number;
  share_user: number;
}

export interface UserShareHourRow extends UserShareRow {
  ref_hour: number;
}

/** Readers per source (`user_source` 0 all, 1 conversation, 2 friends, 3 moments, …). */
export interface ReadUserSource {
  user_source: number;
  read_user: number;
}

/** 获取发表内容每日阅读数据 (getarticleread). */
export interface ArticleReadRow {
  ref_date: string;
  msgid: string;
  detail: { read_user: number; read_user_source?: ReadUserSource[] };
}

/** 获取发表内容每日分享数据 (getarticleshare). */
export interface ArticleShareRow {
  ref_date: string;
  msgid: string;
  detail: { share_user: number };
}

/** Figures of published content. */
export interface PublishedFigures {
  read_user: number;
  read_user_source?: ReadUserSource[];
  share_user: number;
  zaikan_user: number;
  like_user: number;
  comment_count: number;
  collection_user?: number;
}

/** 获取公众号/服务号总览数据 (getbizsummary). */
export interface BizSummaryRow {
  ref_date: string;
  detail: PublishedFigures;
}

/** 获取发表内容累计数据 (getarticletotaldetail): one row per article, its figures per statistics day. */
export interface ArticleTotalDetailRow {
  ref_date: string;
  msgid: string;
  /** 0 notified, 1 published without notification. */
  publish_type: number;
  detail_list: (PublishedFigures & { stat_date: string })[];
}

/** 消息发送概况 (getupstreammsg, week, month). `msg_type`: 1 text, 2 image, 3 voice, 4 video, 6 third-party app. */
export interface UpstreamMsgRow {
  ref_date: string;
  msg_type: number;
  msg_user: number;
  msg_count: number;
}

export interface UpstreamMsgHourRow extends UpstreamMsgRow {
  ref_hour: number;
}

/** 消息发送分布 (getupstreammsgdist, week, month). `count_interval`: 0 none, 1 1-5, 2 6-10, 3 more than 10. */
export interface UpstreamMsgDistRow {
  ref_date: string;
  count_interval: number;
  msg_user: number;
}

/** 接口分析 (getinterfacesummary): callbacks to the account's server. */
export interface InterfaceSummaryRow {
  ref_date: string;
  callback_count: number;
  fail_count: number;
  total_time_cost: number;
  max_time_cost: number;
}

export interface InterfaceSummaryHourRow extends InterfaceSummaryRow {
  ref_hour: number;
}

/** 流量主广告数据 (publisher/stat): WeChat answers `base_resp` (ret 0 = ok) rather than errcode. */
export interface PublisherStatResult {
  base_resp: { err_msg: string; ret: number };
  list?: Record<string, unknown>[];
  summary?: Record<string, unknown>;
  total_num?: number;
  /** Settlement only. */
  revenue_all?: number;
  penalty_all?: number;
  settled_revenue_all?: number;
  settlement_list?: Record<string, unknown>[];
}
