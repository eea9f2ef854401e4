#!/usr/bin/env node
/**
 * Draws the add-in's icons (a rising bar chart in the brand blue #0F6CBD on white) and writes
 * them as PNG files at the sizes the manifest names. No image library: shapes are rendered at
 * 8× and averaged down (cheap anti-aliasing), then encoded with Node's zlib.
 *
 *   node assets/make-icons.js        # writes assets/icon-{16,32,64,80,128}.png
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BRAND = [0x0f, 0x6c, 0xbd];
const SIZES = [16, 32, 64, 80, 128];
const SS = 8;

/** the motif in unit coordinates (0..1): a rounded tile outline, three bars and a baseline */
function coverage(x, y) {
  const inRoundRect = (x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const bars = [
    [0.2, 0.56],
    [0.42, 0.38],
    [0.64, 0.18],
  ];
  for (const [left, top] of bars) if (inRoundRect(left, top, left + 0.16, 0.8, 0.03)) return 1;
  if (inRoundRect(0.12, 0.82, 0.88, 0.88, 0.02)) return 1;
  return 0;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) hits += coverage((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
      }
      const a = hits / (SS * SS);
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(255 * (1 - a) + BRAND[k] * a);
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // compression, filter and interlace stay 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  for (const size of SIZES) {
    const file = path.join(__dirname, `icon-${size}.png`);
    fs.writeFileSync(file, png(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

module.exports = { png, render, SIZES };
