import { randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { computeSignature } from '../../crypto/signature.js';

/** What the endpoint answered to WeChat's URL verification (服务器配置 → 提交). */
export interface HandshakeResult {
  /** HTTP status, 0 when no answer came. */
  readonly status: number;
  /** The body as received (cut at 64 KiB). */
  readonly body: string;
  /** The `echostr` sent: a passing endpoint answers exactly this. */
  readonly echostr: string;
  /** The endpoint echoed `echostr` with HTTP 200, as WeChat requires. */
  readonly ok: boolean;
  /** Set when no answer came (refused connection, timeout…). */
  readonly error?: string;
}

const MAX_BODY = 64 * 1024;

/**
 * Sends the GET WeChat sends when a developer saves the server URL: `signature` (SHA-1 of the sorted token,
 * timestamp and nonce), `timestamp`, `nonce` and `echostr`, which the endpoint must echo verbatim.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
 */
export async function handshake(
  url: string,
  token: string,
  options: { echostr?: string; timeoutMs?: number; timestamp?: string; nonce?: string } = {},
): Promise<HandshakeResult> {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(1_000_000_000, 9_999_999_999));
  const echostr = options.echostr ?? randomBytes(9).toString('base64url');
  const target = new URL(url);
  target.searchParams.set('signature', computeSignature([token, timestamp, nonce]));
  target.searchParams.set('timestamp', timestamp);
  target.searchParams.set('nonce', nonce);
  target.searchParams.set('echostr', echostr);
  const answer = await get(target, options.timeoutMs ?? 5000);
  if ('error' in answer) return { status: 0, body: '', echostr, ok: false, error: answer.error };
  return { status: answer.status, body: answer.body, echostr, ok: answer.status === 200 && answer.body === echostr };
}

/** One GET with node:http (fetch refuses "bad ports" such as 6000 that a local endpoint may use). */
function get(url: URL, timeoutMs: number): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY) }));
      res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'timeout' })));
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end();
  });
}
