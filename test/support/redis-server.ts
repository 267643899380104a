/**
 * A real redis-server for specs: started on a free loopback port with no persistence, stopped afterwards.
 * A missing redis-server fails the suite with the command that installs it; nothing is skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export const REDIS_MISSING =
  'redis-server was not found on PATH. The Redis specs run a real Redis 7: install it with `apt-get install -y redis-server` ' +
  '(npm test does this itself when run as root: scripts/test-setup.mjs).';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`), e.g. to test recovery from an outage. */
  restart(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(port);
    } catch (error) {
      // The port can be taken between freePort() and the bind; try another one a few times.
      if (attempt >= 3 || (error as Error).message === REDIS_MISSING) throw error;
    }
  }
}

async function launch(port: number): Promise<RedisServer> {
  let child = await spawnRedis(port);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await kill(child);
    },
    restart: async () => {
      await kill(child);
      child = await spawnRedis(port);
    },
  };
  return server;
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(REDIS_MISSING) : error));
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before answering PING:\n${output}`)));
  });
  failed.catch(() => undefined);
  try {
    await Promise.race([waitForPing(port, 5_000), failed]);
  } catch (error) {
    await kill(child);
    throw error;
  }
  return child;
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
