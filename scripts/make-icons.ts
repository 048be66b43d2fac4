/**
 * Draws Switchboard's icons and writes them as PNGs, with nothing but Node (zlib for the PNG stream):
 *
 *   build/icon.png                     512×512 app icon; electron-builder derives .ico/.icns/Linux sizes from it
 *   assets/tray-icon.png, @2x          16/32 px tray icon for Windows and Linux: white handset on a green badge,
 *                                      readable on light and dark taskbars
 *   assets/tray-iconTemplate.png, @2x  16/32 px macOS template image: black handset on transparent; the
 *                                      "Template" suffix makes macOS tint it for the menu bar
 *
 * The handset is a signed distance field (an arc for the handle, two capsules for the ear and mouth pieces),
 * so every size is drawn from the same shape with exact anti-aliasing. Run `node scripts/make-icons.ts`
 * and commit the PNGs; output is deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** Signed distance in glyph units (a 24-unit square): negative inside. */
type Shape = (x: number, y: number) => number;

const ROOT = resolve(import.meta.dirname, '..');

// ---- the handset, in a 24×24 frame ----------------------------------------------------------------

const capsule =
  (ax: number, ay: number, bx: number, by: number, radius: number): Shape =>
  (x, y) => {
    const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - t * dx, py - t * dy) - radius;
  };

/** A stroke along the circle (cx, cy, r) from angle `from` to `to` (radians, y down, from < to). */
const arc =
  (cx: number, cy: number, r: number, from: number, to: number, halfWidth: number): Shape =>
  (x, y) => {
    let angle = Math.atan2(y - cy, x - cx);
    if (angle < from) angle += 2 * Math.PI;
    if (angle <= to) return Math.abs(Math.hypot(x - cx, y - cy) - r) - halfWidth;
    const end = (a: number) => Math.hypot(x - cx - r * Math.cos(a), y - cy - r * Math.sin(a));
    return Math.min(end(from), end(to)) - halfWidth;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

/**
 * A classic receiver lying diagonally: the handle curves round the lower left; the ear piece (top left) and the
 * mouth piece (bottom right) are wider pads turned inwards, their outer sides flush with the handle's outer edge.
 */
function handset(weight: number): Shape {
  const [cx, cy, r] = [17, 7, 11];
  const half = 1.8 * weight;
  const padRadius = 2.6 * weight;
  const padLength = 3.2;
  const flush = padRadius - half;
  return union(
    arc(cx, cy, r, Math.PI / 2, Math.PI, half),
    capsule(cx - r + flush, cy, cx - r + flush + padLength, cy, padRadius),
    capsule(cx, cy + r - flush, cx, cy + r - flush - padLength, padRadius),
  );
}

/** A rounded square filling the frame (corner radius in glyph units). */
const roundedSquare =
  (inset: number, corner: number): Shape =>
  (x, y) => {
    const half = 12 - inset;
    const qx = Math.abs(x - 12) - half + corner;
    const qy = Math.abs(y - 12) - half + corner;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - corner;
  };

// ---- rendering ----------------------------------------------------------------------------------------

/** A shape, its paint, and the factor the glyph frame is scaled by around its centre (1 = fill the frame). */
type Layer = { shape: Shape; paint: (x: number, y: number) => Rgba; scale?: number };

/** Renders layers back to front; coverage from the distance field, one pixel wide. */
function render(size: number, layers: Layer[]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const unitsPerPixel = 24 / size;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const gx = (col + 0.5) * unitsPerPixel;
      const gy = (row + 0.5) * unitsPerPixel;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const scale = layer.scale ?? 1;
        const distance = layer.shape(12 + (gx - 12) / scale, 12 + (gy - 12) / scale) * scale;
        const coverage = Math.max(0, Math.min(1, 0.5 - distance / unitsPerPixel));
        if (coverage === 0) continue;
        const [lr, lg, lb, la] = layer.paint(gx, gy);
        const alpha = (la / 255) * coverage;
        // Source-over, straight alpha.
        const outA = alpha + a * (1 - alpha);
        if (outA > 0) {
          r = (lr * alpha + r * a * (1 - alpha)) / outA;
          g = (lg * alpha + g * a * (1 - alpha)) / outA;
          b = (lb * alpha + b * a * (1 - alpha)) / outA;
        }
        a = outA;
      }
      pixels.set([r, g, b, a * 255].map(Math.round), (row * size + col) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG, filter type 0 on every row. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let row = 0; row < height; row++) {
    rgba.copy(raw, row * (width * 4 + 1) + 1, row * width * 4, (row + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the icons ----------------------------------------------------------------------------------------

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const GREEN_TOP: Rgba = [46, 184, 120, 255];
const GREEN_BOTTOM: Rgba = [18, 122, 84, 255];
const GREEN: Rgba = [24, 140, 94, 255];

const mix = (a: Rgba, b: Rgba, t: number): Rgba =>
  [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as unknown as Rgba;

function appIcon(size: number): Buffer {
  return render(size, [
    // The tile with a vertical gradient, then the handset.
    { shape: roundedSquare(1.3, 5), paint: (_x, y) => mix(GREEN_TOP, GREEN_BOTTOM, y / 24) },
    { shape: handset(1), paint: () => WHITE, scale: 0.66 },
  ]);
}

/** The registration state a tray icon shows (electron/main/tray-menu.ts picks the file). */
type TrayState = 'registered' | 'connecting' | 'error' | 'offline';
const BADGE_COLOURS: Record<TrayState, Rgba> = {
  registered: GREEN,
  connecting: [214, 140, 12, 255],
  error: [204, 52, 57, 255],
  offline: [120, 128, 140, 255],
};
const MISSED_RED: Rgba = [229, 56, 62, 255];

const circle =
  (cx: number, cy: number, radius: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - radius;

/** Missed calls: a red dot in the top right corner, ringed in white so it reads on the badge and the taskbar. */
const missedDot = (template: boolean): Layer[] =>
  template
    ? [{ shape: circle(19.5, 4.5, 4.5), paint: () => BLACK }]
    : [
        { shape: circle(19.5, 4.5, 5), paint: () => WHITE },
        { shape: circle(19.5, 4.5, 3.8), paint: () => MISSED_RED },
      ];

function trayBadge(size: number, state: TrayState = 'registered', missed = false): Buffer {
  return render(size, [
    { shape: roundedSquare(0.25, 4.5), paint: () => BADGE_COLOURS[state] },
    { shape: handset(size <= 16 ? 1.15 : 1.05), paint: () => WHITE, scale: 0.8 },
    ...(missed ? missedDot(false) : []),
  ]);
}

/** macOS tints template images itself, so a state that is not "registered" is drawn faint. */
function trayTemplate(size: number, state: TrayState = 'registered', missed = false): Buffer {
  const ink: Rgba = state === 'registered' ? BLACK : [0, 0, 0, 110];
  return render(size, [
    { shape: handset(size <= 16 ? 1.12 : 1), paint: () => ink, scale: 1 },
    ...(missed ? missedDot(true) : []),
  ]);
}

/** Every tray icon variant: assets/tray-icon[-state][-missed][Template][@2x].png ("registered" has no state part). */
function trayVariants(): Record<string, () => Buffer> {
  const out: Record<string, () => Buffer> = {};
  for (const state of ['registered', 'connecting', 'error', 'offline'] as const) {
    for (const missed of [false, true]) {
      const stem = `assets/tray-icon${state === 'registered' ? '' : `-${state}`}${missed ? '-missed' : ''}`;
      out[`${stem}.png`] = () => trayBadge(16, state, missed);
      out[`${stem}@2x.png`] = () => trayBadge(32, state, missed);
      out[`${stem}Template.png`] = () => trayTemplate(16, state, missed);
      out[`${stem}Template@2x.png`] = () => trayTemplate(32, state, missed);
    }
  }
  return out;
}

export const ICONS: Record<string, () => Buffer> = {
  'build/icon.png': () => appIcon(512),
  'assets/tray-icon.png': () => trayBadge(16),
  'assets/tray-icon@2x.png': () => trayBadge(32),
  'assets/tray-iconTemplate.png': () => trayTemplate(16),
  'assets/tray-iconTemplate@2x.png': () => trayTemplate(32),
  ...trayVariants(),
};

if (import.meta.main) {
  for (const [path, draw] of Object.entries(ICONS)) {
    const png = draw();
    const target = resolve(ROOT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, png);
    console.log(`${path} (${png.length} bytes)`);
  }
}
