/** One blocked template message. */
export interface BlockedTemplateMessage {
  /** Record id: pass the largest as the next page's `largest_id`. */
  id: number;
  tmpl_msg_id: string;
  title: string;
  content: string;
  /** Unix seconds. */
  send_timestamp: number;
  openid: string;
}

/**
 * Answer of `queryblocktmplmsg`. Live answers carry a list (`"msginfo":[]` when nothing was blocked); the docs'
 * example shows a single object. `TemplateBlockService` always gives a list.
 */
export interface BlockedTemplateAnswer {
  msginfo: BlockedTemplateMessage[] | BlockedTemplateMessage;
}
