/**
 * Properties of the whole inbound protocol in process (`WechatInboundService`), complementing the unit properties
 * in test/crypto and test/message: requests are signed and encrypted by the independent wire implementation, so
 * these check the service against the docs, not against itself.
 */
import fc from 'fast-check';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { WechatInboundService, type OpenedCallback } from '../../lib/http/wechat-inbound.service.js';
import { renderMessageXml } from '../../lib/message/message-serializer.js';
import type { InboundMessage } from '../../lib/message/message-types.js';
import type { Reply } from '../../lib/message/reply.js';
import { WechatAccounts } from '../../lib/wechat-accounts.js';
import { REQUEST_KEYS } from '../../lib/wechat-mp.constants.js';
import { resolveAccounts } from '../../lib/wechat-mp.options-resolver.js';
import { EVERY_TYPE, xmlString } from '../message/message-arbitraries.js';
import { aesEncrypt, nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField } from '../support/wechat-wire.js';
import type { WechatInboundPipeline } from '../../lib/inbound/inbound.pipeline.js';

const account = { appId: 'wxpropertytest0001', token: 'propertytoken42', encodingAESKey: 'UHJvcGVydHlUZXN0S2V5Rm9yVGhlSW5ib3VuZDAxMjM' };
// Only open and seal are exercised here; `handle` (the pipeline) is covered by the pipeline and e2e specs.
const noPipeline = null as unknown as WechatInboundPipeline;
const service = new WechatInboundService(new WechatAccounts(resolveAccounts({ ...account, requireEncryption: false })), noPipeline);
const MODES = ['plain', 'compatible', 'safe'] as const;

/** A request object as the HTTP layer hands it over, with the raw body already captured. */
function requestOf(query: URLSearchParams | Record<string, unknown>, body: string | Buffer, contentType: string | undefined = 'text/xml') {
  return {
    method: 'POST',
    url: '/wechat',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    query: query instanceof URLSearchParams ? Object.fromEntries(query) : query,
    params: {},
    [REQUEST_KEYS.rawBody]: Buffer.isBuffer(body) ? body : Buffer.from(body),
  };
}

const anyMessage = fc.oneof(...EVERY_TYPE.map(([, arbitrary]) => arbitrary)) as fc.Arbitrary<Record<string, unknown>>;

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (!(error instanceof WechatInboundError)) throw error;
    return error.reason;
  }
}

describe('WechatInboundService: the protocol round trip', () => {
  it('opens any message identically in all three modes, and knows which mode it was', async () => {
    await fc.assert(
      fc.asyncProperty(anyMessage, async (generated) => {
        const xml = renderMessageXml(generated as unknown as InboundMessage);
        const opened: OpenedCallback[] = [];
        for (const mode of MODES) {
          const { query, body } = signCallback(account, xml, mode);
          const result = await service.open(requestOf(query, body));
          expect(result.context.mode).toBe(mode);
          expect(result.encrypted).toBe(mode !== 'plain');
          opened.push(result);
        }
        expect(opened[1]!.message).toEqual(opened[0]!.message);
        expect(opened[2]!.message).toEqual(opened[0]!.message);
        expect(opened[0]!.message).toEqual(generated);
      }),
      { numRuns: 150 },
    );
  });

  it('seals any text reply so that the docs’ procedure verifies and decrypts it, addressed back to the sender', async () => {
    await fc.assert(
      fc.asyncProperty(xmlString, xmlString, xmlString.filter((s) => s !== ''), fc.constantFrom(...MODES), async (from, to, content, mode) => {
        // (A `]]>` inside a name is split across CDATA sections; the reply-serializer specs cover that.)
        fc.pre(!from.includes(']]>') && !to.includes(']]>'));
        const xml = renderMessageXml({ ToUserName: to, FromUserName: from, CreateTime: '1700000000', MsgType: 'text', Content: 'x', MsgId: '1' } as InboundMessage);
        const { query, body } = signCallback(account, xml, mode, { nonce: 'n0nce' });
        const opened = await service.open(requestOf(query, body));
        const sealed = service.seal(opened, { type: 'text', content } satisfies Reply);
        const replyXml = mode === 'plain' ? sealed.body : openEncryptedReply(account, sealed.body).xml;
        if (mode !== 'plain') {
          expect(openEncryptedReply(account, sealed.body).appId).toBe(account.appId);
          expect(xmlField(sealed.body, 'Nonce')).toBe('n0nce');
        }
        // XML 1.0 cannot carry every code point; the serializer drops the ones it cannot (see xml-writer.ts).
        const representable = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(xmlField(replyXml, 'ToUserName')).toBe(representable(from));
        expect(xmlField(replyXml, 'FromUserName')).toBe(representable(to));
        expect(xmlField(replyXml, 'Content')).toBe(representable(content).split(']]>')[0]);
      }),
      { numRuns: 200 },
    );
  });
});

const text = () => renderMessageXml({ ToUserName: 'gh', FromUserName: 'o', CreateTime: nowSeconds(), MsgType: 'text', Content: 'hi', MsgId: '1' } as InboundMessage);

describe('WechatInboundService: signatures', () => {
  const hex40 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });

  it('refuses any change to a signed query parameter, in every mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODES),
        fc.constantFrom('signature', 'timestamp', 'nonce', 'msg_signature'),
        fc.oneof(hex40, fc.string({ maxLength: 20 }), fc.nat().map(String)),
        async (mode, key, replacement) => {
          const { query, body } = signCallback(account, text(), mode);
          if (key === 'msg_signature' && mode === 'plain') return;
          fc.pre(query.get(key) !== replacement);
          query.set(key, replacement);
          const reason = await reasonOf(service.open(requestOf(query, body)));
          expect(['signature_invalid', 'msg_signature_invalid', 'timestamp_invalid', 'signature_missing']).toContain(reason);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an Encrypt value changed after signing, before decrypting it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), async (at, replacement) => {
        const timestamp = nowSeconds();
        const encrypt = aesEncrypt(account.encodingAESKey, account.appId, text());
        const i = at % encrypt.length;
        fc.pre(encrypt[i] !== replacement && encrypt[i] !== '=');
        const tampered = encrypt.slice(0, i) + replacement + encrypt.slice(i + 1);
        const query = new URLSearchParams({
          signature: sha1Sorted([account.token, timestamp, '1']),
          timestamp,
          nonce: '1',
          encrypt_type: 'aes',
          msg_signature: sha1Sorted([account.token, timestamp, '1', encrypt]),
        });
        expect(await reasonOf(service.open(requestOf(query, `<xml><Encrypt><![CDATA[${tampered}]]></Encrypt></xml>`)))).toBe('msg_signature_invalid');
      }),
      { numRuns: 200 },
    );
  });
});

describe('WechatInboundService: hostile requests', () => {
  const queryValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })));
  const query = fc.record(
    { signature: queryValue, timestamp: queryValue, nonce: queryValue, encrypt_type: queryValue, msg_signature: queryValue, openid: queryValue, echostr: queryValue },
    { requiredKeys: [] },
  );
  const body = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)));
  const contentType = fc.oneof(fc.constantFrom('text/xml', 'application/json', 'text/plain', 'application/xml', 'text/html', undefined), fc.string({ maxLength: 30 }));

  it('only ever refuses with WechatInboundError, whatever the query, body and content type', async () => {
    await fc.assert(
      fc.asyncProperty(query, body, contentType, async (q, b, type) => {
        await reasonOf(service.open(requestOf(q, b, type)));
        try {
          service.verifyHandshake({ method: 'GET', headers: {}, query: q, params: {} });
        } catch (error) {
          expect(error).toBeInstanceOf(WechatInboundError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('with a valid signature, still only refuses with WechatInboundError for any body', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.constantFrom(...MODES), async (b, type, mode) => {
        const { query } = signCallback(account, text(), mode);
        const reason = await reasonOf(service.open(requestOf(query, b, type)));
        expect(reason).not.toBe('signature_invalid');
      }),
      { numRuns: 2000 },
    );
  });
});
