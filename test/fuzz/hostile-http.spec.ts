/**
 * Bounded fuzz run against the running sample app (a child process, as `npm start` runs it), on Express and on
 * Fastify: thousands of hostile requests (see hostile-inputs.ts). Every answer must be 2xx or 4xx — never 5xx,
 * never a dropped connection, never a hang — every control callback among them must get its proper reply, the
 * process must still be serving afterwards, and nothing it printed may contain a secret.
 *
 * FUZZ_CASES (per adapter, default 2000), FUZZ_SEED (replay a run), FUZZ_ADAPTERS (default express,fastify),
 * FUZZ_REPORT (write the totals as JSON; `npm run fuzz` does, with 100,000 cases).
 */
import { writeFileSync } from 'node:fs';
import { SAMPLE_DEV_DEFAULTS } from '../../sample/sample.config.js';
import { findSecrets } from '../support/test-secrets.js';
import { openEncryptedReply, xmlField } from '../support/wechat-wire.js';
import { runCases, send, startSample, type Outcome, type SampleProcess } from './fuzz-harness.js';
import { createCaseGenerator, type FuzzCase } from './hostile-inputs.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ADAPTERS = (process.env.FUZZ_ADAPTERS ?? 'express,fastify').split(',') as ('express' | 'fastify')[];
const REPORT = process.env.FUZZ_REPORT;
const HANG_MS = 10_000;
const account = { appId: SAMPLE_DEV_DEFAULTS.appId, token: SAMPLE_DEV_DEFAULTS.token, encodingAESKey: SAMPLE_DEV_DEFAULTS.encodingAESKey };

interface Totals {
  adapter: string;
  seed: number;
  cases: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, Record<string, number>>;
  controls: { sent: number; ok: number };
  fiveHundreds: number;
  hangs: number;
  dropped: number;
  /** Cases sent again after a reset on a reused keep-alive socket (see `send`). */
  retriedAfterReset: number;
  unexpected: number;
  maxMs: number;
  /** Answers that took a second or more (reported, not asserted: a loaded machine is slow too). */
  slow: number;
  elapsedSeconds: number;
  failures: { id: number; category: string; method: string; path: string; bodyPrefix: string; outcome: string }[];
  secretsInOutput: string[];
  secretsInResponses: number;
  /** ERROR lines in the sample's output: handler failures on odd messages (allowed, counted), never internal ones. */
  errorLogLines: number;
  internalErrorLines: number;
  stillServing: boolean;
  exitCode: number | null | undefined;
}

const allTotals: Totals[] = [];
afterAll(() => {
  if (REPORT) writeFileSync(REPORT, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: allTotals }, null, 2)}\n`);
});

/** The sample's echo of a control's text, out of a plaintext or encrypted reply. */
function echoed(control: NonNullable<FuzzCase['control']>, body: string): string | undefined {
  const xml = control.mode === 'plain' ? body : openEncryptedReply(account, body).xml;
  return xmlField(xml, 'Content');
}

describe.each(ADAPTERS)('hostile input against the running sample (%s)', (adapter) => {
  let sample: SampleProcess;
  const totals: Totals = {
    adapter,
    seed: SEED,
    cases: CASES,
    byStatus: {},
    byCategory: {},
    controls: { sent: 0, ok: 0 },
    fiveHundreds: 0,
    hangs: 0,
    dropped: 0,
    retriedAfterReset: 0,
    unexpected: 0,
    maxMs: 0,
    slow: 0,
    elapsedSeconds: 0,
    failures: [],
    secretsInOutput: [],
    secretsInResponses: 0,
    errorLogLines: 0,
    internalErrorLines: 0,
    stillServing: false,
    exitCode: undefined,
  };
  allTotals.push(totals);

  beforeAll(async () => {
    sample = await startSample(adapter);
  });
  afterAll(async () => {
    await sample?.stop();
  });

  const record = (fuzzCase: FuzzCase, outcome: Outcome) => {
    const label = outcome.kind === 'status' ? String(outcome.status) : outcome.kind === 'hang' ? 'hang' : `dropped:${outcome.code}`;
    totals.byStatus[label] = (totals.byStatus[label] ?? 0) + 1;
    const category = (totals.byCategory[fuzzCase.category] ??= {});
    category[label] = (category[label] ?? 0) + 1;
    totals.maxMs = Math.max(totals.maxMs, outcome.ms);
    if (outcome.ms >= 1000) totals.slow++;
    if (outcome.retried) totals.retriedAfterReset++;
    let failure: string | undefined;
    if (outcome.kind === 'hang') {
      totals.hangs++;
      failure = `no answer within ${HANG_MS} ms`;
    } else if (outcome.kind === 'error') {
      totals.dropped++;
      failure = `connection dropped without an answer (${outcome.code})`;
    } else {
      if (outcome.status >= 500) {
        totals.fiveHundreds++;
        failure = `${outcome.status}: ${outcome.body.slice(0, 200)}`;
      } else if (outcome.status < 200 || (outcome.status >= 300 && outcome.status < 400)) {
        totals.unexpected++;
        failure = `unexpected status ${outcome.status}`;
      }
      if (findSecrets(outcome.body).length > 0) {
        totals.secretsInResponses++;
        failure = 'a secret in the response';
      }
      if (fuzzCase.control) {
        totals.controls.sent++;
        let content: string | undefined;
        try {
          content = outcome.status === 200 ? echoed(fuzzCase.control, outcome.body) : undefined;
        } catch {
          content = undefined;
        }
        if (content === `你说：${fuzzCase.control.content}`) totals.controls.ok++;
        else failure = `control (${fuzzCase.control.mode}) answered ${outcome.status}: ${outcome.body.slice(0, 200)}`;
      }
    }
    if (failure && totals.failures.length < 20) {
      totals.failures.push({
        id: fuzzCase.id,
        category: fuzzCase.category,
        method: fuzzCase.method,
        path: fuzzCase.path.slice(0, 160),
        bodyPrefix: fuzzCase.body ? JSON.stringify(fuzzCase.body.subarray(0, 160).toString('latin1')) : '',
        outcome: failure,
      });
    }
  };

  it(`answers ${CASES} hostile requests with 2xx/4xx only: no 5xx, no dropped connection, no hang`, async () => {
    const caseAt = createCaseGenerator({ seed: SEED, account });
    const started = performance.now();
    await runCases(sample.url, caseAt, CASES, { concurrency: 8, timeoutMs: HANG_MS }, record);
    totals.elapsedSeconds = (performance.now() - started) / 1000;
    const summary = `seed ${SEED} (replay with FUZZ_SEED=${SEED}); statuses ${JSON.stringify(totals.byStatus)}; first failures ${JSON.stringify(totals.failures.slice(0, 5), null, 1)}`;
    expect({ fiveHundreds: totals.fiveHundreds, hangs: totals.hangs, dropped: totals.dropped, unexpected: totals.unexpected, summary }).toEqual({
      fiveHundreds: 0,
      hangs: 0,
      dropped: 0,
      unexpected: 0,
      summary,
    });
    expect(totals.controls.sent).toBeGreaterThan(0);
    expect(totals.controls).toEqual({ sent: totals.controls.sent, ok: totals.controls.sent });
    // The run really reached the parser: most mutated bodies are refused, some still pass.
    expect(Object.keys(totals.byStatus)).toEqual(expect.arrayContaining(['200', '400', '401']));
  }, 30_000 + CASES * 60);

  it('is still serving, and still the same process, afterwards', async () => {
    const caseAt = createCaseGenerator({ seed: SEED + 1, account });
    const control = caseAt(0);
    const outcome = await send(sample.url, new (await import('node:http')).Agent(), control, HANG_MS);
    expect(outcome.kind === 'status' && outcome.status).toBe(200);
    expect(outcome.kind === 'status' && echoed(control.control!, outcome.body)).toBe(`你说：${control.control!.content}`);
    expect(sample.child.exitCode).toBeNull();
    totals.stillServing = true;
  });

  it('printed no secret and no internal error, and shuts down cleanly', async () => {
    totals.exitCode = await sample.stop();
    const output = sample.output();
    expect(output).toContain('FUZZ-READY');
    totals.secretsInOutput = findSecrets(output);
    expect(totals.secretsInOutput).toEqual([]);
    // Refusals are logged as warnings. A sample handler may fail on an odd but well-formed message (logged, answered
    // "success"); what must never appear is a failure inside the package's own path or a JavaScript runtime error.
    const errors = output.split('\n').filter((line) => /\bERROR\b/.test(line));
    totals.errorLogLines = errors.length;
    const internal = errors.filter((line) => /Callback handling failed|TypeError|RangeError|ReferenceError|SyntaxError|Unhandled/.test(line));
    totals.internalErrorLines = internal.length;
    expect(internal.slice(0, 5)).toEqual([]);
    expect(output).not.toMatch(/uncaught|unhandledRejection|FATAL/i);
    expect(totals.exitCode).toBe(0);
  });
});
