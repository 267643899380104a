/** A reply as `get_current_autoreply_info` describes it: `content` is text, a media_id, or (news) empty. */
export interface AutoreplyContent {
  /** text, img, voice, video, news. */
  type: string;
  content?: string;
  /** news replies: the articles. */
  news_info?: { list: AutoreplyNewsArticle[] };
}

export interface AutoreplyNewsArticle {
  title: string;
  author: string;
  digest: string;
  show_cover: number;
  cover_url: string;
  content_url: string;
  source_url: string;
}

/** One keyword rule. */
export interface AutoreplyKeywordRule {
  rule_name: string;
  /** Unix seconds. */
  create_time: number;
  /** reply_all or random_one. */
  reply_mode: string;
  keyword_list_info: { type: string; match_mode: 'contain' | 'equal' | string; content: string }[];
  reply_list_info: AutoreplyContent[];
}

/** Answer of `get_current_autoreply_info`. */
export interface AutoreplyInfo {
  /** 关注后自动回复 on (1) or off (0). */
  is_add_friend_reply_open: number;
  /** 消息自动回复 on (1) or off (0). */
  is_autoreply_open: number;
  add_friend_autoreply_info?: AutoreplyContent;
  message_default_autoreply_info?: AutoreplyContent;
  keyword_autoreply_info?: { list: AutoreplyKeywordRule[] };
}
