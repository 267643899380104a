/** Answer of `addtemplate`. */
export interface SubscribeTemplateAdded {
  priTmplId: string;
}

/** One category of `getcategory`. */
export interface SubscribeCategory {
  id: number;
  name: string;
}

/** One keyword of a public template (`getpubtemplatekeywords`); `rule` is the data key kind (`thing`, `time`…). */
export interface PubTemplateKeyword {
  kid: number;
  name: string;
  example: string;
  rule: string;
}

/** One public template title (`getpubtemplatetitles`); type 2 一次性订阅, 3 长期订阅. */
export interface PubTemplateTitle {
  tid: number;
  title: string;
  type: 2 | 3;
  categoryId: string;
}

/** Answer of `getpubtemplatetitles`. */
export interface PubTemplateTitlePage {
  count: number;
  data: PubTemplateTitle[];
}

/** One template of the account (`gettemplate`). */
export interface SubscribeTemplate {
  priTmplId: string;
  title: string;
  /** `物品名称:{{thing1.DATA}}\n…`: the data keys the template takes. */
  content: string;
  example: string;
  type: 2 | 3;
}

/** Input of the one-time subscribe authorize URL builder. */
export interface OneTimeAuthorizeOptions {
  templateId: string;
  /** 0 to 10000; the same scene must be used when sending. */
  scene: number;
  redirectUrl: string;
  /** Echoed back unchanged (≤128 bytes), e.g. a CSRF state. */
  reserved?: string;
}
