import type { AxiosInstance } from 'axios';

/**
 * What the client sends with: an axios instance, or anything that carries one as `axiosRef` (the `HttpService` of
 * @nestjs/axios, whichever major the app uses). The package itself never loads @nestjs/axios, so a CommonJS Nest 11
 * app and an ESM Nest 12 app both work with no configuration.
 */
export type WechatHttpClient = AxiosInstance | { readonly axiosRef: AxiosInstance };

export function axiosOf(client: WechatHttpClient): AxiosInstance {
  return 'axiosRef' in client ? client.axiosRef : client;
}
