import { buildEvent } from '../../message/message-builders.js';
import type { AccountState, JsonObject } from '../emulator-state.js';
import { PLATFORM_SENDER } from '../push/platform-pushes.js';
import { isObject, type AuthedContext } from '../route.js';
import { articleUrl } from './article-rules.js';

/** The articles an mpnews mass send carries: a draft (which then leaves the draft box) or an uploadnews material. */
function massArticles(account: AccountState, body: JsonObject): JsonObject[] | undefined {
  const mediaId = isObject(body.mpnews) ? body.mpnews.media_id : undefined;
  if (typeof mediaId !== 'string') return undefined;
  const draft = account.publishing.drafts.get(mediaId);
  if (draft) {
    // "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除"
    account.publishing.drafts.delete(mediaId);
    return draft.articles;
  }
  return account.publishing.massNews.get(mediaId);
}

function recipients(account: AccountState, to: string | string[]): { total: number; reached: number } {
  const followers = [...account.followers.values()];
  if (Array.isArray(to)) return { total: to.length, reached: to.filter((openid) => account.followers.has(openid)).length };
  if (to === 'all') return { total: followers.length, reached: followers.length };
  const tagId = Number(to.slice('tag:'.length));
  const tagged = followers.filter((f) => f.tagIds.includes(tagId)).length;
  return { total: tagged, reached: tagged };
}

/**
 * Finishes a mass send after the job delay and pushes MASSSENDJOBFINISH
 * (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html,
 * 事件推送群发结果): the counts, and for mpnews the copyright check (CheckState 1: not judged a reprint, sent) and
 * the article URLs.
 */
export function finishMassLater(ctx: AuthedContext, msgId: number, to: string | string[], msgtype: string, body: JsonObject): void {
  const account = ctx.account;
  const articles = msgtype === 'mpnews' ? massArticles(account, body) : undefined;
  ctx.core.later(account, ctx.core.jobDelayMs, () => {
    const { total, reached } = recipients(account, to);
    const copyright = articles && {
      CopyrightCheckResult: {
        Count: String(articles.length),
        ResultList: articles.map((_, i) => ({
          ArticleIdx: String(i + 1),
          UserDeclareState: '0',
          AuditState: '0',
          OriginalArticleUrl: '',
          OriginalArticleType: '0',
          CanReprint: '0',
          NeedReplaceContent: '0',
          NeedShowReprintSource: '0',
        })),
        CheckState: '1',
      },
      ArticleUrlResult: {
        Count: String(articles.length),
        ResultList: articles.map((_, i) => ({ ArticleIdx: String(i + 1), ArticleUrl: articleUrl(ctx, 'published', `mass${msgId}`, i + 1) })),
      },
    };
    return buildEvent('MASSSENDJOBFINISH', {
      FromUserName: PLATFORM_SENDER,
      CreateTime: String(ctx.core.clock.nowSeconds()),
      MsgID: String(msgId),
      Status: 'send success',
      TotalCount: String(total),
      FilterCount: String(reached),
      SentCount: String(reached),
      ErrorCount: '0',
      ...copyright,
    });
  });
}
