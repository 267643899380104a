/** One comment as `comment/list` returns it. */
export interface ArticleComment {
  user_comment_id: number;
  openid: string;
  /** Unix seconds. */
  create_time: number;
  content: string;
  /** 0 normal, 1 精选 (elected). */
  comment_type: 0 | 1;
  /** The account's reply, if any. */
  reply?: { content: string; create_time: number };
}

/** Answer of `comment/list`. */
export interface CommentPage {
  /** Comments of this type on the article. */
  total: number;
  comment: ArticleComment[];
}
