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
    '| Adapter | Server | req/s (median) | × bare, same round (median [min–max]) | CPU µs / request | p50 ms | p99 ms | errors | non-2xx | requests |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of http.results) {
    const ratio = r.kind === 'bare' ? '1 (baseline)' : `${fmt(r.ratioToBare, 2)} [${fmt(r.ratioRange[0], 2)}–${fmt(r.ratioRange[1], 2)}]`;
    lines.push(
      `| ${r.adapter} | ${r.label}${r.poolWrapped ? ' (pool wrapped)' : ''} | ${fmt(r.requestsPerSecond)} | ${ratio} | ${fmt(r.cpuMicrosPerRequest, 1)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${r.non2xx} | ${r.total} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The physical limit of a ratio: the bare route's CPU per request against that plus the protocol work measured in
 * process (warm) for the mode. Null without both measurements.
 */
export function limitOf(report, adapter, mode) {
  const bare = report.http?.results.find((r) => r.id === `${adapter}/bare`)?.cpuMicrosPerRequest;
  const protocol = report.micro?.protocolCost?.modes?.[mode]?.totalMicros;
  return bare && protocol !== undefined ? bare / (bare + protocol) : null;
}

function goalRows(report) {
  const rows = [];
  const byId = new Map((report.http?.results ?? []).map((r) => [r.id, r]));
  for (const adapter of ['express', 'fastify']) {
    const goal = GOALS.ratios[adapter];
    for (const [mode, name] of [['safe', 'safe mode'], ['plain', 'plaintext']]) {
      const measured = byId.get(`${adapter}/sample-${mode}`);
      if (!measured) continue;
      const limit = limitOf(report, adapter, mode);
      const byCpu = byId.get(`${adapter}/bare`)?.cpuMicrosPerRequest / measured.cpuMicrosPerRequest;
      rows.push([
        `${name} ≥ ${goal[mode]}× bare (${adapter})`,
        `${fmt(measured.ratioToBare, 2)} (CPU ${fmt(byCpu, 2)})`,
        measured.ratioToBare >= goal[mode],
        limit === null ? '–' : fmt(limit, 2),
      ]);
    }
  }
  const webotSafe = byId.get('express/webot-safe');
  const safe = byId.get('express/sample-safe');
  if (webotSafe && safe) rows.push(['safe mode vs node-webot safe mode (express)', `${fmt(safe.requestsPerSecond / webotSafe.requestsPerSecond, 2)}×`, null]);
  const { dispatch, tokenStampede, dedupeRss, protocolCost } = report.micro ?? {};
  if (protocolCost && !protocolCost.error) {
    rows.push(['dedupe + reply deadline, CPU µs per callback (in process)', fmt(protocolCost.dedupeAndDeadlineMicros, 1), null]);
  }
  if (dispatch && !dispatch.error) rows.push([`1,000 handlers ≥ ${GOALS.handlerRatio}× of 10 (dispatch)`, fmt(dispatch.ratio, 3), dispatch.ratio >= GOALS.handlerRatio]);
  if (tokenStampede && !tokenStampede.error) {
    rows.push([`${tokenStampede.calls} concurrent getAccessToken(), cold: token requests`, String(tokenStampede.tokenRequests), tokenStampede.tokenRequests === GOALS.tokenRequests]);
  }
  if (dedupeRss && !dedupeRss.error) {
    rows.push([
      `RSS growth per 1 M messages < ${GOALS.rssGrowthMiBPerMillion} MiB (the store filling to its bound; then flat)`,
      `${fmt(dedupeRss.growthMiBPerMillion, 1)} MiB (second half ${fmt(dedupeRss.secondHalfGrowthMiB, 1)} MiB)`,
      dedupeRss.growthMiBPerMillion < GOALS.rssGrowthMiBPerMillion,
    ]);
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
    out.push(
      '## Targets',
      '',
      'Ratios: req/s against the bare route on the same adapter, in the same round (median); in brackets the same ratio',
      'from the servers\' CPU per request. Limit: the bare route\'s CPU per request against that plus the protocol work',
      'measured in process (see "Where the time goes"); the two are measured a few minutes apart, and a shared machine\'s',
      'speed can change in between.',
      '',
      '| Target | Measured | | Limit |',
      '|---|---:|---|---:|',
    );
    for (const [name, value, ok, limit = '–'] of goals) out.push(`| ${name} | ${value} | ${verdict(ok)} | ${limit} |`);
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
  out.push(...whereTheTimeGoes(report));
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

/** Per adapter and mode: bare vs full CPU, the protocol steps in process and inside the server, and the rest. */
function whereTheTimeGoes(report) {
  const protocol = report.micro?.protocolCost;
  if (!report.http || !protocol || protocol.error) return [];
  const out = [
    '## Where the time goes (per callback)',
    '',
    'CPU per request from /proc over the HTTP rounds (all the server\'s threads, GC included). "In process": each',
    'protocol step of the sample\'s own inbound services in a warm loop over distinct callbacks',
    '(`bench/micro/protocol-cost.mjs`). "In the server": the same steps timed inside a loaded sample server',
    '(`sample-timed`: wall time of their synchronous parts per answered callback, so a busy machine inflates it a',
    'little; the timers add about 0.3 µs per timed call). Outside the steps: this library\'s adapter code (timed the',
    'same way), GC pauses (a PerformanceObserver, in the sample and in the bare route), and the rest: the Nest route and',
    'its reply, hooks and parsers, promise continuations between the steps, timers.',
    '',
  ];
  for (const adapter of ['express', 'fastify']) {
    for (const mode of ['plain', 'safe']) {
      const bare = report.http.results.find((r) => r.id === `${adapter}/bare`);
      const full = report.http.results.find((r) => r.id === `${adapter}/sample-${mode}`);
      const warm = protocol.modes?.[mode];
      const inServer = report.steps?.find((s) => s.kind !== 'bare-timed' && s.adapter === adapter && s.mode === mode);
      const bareTimed = report.steps?.find((s) => s.kind === 'bare-timed' && s.adapter === adapter);
      if (!bare?.cpuMicrosPerRequest || !full?.cpuMicrosPerRequest || !warm) continue;
      const B = bare.cpuMicrosPerRequest;
      const F = full.cpuMicrosPerRequest;
      const P = warm.totalMicros;
      out.push(`### ${adapter}, ${mode === 'safe' ? 'safe mode' : 'plaintext'}`, '', '| | µs CPU / request | × bare |', '|---|---:|---:|');
      out.push(`| bare route | ${fmt(B, 1)} | 1 |`);
      out.push(`| the sample (nestjs-wechat-mp) | ${fmt(F, 1)} | ${fmt(B / F, 2)} |`);
      out.push(`| bare + protocol work in process (the limit) | ${fmt(B + P, 1)} | ${fmt(B / (B + P), 2)} |`);
      out.push(`| target | ${fmt(B / GOALS.ratios[adapter][mode], 1)} | ${GOALS.ratios[adapter][mode]} |`);
      out.push('');
      out.push('| Of the sample\'s cost above bare | µs |', '|---|---:|');
      out.push(`| all of it (sample − bare) | ${fmt(F - B, 1)} |`);
      if (inServer) {
        out.push(`| the protocol steps, inside the server | ${fmt(inServer.stepsMicros, 1)} |`);
        if (inServer.glueMicros !== undefined && bareTimed) {
          const gc = inServer.gcMicros - bareTimed.gcMicros;
          out.push(`| this library's adapter code around them (query check before the body, open, answer, seal glue) | ${fmt(inServer.glueMicros, 1)} |`);
          out.push(`| GC pauses beyond the bare route's (${fmt(bareTimed.gcMicros, 1)} µs there) | ${fmt(gc, 1)} |`);
          let rest = F - B - inServer.stepsMicros - inServer.glueMicros - gc;
          if (inServer.otherThreadsMicros !== undefined && bareTimed.otherThreadsMicros !== undefined) {
            const threads = inServer.otherThreadsMicros - bareTimed.otherThreadsMicros;
            out.push(`| V8 helper threads (concurrent GC) beyond the bare route's (${fmt(bareTimed.otherThreadsMicros, 1)} µs there) | ${fmt(threads, 1)} |`);
            rest -= threads;
          }
          out.push(`| the rest, on the JavaScript thread: Nest route, hooks and parsers beyond bare, promise continuations, timers | ${fmt(rest, 1)} |`);
        } else {
          out.push(`| the HTTP adapter around them (the rest) | ${fmt(F - B - inServer.stepsMicros, 1)} |`);
        }
      }
      out.push('', '| Step | in process, warm (µs) | inside the server (µs) | × |', '|---|---:|---:|---:|');
      for (const step of warm.steps) {
        const there = inServer?.steps.find((s) => s.id === step.id)?.micros;
        out.push(`| ${step.label} | ${fmt(step.micros, 1)} | ${fmt(there, 1)} | ${there === undefined ? '–' : fmt(there / step.micros, 1)} |`);
      }
      out.push(`| all steps | ${fmt(P, 1)} | ${fmt(inServer?.stepsMicros, 1)} | ${inServer ? fmt(inServer.stepsMicros / P, 1) : '–'} |`, '');
    }
  }
  return out;
}
