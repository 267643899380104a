import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A version-1 QR symbol is 21×21 modules. */
const MODULES = 21;
const QUIET_ZONE = 4;
const SCALE = 6;

/**
 * A real, decodable-as-an-image PNG that looks like a QR code: the three finder patterns plus modules drawn from
 * the ticket's SHA-256, so different tickets give different images. (It is not a scannable QR code.)
 */
export function renderTicketPng(ticket: string): Buffer {
  const dark = moduleGrid(ticket);
  const side = (MODULES + 2 * QUIET_ZONE) * SCALE;
  const raw = Buffer.alloc(side * (side + 1), 0xff);
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1);
    raw[row] = 0; // filter: none
    const my = Math.floor(y / SCALE) - QUIET_ZONE;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / SCALE) - QUIET_ZONE;
      if (my >= 0 && my < MODULES && mx >= 0 && mx < MODULES && dark[my * MODULES + mx]) raw[row + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: greyscale
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function moduleGrid(ticket: string): boolean[] {
  const bits: boolean[] = [];
  for (let round = 0; bits.length < MODULES * MODULES; round++) {
    const digest = createHash('sha256').update(`${round}:${ticket}`).digest();
    for (const byte of digest) for (let b = 7; b >= 0; b--) bits.push(((byte >> b) & 1) === 1);
  }
  const grid = bits.slice(0, MODULES * MODULES);
  for (const [ox, oy] of [[0, 0], [MODULES - 7, 0], [0, MODULES - 7]]) {
    for (let y = -1; y <= 7; y++) {
      for (let x = -1; x <= 7; x++) {
        const gx = ox + x;
        const gy = oy + y;
        if (gx < 0 || gy < 0 || gx >= MODULES || gy >= MODULES) continue;
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        grid[gy * MODULES + gx] = ring !== 2 && ring !== 4;
      }
    }
  }
  return grid;
}
