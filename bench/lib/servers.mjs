// Starts benchmark servers as child processes (one event loop each) and stops them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('../servers/serve.mjs', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/**
 * Starts `node serve.mjs kind adapter`; resolves once it prints its port. Its stderr, and stdout lines that are not
 * JSON, go to `log`. `serve` may point at the serve.mjs of another build (a copy of the repo), for before/after
 * comparisons.
 */
export async function startServer(kind, adapter, log = (line) => process.stderr.write(line), serve = SERVE) {
  const child = spawn(process.execPath, [serve, kind, adapter], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.setEncoding('utf8').on('data', (chunk) => log(`[${kind}/${adapter}] ${chunk}`));
  let buffered = '';
  let listening = false;
  /** JSON lines the server printed after its port line (a timed server's step times, printed as it stops). */
  const later = [];
  child.stdout.setEncoding('utf8');
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind}/${adapter} did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    // The server's first JSON line names its port; anything before it (Nest's startup warnings) goes to the log.
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('{') && listening) {
          later.push(JSON.parse(line));
          continue;
        }
        if (line.startsWith('{')) {
          listening = true;
          clearTimeout(timer);
          resolve(JSON.parse(line));
          continue;
        }
        log(`[${kind}/${adapter}] ${line}\n`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind}/${adapter} exited with code ${code} before listening`));
    });
  });
  const { port } = await ready;
  return {
    kind,
    adapter,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    rssBytes: () => readRss(child.pid),
    cpuMicros: () => readCpuMicros(child.pid),
    /** CPU of the main (JavaScript) thread alone; the rest of `cpuMicros` is V8's helper threads and libuv's pool. */
    mainThreadCpuMicros: () => readCpuMicros(child.pid, child.pid),
    /** Sends the server a signal (a timed server prints its step times on SIGUSR2); resolves once it printed. */
    async signal(name) {
      const seen = later.length;
      child.kill(name);
      for (let waited = 0; later.length === seen && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      return later[later.length - 1];
    },
    /** Stops the server; resolves to the JSON lines it printed after its port line. */
    async stop() {
      if (child.exitCode !== null) return later;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await once(child, 'close'); // after its stdout is read to the end
      clearTimeout(timer);
      return later;
    },
  };
}

/**
 * CPU time a process (or one of its threads) has used so far, user + system, in µs (Linux /proc, 10 ms ticks), or
 * null elsewhere. The whole process includes V8's GC helper threads.
 */
export async function readCpuMicros(pid, thread) {
  try {
    const { readFile } = await import('node:fs/promises');
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = (await readFile(path, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return null;
  }
}
const TICK_MICROS = 1e6 / 100; // USER_HZ

/** Resident set size of a process (Linux /proc), or null elsewhere. */
async function readRss(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
