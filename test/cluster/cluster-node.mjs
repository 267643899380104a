// One member of the test cluster (test/cluster/cluster.spec.ts): the sample app, built into dist/, serving callbacks
// on PORT, plus an IPC channel through which the test asks it to make API calls. Configured by the sample's own
// environment variables (WECHAT_REDIS_URL makes it use the Redis stores). Plain ESM on purpose: it runs the built
// package exactly as a user's process would.
import 'reflect-metadata';
import { existsSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);
const entry = new URL('sample/create-sample-app.js', dist);
if (!existsSync(entry)) {
  process.send?.({ type: 'fatal', error: `dist/ is missing (${entry.pathname}): run \`npm run build\` first (npm test does)` });
  process.exit(2);
}
const { createSampleApp } = await import(entry.href);
const lib = await import(new URL('lib/index.js', dist).href);
// The dispatcher is internal (not in the entry point); the test observes it through the built file.
const { WechatDispatcher } = await import(new URL('lib/handlers/wechat.dispatcher.js', dist).href);

// Warnings and errors go to stderr; the client's "access token refused" warnings (a 40001 it recovered from) are counted.
let refused = 0;
const print = (level) => (message, ...rest) => {
  const line = [message, ...rest].map(String).join(' ');
  if (line.includes('access token refused')) refused++;
  else process.stderr.write(`[${level}] ${line}\n`);
};
const logger = { log() {}, debug() {}, verbose() {}, warn: print('warn'), error: print('error'), fatal: print('fatal') };
const { app, config } = await createSampleApp(process.env, { logger });
await app.listen(config.port, '127.0.0.1');

// Observe every handler dispatch (the pipeline calls the dispatcher once per handler run).
const dispatcher = app.get(WechatDispatcher);
const dispatch = dispatcher.dispatch.bind(dispatcher);
const dispatched = [];
dispatcher.dispatch = (message, context) => {
  dispatched.push(message.MsgId ?? `${message.Event}:${message.CreateTime}`);
  return dispatch(message, context);
};
const services = app.get(lib.WechatServices).forAccount();

/** `count` API calls, `concurrency` at a time; failures counted by errcode (or error code). */
async function calls({ count, concurrency }) {
  const result = { ok: 0, failed: 0, errors: {} };
  let started = 0;
  let done = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      try {
        await services.basic.getApiDomainIp();
        result.ok++;
      } catch (error) {
        result.failed++;
        const key = String(error?.errcode ?? error?.code ?? error?.name ?? 'unknown');
        result.errors[key] = (result.errors[key] ?? 0) + 1;
      }
      if (++done % 100 === 0) process.send({ type: 'progress', done });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}

const commands = {
  calls,
  forceRefresh: async () => {
    await services.token.forceRefresh();
    return { ok: true };
  },
  stats: async () => ({ dispatched: [...dispatched], refused }),
};

process.on('message', async (message) => {
  if (message.cmd === 'stop') {
    await app.close();
    process.disconnect();
    return;
  }
  try {
    process.send({ type: 'result', id: message.id, result: await commands[message.cmd](message) });
  } catch (error) {
    process.send({ type: 'result', id: message.id, error: String(error?.message ?? error) });
  }
});
process.send({ type: 'ready', port: config.port, pid: process.pid });
