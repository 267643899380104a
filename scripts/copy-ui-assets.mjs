#!/usr/bin/env node
// Build step after tsc: the emulator's page (plain HTML/CSS/JS, no bundler) ships next to its compiled server.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
cpSync(`${root}lib/testing/ui/assets`, `${root}dist/lib/testing/ui/assets`, { recursive: true });
