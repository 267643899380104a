import type { WechatDispatcher } from '../../lib/handlers/wechat.dispatcher.js';
import type { OpenedCallback } from '../../lib/http/wechat-inbound.service.js';
import { WechatInboundPipeline } from '../../lib/inbound/inbound.pipeline.js';
import { dedupeKeyOf } from '../../lib/inbound/dedupe-key.js';
import type { WechatLateReplySender } from '../../lib/inbound/late-reply.sender.js';
import { buildEvent, buildMessage } from '../../lib/message/message-builders.js';
import type { InboundMessage } from '../../lib/message/message-types.js';
import { Reply } from '../../lib/message/reply.js';
import type { DedupeStore } from '../../lib/stores/dedupe-store.interface.js';
import { MemoryDedupeStore } from '../../lib/stores/memory-dedupe.store.js';
import { RedisDedupeStore } from '../../lib/stores/redis-dedupe.store.js';
import { captureLogs } from '../api/api-test-kit.js';
import { WechatAccounts } from '../../lib/wechat-accounts.js';
import { resolveAccounts } from '../../lib/wechat-mp.options-resolver.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ACCOUNTS = {
  main: { name: 'default', appId: 'wx000000000000main' },
  shop: { name: 'shop', appId: 'wx000000000000shop' },
} as const;

/** A handler table stand-in: records each run; `behave` decides how long it takes and what it answers. */
function fakeDispatcher(behave: (message: InboundMessage) => Promise<Reply | null>) {
  const runs: InboundMessage[] = [];
  const dispatcher = {
    dispatch: (message: InboundMessage) => {
      runs.push(message);
      return behave(message);
    },
  } as unknown as WechatDispatcher;
  return { dispatcher, runs };
}

function fakeLateSender() {
  const sent: { account: string; to: string; reply: Reply; at: number }[] = [];
  const sender = {
    send: async (account: { name: string }, message: InboundMessage, reply: Reply) => {
      sent.push({ account: account.name, to: message.FromUserName, reply, at: Date.now() });
      return true;
    },
  } as unknown as WechatLateReplySender;
  return { sender, sent };
}

function opened(message: InboundMessage, replyDeadlineMs: number | false = 4_000, account: { name: string; appId: string } = ACCOUNTS.main): OpenedCallback {
  return {
    runtime: { account: { replyDeadlineMs } as never, keys: null, ref: account },
    message,
    context: { account, mode: 'plain', format: 'xml' },
    encrypted: false,
    crypto: null,
    nonce: '1',
  };
}

function pipelineWith(
  behave: (m: InboundMessage) => Promise<Reply | null>,
  store: DedupeStore = new MemoryDedupeStore(),
  options: { dedupeTtlSeconds?: number } = { dedupeTtlSeconds: 30 },
) {
  const { dispatcher, runs } = fakeDispatcher(behave);
  const { sender, sent } = fakeLateSender();
  const accounts = new WechatAccounts(resolveAccounts({ appId: 'wx000000000000main', token: 'xxx' }));
  const pipeline = new WechatInboundPipeline(dispatcher, store, { appId: 'x', token: 'xxx', ...options }, sender, accounts);
  return { pipeline, runs, sent };
}

const text = (content = 'hello') => buildMessage('text', { Content: content, FromUserName: 'oUser1' });

describe('WechatInboundPipeline: replays inside the timestamp window (issue 12, defect 1)', () => {
  it('never runs a handler twice for a replay 95 s or 250 s later (default retention = the 600 s window)', async () => {
    let clock = 1_700_000_000_000;
    const store = new MemoryDedupeStore({ now: () => clock });
    const { pipeline, runs } = pipelineWith(async () => Reply.text('points +10'), store, {});
    const message = text('order 42');
    expect(await pipeline.process(opened(message))).toEqual(Reply.text('points +10'));
    await sleep(5);
    for (const later of [95, 250, 599]) {
      clock = 1_700_000_000_000 + later * 1000;
      expect(await pipeline.process(opened(structuredClone(message)))).toEqual(Reply.text('points +10'));
    }
    expect(runs).toHaveLength(1);
  });
});

describe('WechatInboundPipeline: a pending claim is a lease (issue 12, defect 6)', () => {
  it('a retry takes the key over once the holder died (its lease ran out unrecorded) and runs the handler', async () => {
    let clock = 1_700_000_000_000;
    const store = new MemoryDedupeStore({ now: () => clock });
    const message = text('crash');
    // The instance that got the first delivery claimed the key, then died: no answer was ever recorded.
    const key = `wx000000000000main:${dedupeKeyOf(message)}`;
    expect(await store.claim(key, 5)).toBe(true);
    const { pipeline, runs } = pipelineWith(async () => Reply.text('handled'), store);
    // While the lease runs, a retry waits (its own deadline, 50 ms here) and answers success without running.
    expect(await pipeline.process(opened(structuredClone(message), 50))).toBeNull();
    expect(runs).toHaveLength(0);
    clock += 6_000;
    expect(await pipeline.process(opened(structuredClone(message)))).toEqual(Reply.text('handled'));
    expect(runs).toHaveLength(1);
    expect(await pipeline.process(opened(structuredClone(message)))).toEqual(Reply.text('handled'));
    expect(runs).toHaveLength(1);
  });

  it('renews the lease of a handler without a deadline, so no retry runs it again while it lives', async () => {
    let clock = 1_700_000_000_000;
    const store = new MemoryDedupeStore({ now: () => clock });
    let release!: () => void;
    const { pipeline, runs } = pipelineWith(
      () => new Promise((resolve) => (release = () => resolve(Reply.text('slow')))),
      store,
    );
    const message = text('long');
    const first = pipeline.process(opened(message, false));
    await sleep(5);
    // Renewals happen every third of the 7 s lease; move the clock by less than a lease between them.
    for (let i = 0; i < 3; i++) {
      clock += 2_000;
      await store.renew(`wx000000000000main:${dedupeKeyOf(message)}`, 7);
    }
    expect(await store.claim(`wx000000000000main:${dedupeKeyOf(message)}`, 7)).toBe(false);
    release();
    expect(await first).toEqual(Reply.text('slow'));
    expect(runs).toHaveLength(1);
  });
});

describe('WechatInboundPipeline: dedupe of WeChat retries', () => {
  it('runs the handler once; a later retry gets the first reply without running it', async () => {
    const { pipeline, runs } = pipelineWith(async (m) => Reply.text(`echo:${(m as { Content: string }).Content}`));
    const message = text();
    expect(await pipeline.process(opened(message))).toEqual(Reply.text('echo:hello'));
    await sleep(5);
    expect(await pipeline.process(opened(structuredClone(message)))).toEqual(Reply.text('echo:hello'));
    expect(runs).toHaveLength(1);
  });

  it('lets a retry that arrives while the first delivery runs wait for its reply', async () => {
    const { pipeline, runs } = pipelineWith(async () => {
      await sleep(300);
      return Reply.text('slow but in time');
    });
    const message = text();
    const answers = await Promise.all([0, 50, 100].map(async (delay) => {
      await sleep(delay);
      return pipeline.process(opened(message));
    }));
    expect(answers).toEqual([Reply.text('slow but in time'), Reply.text('slow but in time'), Reply.text('slow but in time')]);
    expect(runs).toHaveLength(1);
  });

  it('answers a retry of a handler that returned nothing with success (null), consistently', async () => {
    const { pipeline, runs } = pipelineWith(async () => null);
    const message = text();
    expect(await pipeline.process(opened(message))).toBeNull();
    await sleep(5);
    expect(await pipeline.process(opened(message))).toBeNull();
    expect(runs).toHaveLength(1);
  });

  it('runs different messages, and the same MsgId on two accounts, separately', async () => {
    const { pipeline, runs } = pipelineWith(async () => null);
    const message = text();
    await pipeline.process(opened(message, 4_000, ACCOUNTS.main));
    await pipeline.process(opened(message, 4_000, ACCOUNTS.shop));
    await pipeline.process(opened(text('other')));
    await pipeline.process(opened(buildEvent('CLICK', { EventKey: 'A' })));
    await pipeline.process(opened(buildEvent('CLICK', { EventKey: 'B' })));
    expect(runs).toHaveLength(5);
  });

  it('handles callbacks anyway (and logs it once) when the dedupe store fails', async () => {
    const broken: DedupeStore = {
      claim: async () => {
        throw new Error('redis down');
      },
      setResult: async () => undefined,
      getResult: async () => null,
    };
    const logs = captureLogs();
    try {
      const { pipeline, runs } = pipelineWith(async () => Reply.text('handled'), broken);
      expect(await pipeline.process(opened(text()))).toEqual(Reply.text('handled'));
      expect(await pipeline.process(opened(text('second')))).toEqual(Reply.text('handled'));
      expect(runs).toHaveLength(2);
      // Once per outage, not once per callback.
      expect(logs.lines.filter((l) => l.includes('Dedupe store unavailable (redis down)'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });
});

describe('WechatInboundPipeline with a store that answers at once (claimNow / setResultNow)', () => {
  /** A store whose synchronous methods are the only ones used; the async ones would fail the test. */
  function syncOnly(inner = new MemoryDedupeStore()) {
    const calls = { claimNow: 0, setResultNow: 0 };
    const store: DedupeStore = {
      claim: async () => {
        throw new Error('claim() used although claimNow() exists');
      },
      setResult: async () => {
        throw new Error('setResult() used although setResultNow() exists');
      },
      getResult: (key) => inner.getResult(key),
      claimNow: (key, lease) => {
        calls.claimNow++;
        return inner.claimNow(key, lease);
      },
      setResultNow: (key, result, ttl) => {
        calls.setResultNow++;
        inner.setResultNow(key, result, ttl);
      },
    };
    return { store, calls };
  }

  it('claims and records through them, and a retry gets the recorded answer without running the handler', async () => {
    const { store, calls } = syncOnly();
    const { pipeline, runs } = pipelineWith(async (m) => Reply.text(`re: ${(m as { Content?: string }).Content}`), store);
    const message = text('once');
    expect(await pipeline.process(opened(message))).toEqual(Reply.text('re: once'));
    expect(await pipeline.process(opened(message))).toEqual(Reply.text('re: once'));
    expect(runs).toHaveLength(1);
    expect(calls).toEqual({ claimNow: 2, setResultNow: 1 });
  });

  it('handles callbacks anyway (logged once) when claimNow throws, and logs a failed setResultNow without losing the reply', async () => {
    const logs = captureLogs();
    try {
      const broken: DedupeStore = {
        claim: async () => true,
        setResult: async () => undefined,
        getResult: async () => null,
        claimNow: () => {
          throw new Error('store down');
        },
      };
      const { pipeline, runs } = pipelineWith(async () => Reply.text('handled'), broken);
      expect(await pipeline.process(opened(text('a')))).toEqual(Reply.text('handled'));
      expect(await pipeline.process(opened(text('b')))).toEqual(Reply.text('handled'));
      expect(runs).toHaveLength(2);
      expect(logs.lines.filter((l) => l.includes('Dedupe store unavailable (store down)'))).toHaveLength(1);

      const full = new MemoryDedupeStore();
      const failingRecord: DedupeStore = {
        claim: async () => true,
        setResult: async () => undefined,
        getResult: async () => null,
        claimNow: (key, lease) => full.claimNow(key, lease),
        setResultNow: () => {
          throw new Error('no room');
        },
      };
      const second = pipelineWith(async () => Reply.text('still answered'), failingRecord);
      expect(await second.pipeline.process(opened(text('c')))).toEqual(Reply.text('still answered'));
      expect(logs.lines.some((l) => l.includes('no room'))).toBe(true);
    } finally {
      logs.restore();
    }
  });
});

describe('WechatInboundPipeline: the reply deadline', () => {
  it('answers success at the deadline, sends the reply later as a customer-service message, and retries agree', async () => {
    const logs = captureLogs();
    try {
      const { pipeline, runs, sent } = pipelineWith(async () => {
        await sleep(600);
        return Reply.text('finally');
      });
      const message = text('slow');
      const started = Date.now();
      expect(await pipeline.process(opened(message, 150))).toBeNull();
      const answeredAfter = Date.now() - started;
      expect(answeredAfter).toBeGreaterThanOrEqual(140);
      expect(answeredAfter).toBeLessThan(400);
      // A retry now, and one after the handler is done: the same answer (success), no second run.
      expect(await pipeline.process(opened(message, 150))).toBeNull();
      expect(sent).toHaveLength(0);
      await sleep(700);
      expect(await pipeline.process(opened(message, 150))).toBeNull();
      expect(runs).toHaveLength(1);
      expect(sent).toEqual([{ account: 'default', to: 'oUser1', reply: Reply.text('finally'), at: expect.any(Number) }]);
      expect(sent[0].at - started).toBeGreaterThanOrEqual(590);
      expect(logs.lines.join('\n')).toMatch(/still running after the 150 ms reply deadline/);
    } finally {
      logs.restore();
    }
  });

  it('sends nothing later when the late handler has no reply', async () => {
    const { pipeline, sent } = pipelineWith(async () => {
      await sleep(200);
      return null;
    });
    expect(await pipeline.process(opened(text(), 50))).toBeNull();
    await sleep(300);
    expect(sent).toHaveLength(0);
  });

  it('waits as long as the handler takes when the deadline is off (replyDeadlineMs: false)', async () => {
    const { pipeline, sent } = pipelineWith(async () => {
      await sleep(300);
      return Reply.text('no deadline');
    });
    expect(await pipeline.process(opened(text(), false))).toEqual(Reply.text('no deadline'));
    expect(sent).toHaveLength(0);
  });

  it("answers a retry success at the retry's own deadline when the first delivery is still running", async () => {
    const { pipeline, runs } = pipelineWith(async () => {
      await sleep(800);
      return Reply.text('too late');
    });
    const message = text();
    const first = pipeline.process(opened(message, false));
    await sleep(20);
    const started = Date.now();
    expect(await pipeline.process(opened(message, 200))).toBeNull();
    expect(Date.now() - started).toBeLessThan(450);
    expect(await first).toEqual(Reply.text('too late'));
    expect(runs).toHaveLength(1);
  });
});

describe('WechatInboundPipeline across processes (RedisDedupeStore on a real redis-server)', () => {
  let server: RedisServer;
  const stores: RedisDedupeStore[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server?.stop();
  });

  it('runs a handler once for deliveries spread over three instances, and all get the same answer', async () => {
    const instances = Array.from({ length: 3 }, () => {
      const store = new RedisDedupeStore({ connection: server.url });
      stores.push(store);
      let n = 0;
      return pipelineWith(async () => {
        await sleep(200);
        return Reply.text(`answer #${++n}`);
      }, store);
    });
    const message = text('cluster');
    const answers = await Promise.all(instances.map(async ({ pipeline }, i) => {
      await sleep(i * 60);
      return pipeline.process(opened(structuredClone(message)));
    }));
    expect(answers).toEqual([Reply.text('answer #1'), Reply.text('answer #1'), Reply.text('answer #1')]);
    expect(instances.reduce((total, i) => total + i.runs.length, 0)).toBe(1);
    // One more delivery, after the fact: same answer.
    expect(await instances[2].pipeline.process(opened(message))).toEqual(Reply.text('answer #1'));
  });

  it('when the instance holding a claim dies mid-handler, a retry on another instance takes the lease over and runs it', async () => {
    const deadStore = new RedisDedupeStore({ connection: server.url });
    const liveStore = new RedisDedupeStore({ connection: server.url });
    stores.push(deadStore, liveStore);
    // A dies after claiming: its process is gone, so nothing it would record ever reaches Redis.
    const dying: DedupeStore = { claim: (k, l) => deadStore.claim(k, l), setResult: () => new Promise(() => undefined), getResult: (k) => deadStore.getResult(k) };
    const a = pipelineWith(() => new Promise(() => undefined), dying);
    const b = pipelineWith(async () => Reply.text('taken over'), liveStore);
    const message = text('crash in a cluster');
    void a.pipeline.process(opened(message, 500)); // lease: 1 s deadline + 3 s margin
    await sleep(50);
    // A retry while the lease runs: waits its deadline, does not run the handler (A might still be alive).
    expect(await b.pipeline.process(opened(structuredClone(message), 500))).toBeNull();
    expect(b.runs).toHaveLength(0);
    await sleep(4_000);
    expect(await b.pipeline.process(opened(structuredClone(message), 500))).toEqual(Reply.text('taken over'));
    expect(b.runs).toHaveLength(1);
    expect(await b.pipeline.process(opened(structuredClone(message), 500))).toEqual(Reply.text('taken over'));
    expect(b.runs).toHaveLength(1);
  }, 15_000);
});
