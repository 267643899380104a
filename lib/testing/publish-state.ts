/** A JSON object as posted (emulator-state's JsonObject; not imported, emulator-state imports this file). */
type JsonObject = Record<string, unknown>;

/** A draft in the draft box (草稿箱): its articles as posted, defaults filled in. */
export interface DraftRecord {
  readonly mediaId: string;
  articles: JsonObject[];
  /** Unix seconds. */
  updateTime: number;
}

/** publish_status of `freepublish/get`: 0 成功, 1 发布中, 2 原创失败, 3 常规失败, 4 平台审核不通过, 5/6 deleted/blocked after success. */
export type PublishStatus = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A `freepublish/submit` job. */
export interface PublishRecord {
  readonly publishId: string;
  readonly msgDataId: string;
  readonly articles: JsonObject[];
  status: PublishStatus;
  articleId?: string;
  failIdx?: number[];
}

/** A published article (图文), by article_id. Deleting one marks it; the record stays. */
export interface PublishedRecord {
  readonly articleId: string;
  readonly articles: JsonObject[];
  /** Unix seconds. */
  readonly updateTime: number;
}

/** How the next publish job fails (`emulator.failNextPublish()`). */
export interface PublishFailure {
  status: 2 | 3 | 4;
  /** 1-based indexes of the failing articles; default all. */
  failIdx?: number[];
}

/** A video made ready for a mass `mpvideo` by `media/uploadvideo`. */
export interface MassVideoRecord {
  readonly mediaId: string;
  readonly sourceMediaId: string;
  readonly title: string;
  readonly description: string;
}

/** One account's draft box, publishing jobs, published articles and mass-send materials. */
export class PublishState {
  readonly drafts = new Map<string, DraftRecord>();
  readonly publishes = new Map<string, PublishRecord>();
  readonly published = new Map<string, PublishedRecord>();
  /** `media/uploadnews` results: mpnews materials a mass send can carry. */
  readonly massNews = new Map<string, JsonObject[]>();
  readonly massVideos = new Map<string, MassVideoRecord>();
  readonly failures: PublishFailure[] = [];
  /** `draft/switch`: once opened, it cannot be closed. */
  draftBoxOpen = false;
  /** `message/mass/speed/set`: 0 (80万/分钟) to 4 (10万/分钟). */
  massSpeed = 0;
}
