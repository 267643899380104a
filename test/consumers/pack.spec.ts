/**
 * The published package, as users get it: `npm pack`, then installed into throwaway apps under the OS temp
 * directory — CommonJS TypeScript apps on Nest 11 (nodenext, and the classic commonjs/node10 setup) and an ESM
 * TypeScript app on Nest 12 (each `npm install`ed once from the registry, reusing npm's cache), compiled with this
 * repo's TypeScript, started, and sent a signed
 * safe-mode callback. All also load the `nestjs-wechat-mp/testing` entry point (the emulator) and fetch an
 * access token from it. Two of them — the classic CommonJS Nest 11 app (what `nest new` generates) and the ESM
 * Nest 12 app — also run their own `npm test`: Jest with exactly the configuration the README shows for that kind of
 * app, on the README's example spec, against the emulator. Needs `npm run build` (dist/) and registry access.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markedBlock } from '../support/readme-blocks.js';
import { findSecrets } from '../support/test-secrets.js';
import { nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const account = {
  appId: 'wxconsumerapp00001',
  appSecret: 'consumer-app-secret-not-for-logs',
  token: 'consumertoken77',
  encodingAESKey: 'Q29uc3VtZXJBcHBLZXlGb3JQYWNrVGVzdHMwMTIzNDU',
};
const SECRETS = [account.appSecret, account.token, account.encodingAESKey];

interface ConsumerApp {
  name: string;
  /** Directory name under the work directory. */
  id: string;
  dir: string;
  type: 'commonjs' | 'module';
  nest: string;
  /** `nodenext`, or `classic`: `"module": "commonjs"` with its default (node10) resolution, as most Nest ≤ 11 apps have. */
  resolution: 'nodenext' | 'classic';
  /** Which of the README's Jest configurations the app uses for its own `npm test`; none: no Jest run. */
  jest?: 'commonjs' | 'esm';
}

const APPS: Omit<ConsumerApp, 'dir'>[] = [
  { name: 'a CommonJS app on Nest 11 (module nodenext)', id: 'cjs-nodenext', type: 'commonjs', nest: '^11.0.0', resolution: 'nodenext' },
  { name: 'a CommonJS app on Nest 11 (module commonjs, node10 resolution)', id: 'cjs-classic', type: 'commonjs', nest: '^11.0.0', resolution: 'classic', jest: 'commonjs' },
  { name: 'an ESM app on Nest 12', id: 'esm', type: 'module', nest: '^12.0.0', resolution: 'nodenext', jest: 'esm' },
];

/** One source for both apps: what a user writes following the README. */
const MAIN_TS = `import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnText, TokenService, WechatMessage, WechatMpModule, type TextMessage } from 'nestjs-wechat-mp';
import { WechatEmulator } from 'nestjs-wechat-mp/testing';

const account = JSON.parse(process.env.CONSUMER_ACCOUNT ?? '{}') as { appId: string; appSecret: string; token: string; encodingAESKey: string };

@Injectable()
class EchoHandlers {
  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    return \`consumer echo: \${message.Content}\`;
  }
}

@Module({
  imports: [
    WechatMpModule.forRootAsync({
      useFactory: async () => {
        const emulator = await WechatEmulator.start({ port: 0, ...account });
        return { ...account, apiBaseUrl: emulator.url };
      },
    }),
  ],
  providers: [EchoHandlers],
})
class AppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  const token = await app.get(TokenService).getAccessToken();
  const port = (app.getHttpServer().address() as { port: number }).port;
  console.log('CONSUMER-READY ' + JSON.stringify({ port, tokenOk: typeof token === 'string' && token.length > 0 }));
}
void main();
`;

function tsconfig(app: Omit<ConsumerApp, 'dir'>): object {
  const modules =
    app.resolution === 'classic'
      ? // TypeScript 6 wants the deprecation acknowledged; TypeScript 5 (what such apps use) picks node10 silently.
        { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' }
      : // The package.json "type" decides CommonJS or ESM output.
        { module: 'nodenext', moduleResolution: 'nodenext' };
  return {
    compilerOptions: {
      target: 'ES2023',
      ...modules,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      strict: true,
      skipLibCheck: true,
      esModuleInterop: true,
      outDir: 'dist',
      rootDir: 'src',
      types: app.jest ? ['node', 'jest'] : ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    },
    include: ['src'],
  };
}

/** Runs a command to completion, keeping its output (for errors and the secrets scan). */
function run(command: string, args: string[], cwd: string, timeoutMs: number, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // Not this run's Jest worker id: the apps' own Jest runs are top-level runs.
    const { JEST_WORKER_ID: _worker, ...env } = process.env;
    const child = spawn(command, args, { cwd, env: { ...env, npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      log.push(`$ ${command} ${args.join(' ')}\n${output}`);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed with ${code} in ${cwd}:\n${output.slice(-3000)}`));
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const log: string[] = [];
let workDir: string;
let tarball: string;
const prepared = new Map<string, Promise<void>>();

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'nestjs-wechat-mp-consumers-'));
  // --ignore-scripts: npm test has just built dist/; prepare would rebuild it under the specs that are reading it.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--pack-destination', workDir, '--loglevel=error'], ROOT, 60_000, log);
  tarball = join(workDir, packed.trim().split('\n').pop()!.trim());
  // Both installs at once: they are network- and disk-bound.
  for (const app of APPS) prepared.set(app.name, prepare({ ...app, dir: join(workDir, app.id) }));
  await Promise.allSettled(prepared.values());
}, 360_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function prepare(app: ConsumerApp): Promise<void> {
  await mkdir(join(app.dir, 'src'), { recursive: true });
  const pkg = {
    name: `consumer-${app.id}`,
    private: true,
    version: '0.0.0',
    type: app.type,
    dependencies: {
      '@nestjs/common': app.nest,
      '@nestjs/core': app.nest,
      '@nestjs/platform-express': app.nest,
      'reflect-metadata': '^0.2.0',
      rxjs: '^7.8.0',
      'nestjs-wechat-mp': `file:${tarball}`,
    },
    // The Jest apps: the README's scripts and jest keys for their kind, and the versions this repo tests with (so
    // npm's cache has them).
    ...(app.jest
      ? {
          ...(JSON.parse(markedBlock('README.md', `jest-config: ${app.jest}`)) as object),
          devDependencies: { '@nestjs/testing': app.nest, jest: '^30.0.0', 'ts-jest': '^29.4.0', typescript: '~6.0.3' },
        }
      : {}),
  };
  await writeFile(join(app.dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(join(app.dir, 'tsconfig.json'), `${JSON.stringify(tsconfig(app), null, 2)}\n`);
  await writeFile(join(app.dir, 'src', 'main.ts'), MAIN_TS);
  if (app.jest) await writeFile(join(app.dir, 'src', 'bot.spec.ts'), markedBlock('README.md', 'consumer-spec'));
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app.dir, 300_000, log);
  await run(process.execPath, [TSC, '-p', 'tsconfig.json'], app.dir, 60_000, log);
}

describe.each(APPS)('the packed package in $name', (template) => {
  const app: ConsumerApp = { ...template, dir: '' };
  let child: ChildProcess | undefined;
  let output = '';
  let url = '';

  beforeAll(async () => {
    app.dir = join(workDir, app.id);
    await prepared.get(app.name);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('installs, compiles against its Nest version, boots and fetches a token through the emulator entry point', async () => {
    const installed = JSON.parse(await run(npm, ['ls', '@nestjs/core', '--json', '--loglevel=error'], app.dir, 30_000, log)) as {
      dependencies: Record<string, { version: string }>;
    };
    const major = app.nest.replace(/^\^/, '').split('.')[0];
    expect(installed.dependencies['@nestjs/core']!.version.split('.')[0]).toBe(major);
    // As the README's install line says: no @nestjs/axios at all (an optional peer, never loaded by the package),
    // so no ESM-only @nestjs/axios 12 lands in a CommonJS Nest 11 app, and nothing below runs into one.
    expect(existsSync(join(app.dir, 'node_modules', '@nestjs', 'axios'))).toBe(false);
    expect(existsSync(join(app.dir, 'node_modules', 'nestjs-wechat-mp', 'node_modules', '@nestjs', 'axios'))).toBe(false);

    child = spawn(process.execPath, ['dist/main.js'], { cwd: app.dir, env: { ...process.env, CONSUMER_ACCOUNT: JSON.stringify(account) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
    const ready = await new Promise<{ port: number; tokenOk: boolean }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output.slice(-3000)}`)), 30_000);
      child!.stdout!.on('data', () => {
        const match = /CONSUMER-READY (\{.*\})/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(JSON.parse(match[1]!) as { port: number; tokenOk: boolean });
        }
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the app exited with ${code}:\n${output.slice(-3000)}`));
      });
    });
    expect(ready.tokenOk).toBe(true);
    url = `http://127.0.0.1:${ready.port}/wechat`;
  });

  it('answers the handshake and a signed safe-mode message with an encrypted reply', async () => {
    const timestamp = nowSeconds();
    const handshake = await fetch(`${url}?${new URLSearchParams({ signature: sha1Sorted([account.token, timestamp, '3']), timestamp, nonce: '3', echostr: 'consumer-echo' })}`);
    expect(await handshake.text()).toBe('consumer-echo');

    const message = xmlOf({ ToUserName: 'gh_consumer', FromUserName: 'oConsumer', CreateTime: timestamp, MsgType: 'text', Content: `hello ${app.id}`, MsgId: '42' });
    const { query, body } = signCallback(account, message, 'safe');
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect(res.status).toBe(200);
    const reply = openEncryptedReply(account, await res.text());
    expect(reply.appId).toBe(account.appId);
    expect(xmlField(reply.xml, 'Content')).toBe(`consumer echo: hello ${app.id}`);
    expect(xmlField(reply.xml, 'ToUserName')).toBe('oConsumer');
  });

  if (template.jest) {
    it(`runs its own npm test: Jest with the README's ${template.jest} configuration on the README's example spec`, async () => {
      const output = await run(npm, ['test', '--silent'], app.dir, 180_000, log);
      expect(output).toMatch(/Tests:\s+6 passed, 6 total/);
      expect(output).not.toMatch(/failed/);
    }, 200_000);
  }

  it('logged no secret while installing, compiling or serving', () => {
    expect(findSecrets([...log, output].join('\n'), SECRETS)).toEqual([]);
  });
});
