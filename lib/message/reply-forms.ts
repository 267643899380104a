/**
 * The passive reply types, described once: how each is written in a passive reply (XML and JSON share the wire
 * names) and how it travels once the 5-second window has passed (a customer-service message). The serializers,
 * the reply validation's type list, the handler-result check and the late-reply mapping are all driven by this
 * table; field rules (required/optional) live in `TEXT_FIELDS` (reply-validation.ts), shared with the
 * customer-service messages. `reply.ts` checks at compile time that its `Reply` union and this table agree.
 * Passive replies: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 * Customer service: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */

/** A passive-reply field: its wire name, its camelCase model name, and whether the reply needs it. */
export type WireField = readonly [wire: string, model: string, required: boolean];

export interface PassiveForm {
  /** The element wrapping the fields (`<Image>`, `<Music>`…), or none (text). */
  readonly wrapper?: string;
  readonly fields: readonly WireField[];
  /** The wrapper is only written when one of its fields is set (`transfer_customer_service`). */
  readonly optionalWrapper?: boolean;
}

/**
 * After the deadline: `same` = the customer-service message of the same type with the model fields it takes;
 * `first-article` = news, whose customer-service form carries exactly one article; `passive-only` = has no
 * customer-service form (a transfer to customer service exists only as a passive reply).
 */
export type LateForm = 'same' | 'first-article' | 'passive-only';

/** `articles`: the news form (`ArticleCount` + `Articles/item`, see `ARTICLE_FIELDS`). */
export interface ReplyForm {
  readonly passive: PassiveForm | 'articles';
  readonly late: LateForm;
}

export const REPLY_FORMS = {
  text: { passive: { fields: [['Content', 'content', true]] }, late: 'same' },
  image: { passive: { wrapper: 'Image', fields: [['MediaId', 'mediaId', true]] }, late: 'same' },
  voice: { passive: { wrapper: 'Voice', fields: [['MediaId', 'mediaId', true]] }, late: 'same' },
  video: {
    passive: { wrapper: 'Video', fields: [['MediaId', 'mediaId', true], ['Title', 'title', false], ['Description', 'description', false]] },
    late: 'same',
  },
  music: {
    passive: {
      wrapper: 'Music',
      fields: [
        ['Title', 'title', false],
        ['Description', 'description', false],
        ['MusicUrl', 'musicUrl', true],
        ['HQMusicUrl', 'hqMusicUrl', false],
        ['ThumbMediaId', 'thumbMediaId', true],
      ],
    },
    late: 'same',
  },
  news: { passive: 'articles', late: 'first-article' },
  transfer_customer_service: {
    passive: { wrapper: 'TransInfo', fields: [['KfAccount', 'kfAccount', false]], optionalWrapper: true },
    late: 'passive-only',
  },
} as const satisfies Record<string, ReplyForm>;

export type ReplyFormType = keyof typeof REPLY_FORMS;

/** Every passive reply `type`. */
export const REPLY_TYPES: ReadonlySet<string> = new Set(Object.keys(REPLY_FORMS));

/** The form of a passive reply type, or undefined for anything else. */
export function replyFormOf(type: unknown): ReplyForm | undefined {
  return typeof type === 'string' && Object.hasOwn(REPLY_FORMS, type) ? (REPLY_FORMS as Record<string, ReplyForm>)[type] : undefined;
}

/** News articles, in both passive formats. */
export const ARTICLE_FIELDS: readonly WireField[] = [
  ['Title', 'title', true],
  ['Description', 'description', false],
  ['PicUrl', 'picUrl', false],
  ['Url', 'url', false],
];
