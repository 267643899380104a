import { ERRCODE_EXPLANATIONS, TOKEN_ERRCODES, explainErrcode } from '../../lib/api/wechat-errcodes.js';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';

describe('errcode table', () => {
  it('explains every listed code in Chinese and English', () => {
    const codes = Object.keys(ERRCODE_EXPLANATIONS).map(Number);
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const { zh, en } = ERRCODE_EXPLANATIONS[code];
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[\x20-\x7e’—]+$/);
    }
  });

  it('covers the token errors, busy and the quota codes callers act on', () => {
    for (const code of [...TOKEN_ERRCODES, -1, 40164, 45009, 45011, 48001]) expect(explainErrcode(code)).toBeDefined();
    expect([...TOKEN_ERRCODES].sort()).toEqual([40001, 40014, 42001]);
    expect(explainErrcode(99999)).toBeUndefined();
  });
});

describe('endpoint table', () => {
  it('lists each endpoint with a documented path, an HTTP method and a doc page', () => {
    for (const [name, spec] of Object.entries(ENDPOINTS)) {
      // /cgi-bin/…, and the areas under /customservice/, /wxa/, /wxaapi/, /datacube/, /cv/, /card/invoice/, /intp/ …
      expect([name, spec.path]).toEqual([name, expect.stringMatching(/^\/[a-z-]+\/[a-z0-9_/]+$/)]);
      expect(['GET', 'POST']).toContain(spec.method);
      // the offiaccount tree, or the current 服务号 (/doc/service/) tree that replaced it
      expect(spec.doc).toMatch(/^https:\/\/developers\.weixin\.qq\.com\/doc\//);
      expect(spec.doc).toMatch(/^https:\/\/developers\.weixin\.qq\.com\/doc\/(offiaccount|service)\//);
      if (spec.method === 'GET') expect(spec.body).toBe('none');
    }
  });

  it('marks every call that delivers to users or changes account state as a send', () => {
    const sends = Object.entries(ENDPOINTS).filter(([, s]) => s.kind === 'send').map(([n]) => n);
    expect(sends).toEqual(
      expect.arrayContaining([
        'customSend', 'templateSend', 'massSendAll', 'massSend', 'massPreview', 'massDelete',
        'menuCreate', 'menuDelete', 'menuAddConditional', 'menuDelConditional', 'materialAdd', 'materialDelete',
        'clearQuota', 'classicToken', 'qrcodeCreatePermanent',
      ]),
    );
  });
});
