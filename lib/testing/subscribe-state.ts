/** A 订阅通知 template chosen with `wxaapi/newtmpl/addtemplate`. */
export interface SubscribeTemplateRecord {
  readonly priTmplId: string;
  readonly tid: number;
  readonly title: string;
  readonly content: string;
  readonly example: string;
  /** 2 一次性订阅, 3 长期订阅. */
  readonly type: 2 | 3;
  readonly kidList: readonly number[];
  readonly sceneDesc: string;
}

/** One account's 订阅通知 templates and what each follower agreed to. */
export class SubscribeState {
  readonly templates = new Map<string, SubscribeTemplateRecord>();
  /** openid → priTmplId → sends left (Infinity for long-term); absent or 0 = not accepted. */
  readonly grants = new Map<string, Map<string, number>>();
  /** One-time subscribe messages (`message/template/subscribe`) authorized: `openid|template_id|scene`. */
  readonly oneTime = new Set<string>();

  sendsLeft(openid: string, templateId: string): number {
    return this.grants.get(openid)?.get(templateId) ?? 0;
  }

  setGrant(openid: string, templateId: string, sends: number): void {
    let forUser = this.grants.get(openid);
    if (!forUser) this.grants.set(openid, (forUser = new Map()));
    forUser.set(templateId, sends);
  }
}

export function oneTimeKey(openid: string, templateId: string, scene: number): string {
  return `${openid}|${templateId}|${scene}`;
}
