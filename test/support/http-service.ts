import { HttpService } from '@nestjs/axios';
import type { AxiosInstance } from 'axios';

/**
 * An HttpService on the spec's own axios instance. @nestjs/axios 4 (CommonJS; the repo develops on Nest 11) types
 * its argument with axios' CommonJS declarations, while these ESM specs see axios' ESM ones: one class typed twice.
 */
export function httpServiceOn(instance: AxiosInstance): HttpService {
  return new HttpService(instance as unknown as ConstructorParameters<typeof HttpService>[0]);
}
