import type { WechatApiClient } from '../wechat-api.client.js';
import { pageRequest, walkPages } from './article-pages.js';
import type { ArticleType, ProductCardType } from './draft.dto.js';
import { DRAFT_ENDPOINTS as E } from './draft.endpoints.js';
import type { ArticlePageOptions, DraftArticle, DraftArticleInput, DraftBatch, DraftListItem, ProductCard } from './draft.types.js';

/**
 * The draft box (草稿箱): the only API way to prepare articles since `material/add_news` was retired. A draft is
 * published with `PublishService.submit()` or sent to followers as a mass `mpnews`.
 */
export class DraftService {
  constructor(private readonly client: WechatApiClient) {}

  /** 新建草稿: 1 to 8 articles (news with a permanent cover image, or newspic with images); resolves with the media_id. */
  async add(articles: DraftArticleInput[]): Promise<string> {
    return (await this.client.call(E.draftAdd, { articles })).media_id;
  }

  /** 获取草稿. */
  async get(mediaId: string): Promise<DraftArticle[]> {
    return (await this.client.call(E.draftGet, { media_id: mediaId })).news_item;
  }

  /** 修改草稿: replaces the article at `index` (0 = the first). */
  async update(mediaId: string, index: number, article: DraftArticleInput): Promise<void> {
    await this.client.call(E.draftUpdate, { media_id: mediaId, index, articles: article });
  }

  /** 删除草稿. */
  async delete(mediaId: string): Promise<void> {
    await this.client.call(E.draftDelete, { media_id: mediaId });
  }

  /** 获取草稿总数. */
  async count(): Promise<number> {
    return (await this.client.call(E.draftCount)).total_count;
  }

  /** 获取草稿列表: one page (at most 20). */
  batchGet(options: ArticlePageOptions = {}): Promise<DraftBatch> {
    return this.client.call(E.draftBatchGet, pageRequest(options));
  }

  /** Every draft, page by page: `for await (const draft of drafts.iterate()) …`. */
  iterate(options: ArticlePageOptions = {}): AsyncGenerator<DraftListItem, void, undefined> {
    return walkPages((page) => this.client.call(E.draftBatchGet, page), options);
  }

  /**
   * 草稿箱开关设置: reads (`checkOnly`) or opens the draft box; opening cannot be undone.
   * @deprecated The docs mark draft/switch 该接口已废弃: the draft box is open for every account; use `add()` directly.
   */
  async switchDraftBox(checkOnly = true): Promise<boolean> {
    return (await this.client.call(E.draftSwitch, checkOnly ? { checkonly: 1 } : {})).is_open === 1;
  }

  /** 获取商品卡片: the product key (for `product_info`) and the DOM to put in an article's content. */
  getProductCard(productId: string, articleType: ArticleType, cardType: ProductCardType): Promise<ProductCard> {
    return this.client.call(E.productCard, { product_id: productId, article_type: articleType, card_type: cardType });
  }
}
