// Types of api-reference.mjs, for the docs test (test/docs/readme.spec.ts).
export interface EndpointRow {
  readonly method: string;
  readonly path: string;
  readonly doc: string;
  readonly title?: string;
}
export interface ServiceMethods {
  className: string;
  methods: { name: string; params: string[]; endpoints: string[] }[];
}
export const MARKERS: { readonly start: string; readonly end: string };
export const README_LANGS: readonly (readonly ['README.md' | 'README.zh-CN.md', 'en' | 'zh'])[];
export function readServices(apiDir: string): ServiceMethods[];
export function renderApiReference(endpoints: Readonly<Record<string, EndpointRow>>, services: ServiceMethods[], lang?: 'en' | 'zh'): string;
export function replaceSection(text: string, section: string): string;
