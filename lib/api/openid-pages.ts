/** One page of an OpenID listing (followers, a tag's followers, the blacklist). */
export interface OpenidPage {
  /** Followers in all (`user/get`, `getblacklist`); absent for a tag's list. */
  total?: number;
  count: number;
  /** Absent when the page is empty. */
  data?: { openid: string[] };
  /** Pass it to get the next page; the last page's last OpenID, or empty at the end. */
  next_openid: string;
}

/**
 * Every OpenID of a paged listing, page by page: WeChat pages by "the last OpenID you got" and ends with an empty
 * page or an empty `next_openid`. A cursor that does not move also ends it (never a loop).
 */
export async function* iterateOpenids(
  fetchPage: (next: string | undefined) => Promise<OpenidPage>,
  start?: string,
): AsyncGenerator<string, void, undefined> {
  let next = start;
  for (;;) {
    const page = await fetchPage(next);
    const openids = page.data?.openid ?? [];
    yield* openids;
    if (openids.length === 0 || !page.next_openid || page.next_openid === next) return;
    next = page.next_openid;
  }
}
