#!/usr/bin/env node
// The `wechat-mp-emulator` executable. Kept apart from cli.ts, which the testing entry re-exports: a module with
// top-level await cannot be require()d, and CommonJS apps load this package through require(esm).
import { runCli } from './cli.js';

const result = await runCli(process.argv.slice(2), process);
if (result.emulator) {
  const emulator = result.emulator;
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} else {
  process.exitCode = result.code;
}
