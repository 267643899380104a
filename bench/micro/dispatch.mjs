// Dispatch cost against the size of the handler table: two Nest application contexts in this process, one with
// 10 handlers and one with 1,000 of the same kinds, measured alternately (--rounds, --seconds each) on the same
// mix of messages through WechatDispatcher.dispatch (registry lookup + ExternalContextCreator + result).
// Prints one JSON line.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnMenuClick, OnMessage, OnText, WechatMessage, WechatMpModule } from '../../dist/lib/index.js';
import { WechatDispatcher } from '../../dist/lib/handlers/wechat.dispatcher.js';
import { median } from '../lib/stats.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const seconds = Number(args.seconds ?? 1);
const rounds = Number(args.rounds ?? 5);
const ACCOUNT = { appId: 'wxbenchdispatch0001', token: 'benchtoken' };

/**
 * `n` handlers: a fixed few of every kind that scans (RegExp text handlers: `regexes`), an @OnText() catch-all,
 * an @OnMessage() fallback, and the rest split between exact keywords (@OnText('…')) and menu keys
 * (@OnMenuClick('…')), which are table lookups.
 */
function handlersClass(n, regexes) {
  class Handlers {}
  const proto = Handlers.prototype;
  const add = (name, decorator, withMessage = false) => {
    proto[name] = withMessage ? (message) => `echo:${message.Content}` : () => name;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    decorator(proto, name, descriptor);
    if (withMessage) WechatMessage()(proto, name, 0);
  };
  for (let i = 0; i < regexes; i++) add(`pattern${i}`, OnText(new RegExp(`^command-${i}:`)));
  add('anyText', OnText(), true);
  add('fallback', OnMessage());
  const rest = n - regexes - 2;
  for (let i = 0; i < Math.ceil(rest / 2); i++) add(`keyword${i}`, OnText(`keyword-${i}`));
  for (let i = 0; i < Math.floor(rest / 2); i++) add(`menu${i}`, OnMenuClick(`MENU_${i}`));
  Injectable()(Handlers);
  return Handlers;
}

async function dispatcherWith(n, regexes) {
  class BenchModule {}
  Module({ imports: [WechatMpModule.forRoot({ ...ACCOUNT, path: false })], providers: [handlersClass(n, regexes)] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const dispatcher = app.get(WechatDispatcher);
  if (dispatcher.handlerCount !== n) throw new Error(`expected ${n} handlers, registered ${dispatcher.handlerCount}`);
  return { app, dispatcher };
}

const base = { ToUserName: 'gh_bench', FromUserName: 'oBenchUser', CreateTime: '1700000000' };
/** Messages every table answers the same way; each names the handler it must reach. */
const SCENARIOS = [
  { name: 'exact keyword', message: { ...base, MsgType: 'text', Content: 'keyword-1', MsgId: '1' }, expect: 'keyword1' },
  { name: 'text through every RegExp to @OnText()', message: { ...base, MsgType: 'text', Content: 'hello there', MsgId: '2' }, expect: 'echo:hello there' },
  { name: 'menu click', message: { ...base, MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_1' }, expect: 'menu1' },
  { name: 'unclaimed event to @OnMessage()', message: { ...base, MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH' }, expect: 'fallback' },
];
const context = { account: { name: 'default', appId: ACCOUNT.appId }, mode: 'plain', format: 'xml' };

async function check(dispatcher) {
  for (const s of SCENARIOS) {
    const reply = await dispatcher.dispatch(s.message, context);
    const got = reply === null ? null : reply.content;
    if (got !== s.expect) throw new Error(`${s.name}: expected ${s.expect}, got ${JSON.stringify(reply)}`);
  }
}

/** Dispatches `messages` in turn for `seconds`; returns dispatches per second. */
async function measure(dispatcher, messages) {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  while (performance.now() < deadline) {
    for (let i = 0; i < 1000; i++) await dispatcher.dispatch(messages[i % messages.length], context);
    count += 1000;
  }
  return count / ((performance.now() - started) / 1000);
}

async function compare(small, large, messages) {
  const perSecond = { small: [], large: [] };
  for (let r = 0; r < rounds; r++) {
    // Alternate which table goes first, so drift in machine load hits both alike.
    const order = r % 2 ? ['large', 'small'] : ['small', 'large'];
    for (const which of order) perSecond[which].push(await measure(which === 'small' ? small : large, messages));
  }
  const ratios = perSecond.small.map((s, i) => perSecond.large[i] / s);
  return { small: median(perSecond.small), large: median(perSecond.large), ratio: median(ratios) };
}

const small = await dispatcherWith(10, 2);
const large = await dispatcherWith(1000, 2);
const smallHeavy = await dispatcherWith(10, 1);
const largeHeavy = await dispatcherWith(1000, 100);
for (const d of [small, large, smallHeavy, largeHeavy]) await check(d.dispatcher);
// Warm-up, not measured.
for (const d of [small, large]) for (let i = 0; i < 20_000; i++) await d.dispatcher.dispatch(SCENARIOS[i % 4].message, context);

const mix = await compare(small.dispatcher, large.dispatcher, SCENARIOS.map((s) => s.message));
const scenarios = [];
for (const s of SCENARIOS) scenarios.push({ name: s.name, ...(await compare(small.dispatcher, large.dispatcher, [s.message])) });
const regexHeavy = await compare(smallHeavy.dispatcher, largeHeavy.dispatcher, [SCENARIOS[1].message]);
for (const d of [small, large, smallHeavy, largeHeavy]) await d.app.close();

process.stdout.write(
  `${JSON.stringify({
    description:
      'In-process `WechatDispatcher.dispatch` (registry lookup, ExternalContextCreator, result normalizing) on a rotating mix of ' +
      'an exact keyword, a text that passes every RegExp handler to the @OnText() catch-all, a menu click and an unclaimed event. ' +
      'Both tables hold 2 RegExp text handlers, a catch-all and a fallback; the rest are keywords and menu keys. ' +
      'Extra, for transparency: with 10% RegExp handlers (1 of 10 vs 100 of 1,000) a text that matches none costs ' +
      'one `test()` per pattern — see regexHeavy.',
    sizes: [
      { handlers: 10, perSecond: mix.small },
      { handlers: 1000, perSecond: mix.large },
    ],
    ratio: mix.ratio,
    scenarios,
    regexHeavy: { name: 'text through 1 vs 100 RegExp handlers', ...regexHeavy },
    rounds,
    secondsPerRound: seconds,
  })}\n`,
);
