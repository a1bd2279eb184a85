// Draws the toolbar and store icons (16, 32, 48, 128 px) as PNG, with no dependency
// and no download: a blue tile holding a white form with a key. Run it after
// changing the drawing: node extension/tools/make-icons.mjs (the PNGs are committed).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const SAMPLES = 4; // per axis, for anti-aliased edges

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (
    (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 &&
    x >= left &&
    x <= right &&
    y >= top &&
    y <= bottom
  );
}

// Colour of the point (x, y) in the unit square, or null for transparent.
function paint(x, y) {
  const blue = [11, 92, 173];
  const white = [255, 255, 255];
  const gold = [245, 184, 46];
  if (!roundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) return null;
  // The key: a ring and a shaft with two teeth, bottom right.
  const kx = 0.64,
    ky = 0.64;
  const ring = Math.hypot(x - kx, y - ky);
  if (ring <= 0.17 && ring >= 0.08) return gold;
  const along = (x - kx + (y - ky)) / Math.SQRT2; // towards the bottom right
  const across = (x - kx - (y - ky)) / Math.SQRT2;
  if (along > 0.12 && along < 0.46 && Math.abs(across) < 0.045) return gold;
  if (along > 0.3 && along < 0.36 && across > 0 && across < 0.12) return gold;
  if (along > 0.4 && along < 0.46 && across > 0 && across < 0.12) return gold;
  // The form: a white sheet with three lines, top left.
  if (roundedRect(x, y, 0.16, 0.14, 0.66, 0.62, 0.05)) {
    for (const line of [0.26, 0.38, 0.5]) {
      if (y > line - 0.03 && y < line + 0.03 && x > 0.24 && x < (line === 0.5 ? 0.44 : 0.58))
        return blue;
    }
    return white;
  }
  return blue;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint(
            (px + (sx + 0.5) / SAMPLES) / size,
            (py + (sy + 0.5) / SAMPLES) / size,
          );
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../icons/', import.meta.url);
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, dir), png(size));
console.log(`icons: wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')}`);
