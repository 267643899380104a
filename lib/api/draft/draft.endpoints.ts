import { endpoint } from '../endpoint.js';
import { ArticlePageDto, DraftAddDto, DraftMediaIdDto, DraftSwitchDto, DraftUpdateDto, ProductCardDto } from './draft.dto.js';
import type { DraftAddResult, DraftBatch, DraftCountResult, DraftGetResult, DraftSwitchResult, ProductCard } from './draft.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Draft_Box';

/** The draft box (草稿箱) and the product cards an article can embed. */
export const DRAFT_ENDPOINTS = {
  draftAdd: endpoint<DraftAddResult>()({
    title: '新建草稿', method: 'POST', path: '/cgi-bin/draft/add', kind: 'send', request: DraftAddDto, response: 'json',
    expect: ['media_id'], doc: `${DOC}/Add_draft.html`,
  }),
  draftGet: endpoint<DraftGetResult>()({
    title: '获取草稿', method: 'POST', path: '/cgi-bin/draft/get', kind: 'read', request: DraftMediaIdDto, response: 'json',
    expect: ['news_item'], doc: `${DOC}/Get_draft.html`,
  }),
  /** Replacing an article with the same content twice leaves the same draft: safe to repeat. */
  draftUpdate: endpoint()({
    title: '修改草稿', method: 'POST', path: '/cgi-bin/draft/update', kind: 'read', request: DraftUpdateDto, response: 'json',
    doc: `${DOC}/Update_draft.html`,
  }),
  draftDelete: endpoint()({
    title: '删除草稿', method: 'POST', path: '/cgi-bin/draft/delete', kind: 'send', request: DraftMediaIdDto, response: 'json',
    doc: `${DOC}/Delete_draft.html`,
  }),
  draftCount: endpoint<DraftCountResult>()({
    title: '获取草稿总数', method: 'GET', path: '/cgi-bin/draft/count', kind: 'read', response: 'json',
    expect: ['total_count'], doc: `${DOC}/Count_drafts.html`,
  }),
  draftBatchGet: endpoint<DraftBatch>()({
    title: '获取草稿列表', method: 'POST', path: '/cgi-bin/draft/batchget', kind: 'read', request: ArticlePageDto, response: 'json',
    expect: ['item'], doc: `${DOC}/Get_draft_list.html`,
  }),
  /**
   * Opening the draft box cannot be undone.
   * @deprecated The docs mark draft/switch 该接口已废弃: the draft box is open for every account; use `draftAdd`.
   */
  draftSwitch: endpoint<DraftSwitchResult>()({
    title: '草稿箱开关设置', method: 'POST', path: '/cgi-bin/draft/switch', kind: 'send', request: DraftSwitchDto, query: ['checkonly'],
    response: 'json', expect: ['is_open'], doc: `${DOC}/Temporary_MP_Switch.html`,
    deprecated: 'the docs mark draft/switch 该接口已废弃: the draft box is open for every account; use draft/add directly',
  }),
  productCard: endpoint<ProductCard>()({
    title: '获取商品卡片', method: 'POST', path: '/channels/ec/service/product/getcardinfo', kind: 'read', request: ProductCardDto,
    response: 'json', expect: ['product_key'], doc: 'https://developers.weixin.qq.com/doc/service/api/draftbox/shop/api_ecsgetproductcardinfo.html',
  }),
} as const;
