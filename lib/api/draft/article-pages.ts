import { DRAFT_LIMITS } from './draft.dto.js';
import type { ArticlePageOptions } from './draft.types.js';

/** The wire page of `draft/batchget` / `freepublish/batchget` from friendlier options. */
export function pageRequest(options: ArticlePageOptions = {}): { offset: number; count: number; no_content?: 0 | 1 } {
  return {
    offset: options.offset ?? 0,
    count: options.count ?? DRAFT_LIMITS.pageSize,
    ...(options.noContent ? { no_content: 1 as const } : {}),
  };
}

/**
 * Walks an offset-paged listing from `options.offset` to its end, one page per call, yielding items. Stops on an
 * empty page too, so a listing that shrinks while it is walked cannot loop.
 */
export async function* walkPages<T>(
  fetchPage: (page: ReturnType<typeof pageRequest>) => Promise<{ total_count: number; item: T[] }>,
  options: ArticlePageOptions = {},
): AsyncGenerator<T, void, undefined> {
  let page = pageRequest(options);
  for (;;) {
    const { total_count, item } = await fetchPage(page);
    yield* item;
    const next = page.offset + item.length;
    if (item.length === 0 || next >= total_count) return;
    page = { ...page, offset: next };
  }
}
