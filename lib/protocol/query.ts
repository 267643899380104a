/** Parsed query parameters, as the HTTP adapter gives them. */
export type QueryLike = Readonly<Record<string, unknown>>;

/** A query parameter, only when it was given exactly once (repeated parameters are refused, not guessed). */
export function singleQueryValue(query: QueryLike, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : undefined;
}

/** The media type of a Content-Type header, lower case, without parameters (`text/xml; charset=utf-8` → `text/xml`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return contentType === undefined ? '' : contentType.split(';', 1)[0]!.trim().toLowerCase();
}
