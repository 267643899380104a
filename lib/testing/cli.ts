import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BUILDER_DEFAULTS, buildEvent, buildMessage } from '../message/message-builders.js';
import { isKnownEventType, type InboundMessage } from '../message/message-types.js';
import type { EmulatorTemplate } from './emulator.options.js';
import type { EmulatorFollower } from './follower-seed.js';
import { handshake, type HandshakeResult } from './push/handshake.js';
import { pushMessage, type PushFormat, type PushMode, type PushResult } from './push/push-client.js';
import { WechatEmulator } from './wechat-emulator.js';

/** Where the CLI writes; `process` fits, tests pass collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CliResult {
  /** Process exit code: 0 ok, 1 failure, 2 bad usage. */
  code: number;
  /** The running emulator (serve mode); the caller stops it. */
  emulator?: WechatEmulator;
}

export const USAGE = `Usage:
  wechat-mp-emulator --port N --app-id ID --app-secret SECRET [--token T --aes-key K]
                     [--app-url URL [--mode plain|compatible|safe] [--format xml|json]] [--job-delay MS]
                     [--follower OPENID]... [--template ID[=TITLE]]... [--seed FILE.json]
      Runs the WeChat 公众号 API emulator on 127.0.0.1:N (0 = a free port) and prints its URL and its web page's
      URL (a phone to chat as a follower, the custom menu, QR codes, an inspector). --app-url is your callback URL
      (服务器配置): the page's pushes and the platform's own events (PUBLISHJOBFINISH, MASSSENDJOBFINISH,
      subscribe_msg_*, kf sessions, e-invoice events) go there, signed with --token; --mode defaults to safe
      with --aes-key, else plain. --job-delay: how long a publish or mass send runs before its event (default 1000).
      --follower and --template repeat; --seed reads {"followers": [...], "templates": [...]}, where a follower is
      an OpenID or {"openid", "subscribeTime", "remark", "tags": [names], "subscribeScene", "blacklisted"} and a
      template is {"templateId", "title", "content", "example", "primaryIndustry", "deputyIndustry"}.

  wechat-mp-emulator push --url URL --token T [--app-id ID --aes-key K --mode plain|compatible|safe]
                          [--format xml|json] [--timeout MS] [--from OPENID] [--to GH_ID] <what>
      Pushes one message to your endpoint as WeChat does and prints the reply. <what> is one of:
        text "hello"              a text message
        event subscribe           an event (any Event name)
        event CLICK API_MENU_P_2  an event with its EventKey
      A refused push (HTTP 401, 403, 5xx…) prints the status and the body your endpoint answered.

  wechat-mp-emulator handshake --url URL --token T [--echostr S] [--timeout MS]
      Sends the signed GET of WeChat's URL verification (服务器配置) and checks that your endpoint echoes echostr.
`;

const MODES: readonly PushMode[] = ['plain', 'compatible', 'safe'];
const FORMATS: readonly PushFormat[] = ['xml', 'json'];

class UsageError extends Error {}

/** Runs the CLI with `argv` (no node/script prefix). Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  try {
    if (argv[0] === 'push') return await runPush(argv.slice(1), io);
    if (argv[0] === 'handshake') return await runHandshake(argv.slice(1), io);
    return await runServe(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`wechat-mp-emulator: ${(error as Error).message}\n\n${USAGE}`);
      return { code: 2 };
    }
    io.stderr.write(`wechat-mp-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return { code: 1 };
  }
}

async function runServe(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'app-id': { type: 'string' },
      'app-secret': { type: 'string' },
      token: { type: 'string' },
      'aes-key': { type: 'string' },
      'app-url': { type: 'string' },
      mode: { type: 'string' },
      format: { type: 'string' },
      'job-delay': { type: 'string' },
      follower: { type: 'string', multiple: true },
      template: { type: 'string', multiple: true },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return { code: 0 };
  }
  const port = integer(values.port ?? '0', '--port', 0, 65535);
  const appId = required(values['app-id'], '--app-id');
  const appSecret = required(values['app-secret'], '--app-secret');
  const appUrl = values['app-url'];
  const mode = values.mode === undefined ? undefined : oneOf(values.mode, MODES, '--mode');
  const format = values.format === undefined ? undefined : oneOf(values.format, FORMATS, '--format');
  if (appUrl === undefined && (mode || format)) throw new UsageError('--mode and --format go with --app-url');
  if (appUrl !== undefined && !values.token) throw new UsageError('--app-url needs --token (pushes are signed with it)');
  if (mode !== undefined && mode !== 'plain' && !values['aes-key']) throw new UsageError(`--mode ${mode} needs --aes-key`);
  if (appUrl !== undefined && !/^https?:\/\/[^/]/i.test(appUrl)) throw new UsageError('--app-url must be an http:// or https:// URL');
  const jobDelayMs = values['job-delay'] === undefined ? undefined : integer(values['job-delay'], '--job-delay', 0, 3_600_000);
  const seed = values.seed === undefined ? { followers: [], templates: [] } : await readSeed(values.seed);
  const followers = [...seed.followers, ...(values.follower ?? []).map((openid) => nonEmpty(openid, '--follower'))];
  const templates = [...seed.templates, ...(values.template ?? []).map(templateFlag)];
  const emulator = await WechatEmulator.start({
    port,
    appId,
    appSecret,
    token: values.token,
    encodingAESKey: values['aes-key'],
    jobDelayMs,
    ...(followers.length > 0 ? { followers } : {}),
    ...(templates.length > 0 ? { templates } : {}),
    ...(appUrl === undefined ? {} : { app: { url: appUrl, mode, format } }),
  });
  io.stdout.write(`WeChat emulator listening on ${emulator.url}\n`);
  io.stdout.write(`Emulator page: ${emulator.pageUrl}\n`);
  const app = emulator.connectedApp();
  if (app) io.stdout.write(`Pushes go to ${app.url} (${app.mode ?? (values['aes-key'] ? 'safe' : 'plain')}, ${app.format ?? 'xml'})\n`);
  if (followers.length > 0 || templates.length > 0) {
    io.stdout.write(`seeded ${followers.length} follower${followers.length === 1 ? '' : 's'}, ${templates.length} template${templates.length === 1 ? '' : 's'}\n`);
  }
  return { code: 0, emulator };
}

async function runPush(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'app-id': { type: 'string' },
      'aes-key': { type: 'string' },
      mode: { type: 'string' },
      format: { type: 'string' },
      timeout: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const url = required(values.url, '--url');
  const token = required(values.token, '--token');
  const mode = oneOf(values.mode ?? 'plain', MODES, '--mode');
  const format = oneOf(values.format ?? 'xml', FORMATS, '--format');
  const timeoutMs = integer(values.timeout ?? '5000', '--timeout', 1, 60_000);
  if (mode !== 'plain' && !values['aes-key']) throw new UsageError(`--mode ${mode} needs --aes-key`);
  const appId = values['app-id'] ?? (mode === 'plain' ? 'wx0000000000000000' : required(undefined, '--app-id'));
  const message = messageFrom(positionals, values.from, values.to);
  const result = await pushMessage(url, message, { token, appId, encodingAESKey: values['aes-key'] }, { mode, format, timeoutMs });
  io.stdout.write(describe(result));
  return { code: result.error ? 1 : 0 };
}

async function runHandshake(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      echostr: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const url = required(values.url, '--url');
  const token = required(values.token, '--token');
  const timeoutMs = integer(values.timeout ?? '5000', '--timeout', 1, 60_000);
  const result = await handshake(url, token, { echostr: values.echostr, timeoutMs });
  io.stdout.write(describeHandshake(result));
  return { code: result.ok ? 0 : 1 };
}

function describeHandshake(result: HandshakeResult): string {
  if (result.status === 0) return `no answer (${result.error ?? 'unknown error'})\n`;
  if (result.ok) return `HTTP 200: echostr echoed, URL verification passes\n`;
  const why = result.status === 200 ? `expected the body to be exactly echostr ${JSON.stringify(result.echostr)}` : 'refused';
  return `HTTP ${result.status}: ${why}\nbody: ${bodyText(result.body)}\n`;
}

/** A body for the terminal: quoted (so whitespace shows), cut at 2000 characters. */
function bodyText(body: string): string {
  if (body === '') return '(empty)';
  return body.length > 2000 ? `${JSON.stringify(body.slice(0, 2000))}… (${body.length} characters)` : JSON.stringify(body);
}

interface Seed {
  followers: (string | EmulatorFollower)[];
  templates: EmulatorTemplate[];
}

/** Reads a seed file, naming the first malformed entry (`followers[2].openid`). */
async function readSeed(file: string): Promise<Seed> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--seed ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : (error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const bad = (field: string, what: string): never => {
    throw new UsageError(`--seed ${file}: ${field} ${what}`);
  };
  if (!isRecord(parsed)) bad('the file', 'must hold a JSON object');
  const seed = parsed as Record<string, unknown>;
  const followers = seed.followers ?? [];
  const templates = seed.templates ?? [];
  if (!Array.isArray(followers)) bad('followers', 'must be an array');
  if (!Array.isArray(templates)) bad('templates', 'must be an array');
  (followers as unknown[]).forEach((f, i) => {
    if (typeof f === 'string' && f !== '') return;
    if (!isRecord(f) || typeof f.openid !== 'string' || f.openid === '') bad(`followers[${i}].openid`, 'must be a non-empty string');
    const record = f as Record<string, unknown>;
    if (record.subscribeTime !== undefined && !Number.isInteger(record.subscribeTime)) bad(`followers[${i}].subscribeTime`, 'must be Unix seconds');
    if (record.tags !== undefined && !(Array.isArray(record.tags) && record.tags.every((t) => typeof t === 'string' && t !== ''))) {
      bad(`followers[${i}].tags`, 'must be an array of tag names');
    }
    for (const key of ['remark', 'subscribeScene'] as const) {
      if (record[key] !== undefined && typeof record[key] !== 'string') bad(`followers[${i}].${key}`, 'must be a string');
    }
  });
  (templates as unknown[]).forEach((t, i) => {
    if (!isRecord(t) || typeof t.templateId !== 'string' || t.templateId === '') bad(`templates[${i}].templateId`, 'must be a non-empty string');
  });
  return { followers: followers as Seed['followers'], templates: templates as EmulatorTemplate[] };
}

/** `--template ID` or `--template ID=标题`. */
function templateFlag(value: string): EmulatorTemplate {
  const at = value.indexOf('=');
  const templateId = nonEmpty(at === -1 ? value : value.slice(0, at), '--template');
  return at === -1 ? { templateId } : { templateId, title: value.slice(at + 1) };
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageFrom(positionals: readonly string[], from: string | undefined, to: string | undefined): InboundMessage {
  const [kind, first, second, ...rest] = positionals;
  const base: Record<string, string> = {};
  if (from) base.FromUserName = from;
  if (to) base.ToUserName = to;
  if (kind === 'text' && first !== undefined && second === undefined) {
    return buildMessage('text', { ...base, Content: first }) as InboundMessage;
  }
  if (kind === 'event' && first !== undefined && rest.length === 0) {
    const fields = second === undefined ? base : { ...base, EventKey: second };
    if (isKnownEventType(first)) return buildEvent(first, fields as never) as InboundMessage;
    // an event this version does not know still goes out, with the builders' defaults
    return { ...BUILDER_DEFAULTS, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'event', Event: first, ...fields } as InboundMessage;
  }
  throw new UsageError('say what to push: text "…", or event NAME [EVENT_KEY]');
}

function describe(result: PushResult): string {
  const lines = [`HTTP ${result.status || '-'} after ${result.deliveries} ${result.deliveries === 1 ? 'delivery' : 'deliveries'}`];
  if (result.status !== 0 && result.status !== 200) lines.push(`refused with HTTP ${result.status}; body: ${bodyText(result.raw)}`);
  else if (result.reply === '' || result.reply === 'success') lines.push(`no reply (${result.reply === '' ? 'empty body' : 'success'})`);
  else lines.push(`reply${result.encrypted ? ' (decrypted)' : ''}: ${JSON.stringify(result.reply, null, 2)}`);
  if (result.error) lines.push(`error: ${result.error.reason}: ${result.error.message}`);
  return `${lines.join('\n')}\n`;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
