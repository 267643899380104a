import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { FuzzCase } from './hostile-inputs.js';

const SERVER_ENTRY = fileURLToPath(new URL('./sample-server.mjs', import.meta.url));
const MAX_OUTPUT = 64 * 1024 * 1024;

/** The sample app in a child process, with everything it prints kept for the secrets scan. */
export interface SampleProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startSample(adapter: 'express' | 'fastify', timeoutMs = 30_000): Promise<SampleProcess> {
  // A clean environment: the sample's development defaults, whatever the developer's shell has set.
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('WECHAT_') && key !== 'PORT' && key !== 'HOST')),
    // The hostile cases include plaintext callbacks; the dev key would otherwise refuse them all (401).
    WECHAT_REQUIRE_ENCRYPTION: 'false',
  };
  const child = spawn(process.execPath, [SERVER_ENTRY, adapter], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let output = '';
  const append = (chunk: string) => {
    if (output.length < MAX_OUTPUT) output += chunk;
  };
  child.stdout!.setEncoding('utf8').on('data', append);
  child.stderr!.setEncoding('utf8').on('data', append);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sample did not start in ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    const onData = () => {
      const match = /FUZZ-READY (\{.*\})/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve((JSON.parse(match[1]!) as { port: number }).port);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample exited with ${code} before listening (is dist/ built? run npm run build):\n${output.slice(-2000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.stdin!.end();
      }),
  };
}

export type Outcome = (
  | { kind: 'status'; status: number; body: string; ms: number }
  | { kind: 'hang'; ms: number }
  | { kind: 'error'; code: string; ms: number }
) & { retried?: boolean };

const RESPONSE_KEEP = 64 * 1024;

/**
 * Sends one case; never rejects. A response that arrives counts even if the server closes the socket afterwards.
 * A reset on a reused keep-alive socket is the client's race with a server that closed it after an earlier answer
 * (Node documents retrying on `req.reusedSocket`): the case is sent once more on a fresh connection, and only
 * that outcome counts.
 */
export async function send(baseUrl: string, agent: Agent | false, fuzzCase: FuzzCase, timeoutMs: number): Promise<Outcome> {
  const first = await sendOnce(baseUrl, agent, fuzzCase, timeoutMs);
  if (first.kind !== 'error' || !first.reusedSocket) return first;
  return { ...(await sendOnce(baseUrl, false, fuzzCase, timeoutMs)), retried: true };
}

function sendOnce(baseUrl: string, agent: Agent | false, fuzzCase: FuzzCase, timeoutMs: number): Promise<Outcome & { reusedSocket?: boolean }> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome & { reusedSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const headers: Record<string, string | number> = { ...fuzzCase.headers };
    const declared = headers['x-fuzz-declared-length'];
    delete headers['x-fuzz-declared-length'];
    if (fuzzCase.body) headers['content-length'] = declared ?? fuzzCase.body.length;
    let req: ReturnType<typeof request>;
    try {
      req = request(`${baseUrl}${fuzzCase.path}`, { method: fuzzCase.method, headers, agent: declared ? false : agent });
    } catch (error) {
      // The client refused to build the request (an invalid path or header): nothing reached the server.
      resolve({ kind: 'error', code: `client:${(error as NodeJS.ErrnoException).code ?? 'invalid'}`, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      done({ kind: 'hang', ms: ms() });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => done({ kind: 'status', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: ms() });
      res.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_KEEP) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', finish);
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ kind: 'error', code: error.code ?? error.message, ms: ms(), reusedSocket: req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') }),
    );
    if (fuzzCase.body) {
      req.end(declared ? fuzzCase.body.subarray(0, Math.min(fuzzCase.body.length, 1024)) : fuzzCase.body);
    } else {
      req.end();
    }
  });
}

/** Runs `count` cases with `concurrency` in flight, calling `check` on every outcome. */
export async function runCases(
  baseUrl: string,
  caseAt: (id: number) => FuzzCase,
  count: number,
  { concurrency = 8, timeoutMs = 10_000, firstId = 0 }: { concurrency?: number; timeoutMs?: number; firstId?: number },
  check: (fuzzCase: FuzzCase, outcome: Outcome) => void,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = firstId;
  const end = firstId + count;
  const worker = async () => {
    while (next < end) {
      const fuzzCase = caseAt(next++);
      check(fuzzCase, await send(baseUrl, agent, fuzzCase, timeoutMs));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}
