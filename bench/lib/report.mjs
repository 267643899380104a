// Renders bench results as markdown, with the targets the project set itself.
export const GOALS = {
  // Issue 12: per adapter, ratio to the bare route on the same adapter in the same run.
  ratios: { express: { safe: 0.85, plain: 0.93 }, fastify: { safe: 0.55, plain: 0.8 } },
  handlerRatio: 0.95,
  tokenRequests: 1,
  rssGrowthMiBPerMillion: 20,
};

const fmt = (value, digits = 0) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));
const verdict = (ok) => (ok === null || ok === undefined ? '–' : ok ? 'met' : '**not met**');

function httpTable(http) {
  const lines = [
    '| Adapter | Server | req/s (median) | × bare, same round (median [min–max]) | p50 ms | p99 ms | errors | non-2xx | requests |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of http.results) {
    const ratio = r.kind === 'bare' ? '1 (baseline)' : `${fmt(r.ratioToBare, 2)} [${fmt(r.ratioRange[0], 2)}–${fmt(r.ratioRange[1], 2)}]`;
    lines.push(
      `| ${r.adapter} | ${r.label}${r.poolWrapped ? ' (pool wrapped)' : ''} | ${fmt(r.requestsPerSecond)} | ${ratio} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${r.non2xx} | ${r.total} |`,
    );
  }
  return lines.join('\n');
}

function goalRows(report) {
  const rows = [];
  const byId = new Map((report.http?.results ?? []).map((r) => [r.id, r]));
  for (const adapter of ['express', 'fastify']) {
    const safe = byId.get(`${adapter}/sample-safe`);
    const plain = byId.get(`${adapter}/sample-plain`);
    const goal = GOALS.ratios[adapter];
    if (safe) rows.push([`safe mode ≥ ${goal.safe}× bare (${adapter})`, fmt(safe.ratioToBare, 2), safe.ratioToBare >= goal.safe]);
    if (plain) rows.push([`plaintext ≥ ${goal.plain}× bare (${adapter})`, fmt(plain.ratioToBare, 2), plain.ratioToBare >= goal.plain]);
  }
  const webotSafe = byId.get('express/webot-safe');
  const safe = byId.get('express/sample-safe');
  if (webotSafe && safe) rows.push(['safe mode vs node-webot safe mode (express)', `${fmt(safe.requestsPerSecond / webotSafe.requestsPerSecond, 2)}×`, null]);
  const { dispatch, tokenStampede, dedupeRss, pipelineCost } = report.micro ?? {};
  if (pipelineCost && !pipelineCost.error) {
    rows.push(['dedupe + reply deadline, CPU µs per callback (in process)', fmt(pipelineCost.dedupeAndDeadlineMicros, 1), null]);
  }
  if (dispatch && !dispatch.error) rows.push([`1,000 handlers ≥ ${GOALS.handlerRatio}× of 10 (dispatch)`, fmt(dispatch.ratio, 3), dispatch.ratio >= GOALS.handlerRatio]);
  if (tokenStampede && !tokenStampede.error) {
    rows.push([`${tokenStampede.calls} concurrent getAccessToken(), cold: token requests`, String(tokenStampede.tokenRequests), tokenStampede.tokenRequests === GOALS.tokenRequests]);
  }
  if (dedupeRss && !dedupeRss.error) {
    rows.push([`RSS growth per 1 M messages < ${GOALS.rssGrowthMiBPerMillion} MiB`, `${fmt(dedupeRss.growthMiBPerMillion, 1)} MiB`, dedupeRss.growthMiBPerMillion < GOALS.rssGrowthMiBPerMillion]);
  }
  return rows;
}

export function renderMarkdown(report) {
  const { environment: env, settings } = report;
  const out = [`# Benchmark results`, ''];
  out.push(
    `${env.date} · Node ${env.node} · ${env.cores} × ${env.cpu} · load average ${env.loadAverageAtStart.join(' ')} at start, ` +
      `${(env.loadAverageAtEnd ?? []).join(' ')} at end · ${env.elapsedSeconds} s in all`,
    '',
  );
  const goals = goalRows(report);
  if (goals.length) {
    out.push('## Targets', '', '| Target | Measured | |', '|---|---:|---|');
    for (const [name, value, ok] of goals) out.push(`| ${name} | ${value} | ${verdict(ok)} |`);
    out.push('');
  }
  if (report.http) {
    out.push(
      '## HTTP round trip',
      '',
      `autocannon, ${settings.connections} connections, pipelining 1, ${settings.durationSeconds} s per server per round, ` +
        `${settings.rounds} rounds interleaved (order rotated each round), ${settings.warmupSeconds} s warm-up each; every server in its own ` +
        `process, the load generator in another. Each request is a distinct signed text message (safe mode: encrypted, with ` +
        `msg_signature); the sample and node-webot both answer it with an echoed text reply (encrypted in safe mode). ` +
        `Ratios are taken against the bare endpoint on the same adapter in the same round.`,
      '',
      httpTable(report.http),
      '',
    );
  }
  const { dispatch, tokenStampede, dedupeRss } = report.micro ?? {};
  if (dispatch) {
    out.push('## Dispatch: 10 vs 1,000 handlers', '');
    if (dispatch.error) out.push(`failed: ${dispatch.error}`, '');
    else {
      out.push(dispatch.description, '', '| Handlers | dispatches/s (median) |', '|---:|---:|');
      for (const row of dispatch.sizes) out.push(`| ${row.handlers} | ${fmt(row.perSecond)} |`);
      out.push('', `Ratio 1,000 / 10: **${fmt(dispatch.ratio, 3)}** (per scenario: ${dispatch.scenarios.map((s) => `${s.name} ${fmt(s.ratio, 3)}`).join(', ')})`, '');
      const heavy = dispatch.regexHeavy;
      if (heavy) out.push(`Not part of the target: ${heavy.name}: ${fmt(heavy.small)} vs ${fmt(heavy.large)} dispatches/s (${fmt(heavy.ratio, 2)}×) — RegExp handlers are tried one by one, in order.`, '');
    }
  }
  if (tokenStampede) {
    out.push('## Token stampede', '');
    out.push(
      tokenStampede.error
        ? `failed: ${tokenStampede.error}`
        : `${tokenStampede.calls} concurrent \`getAccessToken()\` calls on a cold start against the emulator: **${tokenStampede.tokenRequests}** token request(s), ` +
            `all ${tokenStampede.distinctTokens === 1 ? 'got the same token' : `got ${tokenStampede.distinctTokens} distinct tokens`}, ${fmt(tokenStampede.elapsedMs, 0)} ms.`,
      '',
    );
  }
  if (dedupeRss) {
    out.push('## Memory under dedupe', '');
    out.push(
      dedupeRss.error
        ? `failed: ${dedupeRss.error}`
        : `${dedupeRss.description} RSS after warm-up ${fmt(dedupeRss.rssStartMiB, 1)} MiB, after ${dedupeRss.messages} messages ` +
            `${fmt(dedupeRss.rssEndMiB, 1)} MiB: growth **${fmt(dedupeRss.growthMiBPerMillion, 1)} MiB per 1 M messages** ` +
            `(heap ${fmt(dedupeRss.heapStartMiB, 1)} → ${fmt(dedupeRss.heapEndMiB, 1)} MiB; ${fmt(dedupeRss.perSecond)} messages/s). ` +
            `After a full GC at each quarter: ${dedupeRss.samples.map((s) => `${s.messages}: ${fmt(s.rssMiB, 1)} MiB`).join(', ')} — ` +
            `the second half added ${fmt(dedupeRss.secondHalfGrowthMiB, 1)} MiB.`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
