/**
 * Starts and drives the processes of the multi-process cluster test: each runs test/cluster/cluster-node.mjs (the
 * built sample app plus an IPC command channel). Everything is bounded: startup, commands and shutdown have
 * timeouts, and `stopAll` kills whatever did not exit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_SCRIPT = fileURLToPath(new URL('./cluster-node.mjs', import.meta.url));

export const DIST_MISSING = 'dist/ is missing: the cluster test runs the built package; run `npm run build` (npm test does).';

export interface ClusterNode {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Last 8 KB of the process's output, for failure messages. */
  output(): string;
  command<T>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  onProgress(listener: (done: number) => void): void;
  /** Resolves with how it ended: 'exited' on its own after `stop`, or 'killed'. */
  stop(timeoutMs?: number): Promise<'exited' | 'killed'>;
}

export function requireDist(): void {
  if (!existsSync(`${ROOT}dist/sample/create-sample-app.js`) || !existsSync(`${ROOT}dist/lib/index.js`)) throw new Error(DIST_MISSING);
}

export async function startNode(index: number, env: Record<string, string>, timeoutMs = 30_000): Promise<ClusterNode> {
  const port = await freePort();
  const child = fork(NODE_SCRIPT, [], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_OPTIONS: '' },
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_192));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const progress: ((done: number) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: { type: string; id?: number; result?: unknown; error?: string; done?: number }) => {
    if (message.type === 'progress') progress.forEach((listener) => listener(message.done!));
    if (message.type === 'result') {
      const waiter = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.error !== undefined) waiter?.reject(new Error(`node ${index}: ${message.error}`));
      else waiter?.resolve(message.result);
    }
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`node ${index} exited (${code ?? signal}):\n${output}`));
    pending.clear();
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${index} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.on('message', (message: { type: string; error?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
      if (message.type === 'fatal') {
        clearTimeout(timer);
        reject(new Error(message.error));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${index} exited with code ${code} during startup:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    index,
    port,
    url: `http://127.0.0.1:${port}/wechat`,
    child,
    output: () => output,
    onProgress: (listener) => progress.push(listener),
    command<T>(cmd: string, args: Record<string, unknown> = {}, commandTimeoutMs = 60_000): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`node ${index}: "${cmd}" got no answer within ${commandTimeoutMs} ms:\n${output}`));
        }, commandTimeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ cmd, id, ...args });
      });
    },
    async stop(stopTimeoutMs = 8_000) {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      if (child.connected) child.send({ cmd: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        exited.then(() => 'exited' as const),
        new Promise<'killed'>((resolve) => (timer = setTimeout(() => resolve('killed'), stopTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (outcome === 'killed') {
        child.kill('SIGKILL');
        await exited;
      }
      return outcome;
    },
  };
}
