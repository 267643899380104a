import { endpoint } from '../endpoint.js';
import { ShortenFetchDto, ShortenGenDto } from './shorten.dto.js';
import type { LongDataResult, ShortKeyResult } from './shorten.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/qrcode/shorten';

/** 短key托管: store up to 4 KB behind a 15-character key for up to 30 days. */
export const SHORTEN_ENDPOINTS = {
  /** A repeat only makes one more key nobody holds: safe to retry. */
  shortenGen: endpoint<ShortKeyResult>()({
    title: '短key托管-生成', method: 'POST', path: '/cgi-bin/shorten/gen', kind: 'read', request: ShortenGenDto,
    response: 'json', expect: ['short_key'], doc: `${DOC}/api_genshortkey`,
  }),
  shortenFetch: endpoint<LongDataResult>()({
    title: '短key托管-还原', method: 'POST', path: '/cgi-bin/shorten/fetch', kind: 'read', request: ShortenFetchDto,
    response: 'json', expect: ['long_data'], doc: `${DOC}/api_fetchshorten`,
  }),
} as const;
