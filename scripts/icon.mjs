/* global console, process */
// media/icon.svg → media/icon.png, the 128×128 icon of the Marketplace and Open VSX listing.
// Drawn here, not by a browser, so the PNG is the same bytes on every machine and version:
// a tiny rasteriser for the SVG subset the icon uses (rect with rx, circle, path of absolute
// M/L/Z polygons; fill="#rrggbb"), 8×8 samples per pixel, written with node:zlib.
// Anything else in the SVG is an error, not a silent difference.
//
//   node scripts/icon.mjs            writes media/icon.png
//   node scripts/icon.mjs --check    exits 1 when media/icon.png's pixels are not what the SVG draws
//                                    (pixels, not bytes: another zlib may deflate differently)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SVG = join(ROOT, 'media', 'icon.svg');
const PNG = join(ROOT, 'media', 'icon.png');
const SIZE = 128;
const SAMPLES = 8;

/** The attributes of each element of the subset, in document order. */
export function parseShapes(svg) {
  const shapes = [];
  const body = svg.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of body.matchAll(/<([a-z]+)\b([^>]*)>/g)) {
    const [, tag, rest] = match;
    const attrs = Object.fromEntries([...rest.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (tag === 'svg') {
      if (attrs.viewBox !== `0 0 ${SIZE} ${SIZE}`) throw new Error(`icon.svg: viewBox must be "0 0 ${SIZE} ${SIZE}"`);
      continue;
    }
    if (!/^#[0-9a-f]{6}$/i.test(attrs.fill ?? '')) throw new Error(`icon.svg: <${tag}> needs fill="#rrggbb"`);
    const fill = [1, 3, 5].map((i) => parseInt(attrs.fill.slice(i, i + 2), 16));
    const num = (name, fallback) => {
      const v = attrs[name] ?? fallback;
      if (v === undefined || !Number.isFinite(Number(v))) throw new Error(`icon.svg: <${tag}> ${name} is not a number`);
      return Number(v);
    };
    if (tag === 'rect') shapes.push({ kind: 'rect', x: num('x', 0), y: num('y', 0), w: num('width'), h: num('height'), rx: num('rx', 0), fill });
    else if (tag === 'circle') shapes.push({ kind: 'circle', cx: num('cx'), cy: num('cy'), r: num('r'), fill });
    else if (tag === 'path') shapes.push({ kind: 'polygon', points: polygon(attrs.d ?? ''), fill });
    else throw new Error(`icon.svg: <${tag}> is not supported by scripts/icon.mjs`);
  }
  return shapes;
}

/** "M x y x y … Z" (absolute, one closed polygon) → points. */
function polygon(d) {
  const tokens = d.replace(/([MLZ])/gi, ' $1 ').trim().split(/[\s,]+/);
  if (tokens[0] !== 'M' || tokens.at(-1).toUpperCase() !== 'Z') throw new Error(`icon.svg: path "${d}" is not "M … Z"`);
  const numbers = tokens.slice(1, -1).filter((t) => t !== 'L').map(Number);
  if (numbers.length < 6 || numbers.length % 2 !== 0 || numbers.some((n) => !Number.isFinite(n))) throw new Error(`icon.svg: path "${d}" is not a polygon`);
  const points = [];
  for (let i = 0; i < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  return points;
}

function inside(shape, x, y) {
  switch (shape.kind) {
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'rect': {
      const { x: left, y: top, w, h, rx } = shape;
      if (x < left || x > left + w || y < top || y > top + h) return false;
      const cx = Math.min(Math.max(x, left + rx), left + w - rx);
      const cy = Math.min(Math.max(y, top + rx), top + h - rx);
      return (x - cx) ** 2 + (y - cy) ** 2 <= rx ** 2;
    }
    case 'polygon': {
      let hit = false;
      const p = shape.points;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        const [xi, yi] = p[i];
        const [xj, yj] = p[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    }
  }
  return false;
}

/** RGBA pixels: each sample takes the colour of the topmost shape covering it; a pixel averages its samples. */
export function rasterise(shapes) {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          for (let k = shapes.length - 1; k >= 0; k--) {
            if (!inside(shapes[k], x, y)) continue;
            const [cr, cg, cb] = shapes[k].fill;
            r += cr; g += cg; b += cb; covered++;
            break;
          }
        }
      }
      const at = (py * SIZE + px) * 4;
      if (covered > 0) {
        // Straight (not premultiplied) alpha: the colour of the covered part, its share as alpha.
        pixels[at] = Math.round(r / covered);
        pixels[at + 1] = Math.round(g / covered);
        pixels[at + 2] = Math.round(b / covered);
        pixels[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, every row with filter 0, deflated at level 9. */
export function encodePng(pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function drawIcon(svgText = readFileSync(SVG, 'utf8')) {
  return encodePng(rasterise(parseShapes(svgText)));
}

/** The filtered scanlines of a PNG (its IDAT chunks, inflated). */
function scanlines(png) {
  const parts = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return inflateSync(Buffer.concat(parts));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const png = drawIcon();
  if (process.argv.includes('--check')) {
    let current = null;
    try {
      current = readFileSync(PNG);
    } catch {
      // missing: reported below
    }
    if (!current || !current.subarray(0, 33).equals(png.subarray(0, 33)) || !scanlines(current).equals(scanlines(png))) {
      console.error('media/icon.png is not what media/icon.svg draws: run `node scripts/icon.mjs` and commit the PNG.');
      process.exit(1);
    }
    console.log('media/icon.png matches media/icon.svg');
  } else {
    writeFileSync(PNG, png);
    console.log(`wrote media/icon.png (${png.length} bytes)`);
  }
}
