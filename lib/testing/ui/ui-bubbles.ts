import type { Reply } from '../../message/reply.js';
import type { JsonObject, TemplateRecord } from '../emulator-state.js';

/**
 * What the page draws in the chat, one shape per kind of bubble. Everything in here is data: the page builds DOM
 * from it with textContent only, so HTML an app sends is shown as text, never interpreted.
 */
export interface BubbleArticle {
  title: string;
  description: string;
  url: string;
  picUrl: string;
}

export type Bubble =
  | { type: 'text'; text: string }
  | { type: 'image'; src?: string; mediaId: string }
  | { type: 'voice'; src?: string; mediaId: string }
  | { type: 'video'; src?: string; mediaId: string; title: string; description: string }
  | { type: 'music'; title: string; description: string; url: string }
  /** `hidden`: articles the app sent that WeChat does not draw. */
  | { type: 'news'; articles: BubbleArticle[]; hidden: number }
  | { type: 'location'; label: string; x: string; y: string }
  | { type: 'link'; title: string; description: string; url: string }
  | { type: 'template'; title: string; url: string; lines: [string, string][] }
  | { type: 'menu'; head: string; items: string[]; tail: string }
  | { type: 'event'; text: string }
  /** A push WeChat would have given up on, or a reply it could not read: why, the HTTP status and the body. */
  | { type: 'error'; reason: string; message: string; status: number; body: string }
  | { type: 'other'; label: string; detail: string };

/** Resolves a media id to the URL the emulator serves it at, when the account has it. */
export type MediaUrl = (mediaId: string) => string | undefined;

/**
 * "当用户发送文本、图片、视频、图文、地理位置这五种消息时，开发者只能回复1条图文消息；其余场景最多可回复8条图文消息"
 * (Passive_user_reply_message.html): a news reply to a message is drawn with its first article only.
 */
export const NEWS_SHOWN_FOR_MESSAGE = 1;
export const NEWS_SHOWN_FOR_EVENT = 8;

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

function news(articles: BubbleArticle[], limit: number): Bubble {
  return { type: 'news', articles: articles.slice(0, limit), hidden: Math.max(0, articles.length - limit) };
}

/** A passive reply as WeChat draws it; `toEvent` = the push it answers was an event (menu click, subscribe…). */
export function replyBubble(reply: Reply, toEvent: boolean, media: MediaUrl): Bubble {
  switch (reply.type) {
    case 'text':
      return { type: 'text', text: reply.content };
    case 'image':
    case 'voice':
      return { type: reply.type, mediaId: reply.mediaId, src: media(reply.mediaId) };
    case 'video':
      return { type: 'video', mediaId: reply.mediaId, src: media(reply.mediaId), title: str(reply.title), description: str(reply.description) };
    case 'music':
      return { type: 'music', title: str(reply.title), description: str(reply.description), url: reply.musicUrl };
    case 'news':
      return news(
        reply.articles.map((a) => ({ title: str(a.title), description: str(a.description), url: str(a.url), picUrl: str(a.picUrl) })),
        toEvent ? NEWS_SHOWN_FOR_EVENT : NEWS_SHOWN_FOR_MESSAGE,
      );
    case 'transfer_customer_service':
      return { type: 'event', text: `消息已转发到客服${reply.kfAccount ? ` ${reply.kfAccount}` : ''}` };
    default:
      return { type: 'other', label: (reply as { type: string }).type, detail: JSON.stringify(reply) };
  }
}

const part = (body: JsonObject, key: string): JsonObject => {
  const value = body[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
};

/** Customer-service and mass-send bodies (`{ msgtype, [msgtype]: {...} }`), one line per msgtype. */
const SENT_BUBBLES: Readonly<Record<string, (p: JsonObject, media: MediaUrl) => Bubble>> = {
  text: (p) => ({ type: 'text', text: str(p.content) }),
  image: (p, media) => ({ type: 'image', mediaId: str(p.media_id), src: media(str(p.media_id)) }),
  voice: (p, media) => ({ type: 'voice', mediaId: str(p.media_id), src: media(str(p.media_id)) }),
  video: (p, media) => ({ type: 'video', mediaId: str(p.media_id), src: media(str(p.media_id)), title: str(p.title), description: str(p.description) }),
  mpvideo: (p, media) => ({ type: 'video', mediaId: str(p.media_id), src: media(str(p.media_id)), title: str(p.title), description: str(p.description) }),
  music: (p) => ({ type: 'music', title: str(p.title), description: str(p.description), url: str(p.musicurl) }),
  news: (p) =>
    news(
      (Array.isArray(p.articles) ? p.articles : []).map((a: JsonObject) => ({
        title: str(a?.title),
        description: str(a?.description),
        url: str(a?.url),
        picUrl: str(a?.picurl),
      })),
      1,
    ),
  msgmenu: (p) => ({
    type: 'menu',
    head: str(p.head_content),
    items: (Array.isArray(p.list) ? p.list : []).map((item: JsonObject) => str(item?.content)),
    tail: str(p.tail_content),
  }),
  mpnews: (p) => ({ type: 'other', label: '图文消息 (mpnews)', detail: `media_id ${str(p.media_id)}` }),
  mpnewsarticle: (p) => ({ type: 'other', label: '图文消息 (article)', detail: `article_id ${str(p.article_id)}` }),
  wxcard: (p) => ({ type: 'other', label: '卡券', detail: `card_id ${str(p.card_id)}` }),
  miniprogrampage: (p) => ({ type: 'other', label: '小程序卡片', detail: `${str(p.title)} (${str(p.appid)} ${str(p.pagepath)})` }),
};

/** A message the app sent through the API (customer service or mass send). */
export function sentBubble(body: JsonObject, media: MediaUrl): Bubble {
  const msgtype = str(body.msgtype);
  const render = Object.hasOwn(SENT_BUBBLES, msgtype) ? SENT_BUBBLES[msgtype] : undefined;
  return render ? render(part(body, msgtype), media) : { type: 'other', label: msgtype || 'message', detail: JSON.stringify(body) };
}

/** A template message: the template's title, then one line per data key. */
export function templateBubble(body: JsonObject, template: TemplateRecord | undefined): Bubble {
  const data = part(body, 'data');
  const lines: [string, string][] = Object.entries(data).map(([key, value]) => [key, str(part(data, key).value ?? value)]);
  return { type: 'template', title: template?.title ?? str(body.template_id), url: str(body.url), lines };
}
