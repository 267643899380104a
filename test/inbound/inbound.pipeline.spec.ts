import type { WechatDispatcher } from '../../lib/handlers/wechat.dispatcher.js';
import type { OpenedCallback } from '../../lib/http/wechat-inbound.service.js';
import { WechatInboundPipeline } from '../../lib/inbound/inbound.pipeline.js';
import type { WechatLateReplySender } from '../../lib/inbound/late-reply.sender.js';
import { buildEvent, buildMessage } from '../../lib/message/message-builders.js';
import type { InboundMessage } from '../../lib/message/message-types.js';
import { Reply } from '../../lib/message/reply.js';
import type { DedupeStore } from '../../lib/stores/dedupe-store.interface.js';
import { MemoryDedupeStore } from '../../lib/stores/memory-dedupe.store.js';
import { RedisDedupeStore } from '../../lib/stores/redis-dedupe.store.js';
import { captureLogs } from '../api/api-test-kit.js';
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
    runtime: { account: { replyDeadlineMs } as never, crypto: null, ref: account },
    message,
    context: { account, mode: 'plain', format: 'xml' },
    encrypted: false,
    nonce: '1',
  };
}

function pipelineWith(behave: (m: InboundMessage) => Promise<Reply | null>, store: DedupeStore = new MemoryDedupeStore()) {
  const { dispatcher, runs } = fakeDispatcher(behave);
  const { sender, sent } = fakeLateSender();
  const pipeline = new WechatInboundPipeline(dispatcher, store, { appId: 'x', token: 'xxx', dedupeTtlSeconds: 30 }, sender);
  return { pipeline, runs, sent };
}

const text = (content = 'hello') => buildMessage('text', { Content: content, FromUserName: 'oUser1' });

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
});
