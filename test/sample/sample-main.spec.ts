import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` runs dist/sample/main.js (after the build `npm test` does first). With no WECHAT_APP_ID it must print
 * the callback URL and, next to it, the emulator page's URL, and the page must already push to that callback.
 */
const MAIN = join(process.cwd(), 'dist', 'sample', 'main.js');

describe('npm start (dist/sample/main.js)', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints the callback URL and the emulator page URL, and the page pushes to the sample', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
    child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, PORT: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    for (let i = 0; i < 300 && !/Menu created|Menu not created/.test(output); i++) await new Promise((r) => setTimeout(r, 50));

    const callback = /WeChat callback URL: (http:\/\/127\.0\.0\.1:\d+\/wechat)/.exec(output)?.[1];
    const pageUrl = /Emulator page \(chat as a follower, menu, QR codes, inspector\): (http:\/\/127\.0\.0\.1:\d+\/ui\/)/.exec(output)?.[1];
    expect(callback).toBeDefined();
    expect(pageUrl).toBeDefined();
    expect(output.indexOf('Emulator page')).toBeGreaterThan(output.indexOf('WeChat callback URL'));

    const state = (await (await fetch(`${pageUrl}api/state`)).json()) as { app: { url: string; mode: string } };
    expect(state.app).toMatchObject({ url: callback, mode: 'safe' });
    const sent = (await (await fetch(`${pageUrl}api/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'text', content: '在吗' }),
    })).json()) as { pushId: number };
    for (let i = 0; i < 200; i++) {
      const { chat } = (await (await fetch(`${pageUrl}api/state`)).json()) as { chat: { pushId?: number; from: string; bubble: { text?: string } }[] };
      const reply = chat.find((c) => c.pushId === sent.pushId && c.from === 'app');
      if (reply) return expect(reply.bubble.text).toBe('你说：在吗');
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no reply; sample output:\n${output}`);
  });
});
