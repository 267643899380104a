import 'reflect-metadata';
import fc from 'fast-check';
import { DRAFT_LIMITS, DraftAddDto } from '../../../lib/api/draft/draft.dto.js';
import { validateDto } from '../../../lib/api/dto/validate-dto.js';
import { SUBSCRIBE_VALUE_LIMITS, subscribeDataProblem } from '../../../lib/api/subscribe/subscribe-data.validator.js';
import { WechatValidationError } from '../../../lib/errors/wechat-validation.error.js';

/** Any Unicode text, emoji and variation selectors included; lengths around the limits. */
const text = (max: number) => fc.string({ unit: fc.oneof(fc.constantFrom('字', '😀', '\uFE0F', 'a', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: max });
const codePoints = (value: string) => [...value].length;

function refusal(input: unknown): string | undefined {
  try {
    validateDto(DraftAddDto, input);
    return undefined;
  } catch (error) {
    if (!(error instanceof WechatValidationError)) throw error;
    return error.field;
  }
}

describe('article limits (property)', () => {
  it('a title is refused, naming articles[0].title, exactly when it is empty or over 32 code points', () => {
    fc.assert(
      fc.property(text(40), (title) => {
        const field = refusal({ articles: [{ title, content: 'c', thumb_media_id: 'MEDIA_ID' }] });
        const tooLong = title === '' || codePoints(title) > DRAFT_LIMITS.title;
        return tooLong ? field === 'articles[0].title' : field === undefined;
      }),
    );
  });

  it('a digest and an author follow their limits the same way', () => {
    fc.assert(
      fc.property(text(140), text(20), (digest, author) => {
        const field = refusal({ articles: [{ title: 't', author, digest, content: 'c', thumb_media_id: 'MEDIA_ID' }] });
        if (codePoints(author) > DRAFT_LIMITS.author) return field === 'articles[0].author';
        if (codePoints(digest) > DRAFT_LIMITS.digest) return field === 'articles[0].digest';
        return field === undefined;
      }),
    );
  });

  it('1 to 8 articles pass, more are refused naming articles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), (n) => {
        const field = refusal({ articles: Array.from({ length: n }, () => ({ title: 't', content: 'c', thumb_media_id: 'M' })) });
        return n >= 1 && n <= DRAFT_LIMITS.articles ? field === undefined : field === 'articles';
      }),
    );
  });

  it('subscribe data: a thing value passes exactly up to 20 code points', () => {
    fc.assert(
      fc.property(text(30).filter((v) => v !== ''), (value) => {
        const problem = subscribeDataProblem({ thing1: { value } });
        return codePoints(value) <= SUBSCRIBE_VALUE_LIMITS.thing! ? problem === undefined : problem?.[0] === 'thing1.value';
      }),
    );
  });
});
