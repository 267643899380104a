import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The page's static files, shipped next to this module (the build copies lib/testing/ui/assets to dist). Only the
 * names listed here are served; nothing is fetched from anywhere else.
 */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

const cache = new Map<string, Buffer>();

export function readAsset(name: string): { bytes: Buffer; contentType: string } | undefined {
  if (!Object.hasOwn(ASSET_TYPES, name)) return undefined;
  let bytes = cache.get(name);
  if (!bytes) {
    // @ts-ignore TS1343 in the CommonJS build only: scripts/build.mjs gives CommonJS its own file URL here.
    bytes = readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)));
    cache.set(name, bytes);
  }
  return { bytes, contentType: ASSET_TYPES[name] };
}
