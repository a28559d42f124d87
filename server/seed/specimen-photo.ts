/**
 * Phone photos of specimen documents, for the demo and for the document
 * reader's tests: the rendered document (SVG or PNG bytes) is placed on a
 * table, turned and sheared a little, blurred, lit unevenly, given sensor
 * noise and saved as a JPEG of middling quality, the way a citizen's upload
 * looks. The unreadable degradations (heavy blur, dark, overexposed, tiny,
 * cut off) are in the pixels, not in a flag: a reader must find them there.
 *
 * Deterministic: the same bytes and options give the same JPEG (libvips and
 * mozjpeg are deterministic; all randomness comes from `opts.seed`). No
 * Math.random, no clock.
 */
import sharp from 'sharp';
import { mulberry32 } from './prng';
import { xmlEscape } from './documents';

export type Degradation = 'clean' | 'mild' | 'heavyBlur' | 'dark' | 'overexposed' | 'tiny' | 'cutOff';
export const UNREADABLE_DEGRADATIONS = ['heavyBlur', 'dark', 'overexposed', 'tiny', 'cutOff'] as const satisfies readonly Degradation[];

export type PhotoOptions = {
  /** Every random choice derives from this. */
  seed: number;
  /** Default 'clean'. */
  degradation?: Degradation;
  /** Document size in the photo relative to its SVG size (PNG: its pixel size). Default from the seed: 1.0–1.2 clean, 0.9–1.1 otherwise. */
  scale?: number;
  /** Table colour behind the document, '#rrggbb'. Default from the seed. */
  background?: string;
  /** JPEG quality, 55–85 by default (from the seed). */
  quality?: number;
  /** Rotation in degrees, overriding the seed's choice (−4…4 for realistic photos). */
  rotateDeg?: number;
  /** cutOff only: the side that runs out of the frame, overriding the seed's choice. */
  cutSide?: 'left' | 'right' | 'top' | 'bottom';
};

/** The parameters drawn for one photo: exposed so tests and the report can say what a case did. */
export type PhotoParams = {
  degradation: Degradation;
  scale: number;
  rotateDeg: number;
  shearX: number;
  shearY: number;
  squashY: number;
  blurSigma: number;
  /** Exposure: out = a·in + b (before lighting). */
  exposure: { a: number; b: number };
  /** Light falloff across the frame, 0 = even. */
  lightFalloff: number;
  noise: number;
  /** Grain added after the blur as well (low light: the denoiser cannot keep up). */
  lateNoise: number;
  quality: number;
  background: string;
  /** Fraction of the document's extent kept (1 = whole); cutOff keeps 0.35–0.55 along one axis. */
  keep: number;
  cutSide: 'left' | 'right' | 'top' | 'bottom' | null;
  /** Longest side of the output, px (tiny only; null = natural size). */
  maxSide: number | null;
};

// ───────────────────────────── randomness ─────────────────────────────

function mix(seed: number, salt: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

type R = { f: (lo: number, hi: number) => number; i: (lo: number, hi: number) => number; pick: <T>(xs: readonly T[]) => T; sign: () => number };
function rand(seed: number, salt: string): R {
  const next = mulberry32(mix(seed, salt));
  return {
    f: (lo, hi) => lo + (hi - lo) * next(),
    i: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    sign: () => (next() < 0.5 ? -1 : 1),
  };
}

const TABLES = ['#8b5a2b', '#a0683a', '#6e4a2f', '#7a7f85', '#5d6166', '#d8d2c4', '#c9bfa8', '#2f3e4e', '#3b4a3a', '#b9b3a9'];

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function photoParams(opts: PhotoOptions): PhotoParams {
  const degradation = opts.degradation ?? 'clean';
  const r = rand(opts.seed, `photo:${degradation}`);
  const mild = degradation !== 'clean';
  const p: PhotoParams = {
    degradation,
    scale: opts.scale ?? (mild ? r.f(0.9, 1.1) : r.f(1.0, 1.2)),
    rotateDeg: opts.rotateDeg ?? r.sign() * (mild ? r.f(1, 4) : r.f(0, 1.5)),
    shearX: r.sign() * (mild ? r.f(0.01, 0.04) : r.f(0, 0.012)),
    shearY: r.sign() * (mild ? r.f(0.005, 0.025) : r.f(0, 0.008)),
    squashY: mild ? r.f(0.94, 0.99) : r.f(0.98, 1),
    blurSigma: mild ? r.f(0.7, 1.3) : r.f(0.3, 0.6),
    exposure: { a: 1, b: 0 },
    lightFalloff: mild ? r.f(0.12, 0.3) : r.f(0.04, 0.12),
    noise: mild ? r.f(0.035, 0.06) : r.f(0.015, 0.03),
    lateNoise: 0,
    quality: opts.quality ?? (mild ? r.i(55, 72) : r.i(72, 85)),
    background: opts.background ?? r.pick(TABLES),
    keep: 1,
    cutSide: null,
    maxSide: null,
  };
  switch (degradation) {
    case 'heavyBlur':
      p.blurSigma = r.f(6, 9);
      break;
    case 'dark': {
      // Lamp off, phone at arm's length: a dim, grainy, shaky picture.
      const a = r.f(0.07, 0.13);
      p.exposure = { a, b: 0 };
      p.blurSigma = r.f(1.8, 2.6);
      p.noise = r.f(0.09, 0.12);
      p.lateNoise = r.f(0.04, 0.06);
      p.quality = opts.quality ?? r.i(55, 62);
      break;
    }
    case 'overexposed': {
      // Flash on glossy paper: almost everything clips to white.
      const a = r.f(0.07, 0.11);
      p.exposure = { a, b: Math.round(255 * (1 - a)) - r.i(0, 4) };
      p.blurSigma = r.f(1.8, 2.6);
      p.lightFalloff = -r.f(0.3, 0.5);
      p.noise = r.f(0.04, 0.06);
      p.lateNoise = r.f(0.02, 0.03);
      p.quality = opts.quality ?? r.i(55, 62);
      break;
    }
    case 'tiny':
      p.maxSide = r.i(120, 200);
      break;
    case 'cutOff':
      p.keep = r.f(0.35, 0.55);
      p.cutSide = opts.cutSide ?? r.pick(['left', 'right', 'top', 'bottom'] as const);
      break;
  }
  p.scale = round(p.scale);
  p.rotateDeg = round(p.rotateDeg, 2);
  p.shearX = round(p.shearX, 4);
  p.shearY = round(p.shearY, 4);
  p.squashY = round(p.squashY);
  p.blurSigma = round(p.blurSigma, 2);
  p.lightFalloff = round(p.lightFalloff);
  p.noise = round(p.noise, 4);
  p.lateNoise = round(p.lateNoise, 4);
  p.keep = round(p.keep);
  return p;
}

// ───────────────────────────── building blocks ─────────────────────────────

function isSvg(b: Buffer): boolean {
  const head = b.subarray(0, 512).toString('utf8').trimStart();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

function svgSize(text: string): { width: number; height: number } | null {
  const m = /<svg\b[^>]*?\bwidth="(\d+(?:\.\d+)?)"[^>]*?\bheight="(\d+(?:\.\d+)?)"/.exec(text.slice(0, 1024));
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

/**
 * The document as SVG markup to nest in the photo scene, with its size: our
 * specimens inline (rendered as vectors, so turning them costs nothing),
 * rasters as an embedded PNG/JPEG image.
 */
async function documentMarkup(image: Buffer): Promise<{ markup: string; width: number; height: number }> {
  if (isSvg(image)) {
    const text = image.toString('utf8').replace(/^\s*<\?xml[^>]*\?>/, '');
    const size = svgSize(text);
    if (size) return { markup: text, ...size };
    const meta = await sharp(image).metadata();
    return { markup: text.replace(/<svg\b/, `<svg width="${meta.width}" height="${meta.height}"`), width: meta.width ?? 800, height: meta.height ?? 600 };
  }
  const meta = await sharp(image).metadata();
  const width = meta.width ?? 800;
  const height = meta.height ?? 600;
  const mime = meta.format === 'jpeg' ? 'image/jpeg' : 'image/png';
  const bytes = meta.format === 'jpeg' || meta.format === 'png' ? image : await sharp(image).png().toBuffer();
  return { markup: `<image width="${width}" height="${height}" href="data:${mime};base64,${bytes.toString('base64')}"/>`, width, height };
}

type Frame = { width: number; height: number };

/**
 * After rasterising and blurring: light falloff (or glare), exposure and
 * sensor grain in one pass over the pixels. The light is separable (a row
 * factor times a column factor), which keeps the pass to a multiply and an
 * add per byte; the grain comes from a seeded table read at a different
 * offset on each row, so it does not visibly repeat.
 */
function finish(px: Buffer, frame: Frame, channels: number, p: PhotoParams, r: R): void {
  const { width, height } = frame;
  const lx = r.f(0.1, 0.9);
  const ly = r.f(0.1, 0.9);
  const f = p.lightFalloff;
  const colF = new Float32Array(width);
  const rowF = new Float32Array(height);
  if (f >= 0) {
    // Brightest near (lx, ly), darker towards the far edges: a lamp off to one side plus a lens vignette.
    for (let x = 0; x < width; x++) colF[x] = 1 - f * Math.min(1, (x / width - lx) ** 2 * 1.6);
    for (let y = 0; y < height; y++) rowF[y] = 1 - f * Math.min(1, (y / height - ly) ** 2 * 1.6);
  } else {
    // Glare: a Gaussian bright spot, screened in (gx·gy is the spot's strength).
    const s = 0.35;
    for (let x = 0; x < width; x++) colF[x] = Math.exp(-(((x / width - lx) / s) ** 2));
    for (let y = 0; y < height; y++) rowF[y] = Math.exp(-(((y / height - ly) / s) ** 2));
  }
  const glare = f < 0 ? -f * 2 : 0;
  const { a, b } = p.exposure;
  const SIZE = 1 << 14;
  const MASK = SIZE - 1;
  const lumTable = new Float32Array(SIZE);
  const chromaTable = new Float32Array(SIZE);
  const amp = p.noise * 255;
  for (let i = 0; i < SIZE; i++) {
    lumTable[i] = Math.round((r.f(-1, 1) + r.f(-1, 1) + r.f(-1, 1)) * amp * 0.8);
    chromaTable[i] = Math.round(r.f(-1, 1) * amp * 0.35);
  }
  // A clamped view: assignment rounds and clamps to 0…255 without a branch per byte.
  const out = new Uint8ClampedArray(px.buffer, px.byteOffset, px.length);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const off = r.i(0, MASK);
    const off2 = r.i(0, MASK);
    const ry = rowF[y];
    for (let x = 0; x < width; x++) {
      const i = row + x * channels;
      const n = lumTable[(off + x) & MASK];
      const ci = off2 + x * 3;
      if (glare) {
        const g = Math.min(1, glare * colF[x] * ry);
        for (let c = 0; c < 3; c++) {
          const v = px[i + c];
          out[i + c] = a * (v + (255 - v) * g) + b + n + chromaTable[(ci + c) & MASK];
        }
      } else {
        const k = a * colF[x] * ry;
        out[i] = px[i] * k + b + n + chromaTable[ci & MASK];
        out[i + 1] = px[i + 1] * k + b + n + chromaTable[(ci + 1) & MASK];
        out[i + 2] = px[i + 2] * k + b + n + chromaTable[(ci + 2) & MASK];
      }
    }
  }
}

/**
 * Rasterise a scene SVG (frame units) at `density`, light it and add grain,
 * then blur and encode. The grain goes in before the blur: the lens blur
 * softens it the way a phone's denoising does, so a photo in good light has
 * soft grain rather than salt-and-pepper pixels.
 */
async function shoot(svg: string, density: number, p: PhotoParams, r: R): Promise<Buffer> {
  const { data, info } = await sharp(Buffer.from(svg, 'utf8'), { density }).flatten({ background: '#000000' }).raw().toBuffer({ resolveWithObject: true });
  finish(data, info, info.channels, p, r);
  const raw = { width: info.width, height: info.height, channels: info.channels };
  let img = sharp(data, { raw });
  if (p.blurSigma >= 0.3) img = img.blur(p.blurSigma);
  if (p.lateNoise > 0) {
    const blurred = await img.raw().toBuffer();
    finish(blurred, info, info.channels, { ...p, lightFalloff: 0, exposure: { a: 1, b: 0 }, noise: p.lateNoise }, r);
    img = sharp(blurred, { raw });
  }
  return img.jpeg({ quality: p.quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

const fmt = (x: number) => String(Math.round(x * 1e4) / 1e4);

// ───────────────────────────── photographs ─────────────────────────────

/**
 * A phone photo of a rendered document (SVG or PNG/JPEG bytes). PDFs are not
 * photographed: they stay PDFs.
 */
export async function photograph(image: Buffer, opts: PhotoOptions): Promise<{ bytes: Buffer; mime: 'image/jpeg' }> {
  const p = photoParams(opts);
  const r = rand(opts.seed, 'photo:layout');
  const doc = await documentMarkup(image);
  const t = (p.rotateDeg * Math.PI) / 180;
  const [c, s] = [Math.cos(t), Math.sin(t)];
  // Rotation · shear · foreshortening: an affine stand-in for a slightly tilted phone.
  const m = { a: c - s * p.shearY, c: c * p.shearX - s * p.squashY, b: s + c * p.shearY, d: s * p.shearX + c * p.squashY };
  const corners = [
    [0, 0],
    [doc.width, 0],
    [0, doc.height],
    [doc.width, doc.height],
  ].map(([x, y]) => [m.a * x + m.c * y, m.b * x + m.d * y]);
  const minX = Math.min(...corners.map((q) => q[0]));
  const maxX = Math.max(...corners.map((q) => q[0]));
  const minY = Math.min(...corners.map((q) => q[1]));
  const maxY = Math.max(...corners.map((q) => q[1]));
  const bw = maxX - minX;
  const bh = maxY - minY;
  // Margins of table around the document; a cut-off photo runs off the frame on the cut side.
  const margin = () => r.f(0.03, 0.1);
  let [left, right, top, bottom] = [margin() * bw, margin() * bw, margin() * bh, margin() * bh];
  if (p.cutSide === 'left') left = -(1 - p.keep) * bw;
  if (p.cutSide === 'right') right = -(1 - p.keep) * bw;
  if (p.cutSide === 'top') top = -(1 - p.keep) * bh;
  if (p.cutSide === 'bottom') bottom = -(1 - p.keep) * bh;
  const fw = bw + left + right;
  const fh = bh + top + bottom;
  // Frame units are document px; the density turns them into output px (and keeps a tiny photo tiny).
  let scale = p.scale;
  if (p.maxSide) scale = Math.min(scale, p.maxSide / Math.max(fw, fh));
  const e = left - minX;
  const f = top - minY;
  // The shadow follows the document's outline: the first rect's corner radius (a KTP's rounded card).
  const firstRect = /<rect\b[^>]*>/.exec(doc.markup.slice(0, 4000))?.[0] ?? '';
  const rx = /\brx="(\d+(?:\.\d+)?)"/.exec(firstRect)?.[1] ?? '0';
  const shadow = [
    [4, 5, 0.16],
    [9, 11, 0.1],
  ]
    .map(([dx, dy, o]) => `<rect x="${dx}" y="${dy}" width="${doc.width}" height="${doc.height}" rx="${rx}" fill="#000000" fill-opacity="${o}"/>`)
    .join('');
  const width = Math.max(1, Math.round(fw * scale));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(fw)}" height="${fmt(fh)}" viewBox="0 0 ${fmt(fw)} ${fmt(fh)}">` +
    `<rect width="100%" height="100%" fill="${p.background}"/>` +
    `<g transform="matrix(${fmt(m.a)} ${fmt(m.b)} ${fmt(m.c)} ${fmt(m.d)} ${fmt(e)} ${fmt(f)})">${shadow}${doc.markup}</g></svg>`;
  const bytes = await shoot(svg, (72 * width) / fw, p, r);
  return { bytes, mime: 'image/jpeg' };
}

/** A rendered document as a flat PNG, no photo effects (a "scan"); for PNG and format cases. */
export async function scanPng(image: Buffer, scale = 1): Promise<Buffer> {
  return (isSvg(image) ? sharp(image, { density: 72 * scale }) : sharp(image)).flatten({ background: '#ffffff' }).png({ compressionLevel: 6 }).toBuffer();
}

// ───────────────────────────── not documents ─────────────────────────────

export type SceneKind = 'landscape' | 'selfie' | 'street' | 'food';
export const SCENE_KINDS: readonly SceneKind[] = ['landscape', 'selfie', 'street', 'food'];

/** The SVG of a random, non-document picture; `randomScene` photographs it. */
export function sceneSvg(seed: number, kind?: SceneKind): { svg: string; kind: SceneKind } {
  const r = rand(seed, 'scene');
  const k = kind ?? r.pick(SCENE_KINDS);
  const w = 1280;
  const h = 960;
  const hsl = (hue: number, s: number, l: number) => `hsl(${Math.round(hue)},${Math.round(s)}%,${Math.round(l)}%)`;
  const parts: string[] = [];
  const defs: string[] = [];
  if (k === 'landscape') {
    const dusk = r.f(0, 1) < 0.3;
    defs.push(
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${dusk ? '#f08a4b' : '#5fa8e8'}"/><stop offset="1" stop-color="${dusk ? '#fbd38d' : '#cfe8fb'}"/></linearGradient>`,
    );
    parts.push(`<rect width="${w}" height="${h}" fill="url(#sky)"/>`);
    parts.push(`<circle cx="${r.i(150, 1100)}" cy="${r.i(90, 300)}" r="${r.i(40, 80)}" fill="${dusk ? '#fff1c1' : '#fffbe0'}"/>`);
    for (let i = 0; i < r.i(2, 4); i++) {
      const y0 = r.i(380, 560) + i * 60;
      const peaks = Array.from({ length: 6 }, (_, j) => `${Math.round((j / 5) * w)},${y0 - r.i(20, 220)}`).join(' ');
      parts.push(`<polygon points="0,${h} ${peaks} ${w},${h}" fill="${hsl(r.f(95, 150), r.f(25, 55), r.f(22, 42) + i * 6)}"/>`);
    }
    // rice terraces: stripes of green
    for (let i = 0; i < 8; i++)
      parts.push(
        `<path d="M0 ${700 + i * 34} Q ${w / 2} ${680 + i * 34 + r.i(-30, 30)} ${w} ${700 + i * 34}" stroke="${hsl(r.f(80, 120), 50, 35 + i * 3)}" stroke-width="18" fill="none"/>`,
      );
    for (let i = 0; i < r.i(3, 7); i++) {
      const x = r.i(40, 1240);
      const y = r.i(620, 900);
      parts.push(
        `<rect x="${x - 6}" y="${y - 80}" width="12" height="80" fill="#5b3a1e"/><circle cx="${x}" cy="${y - 100}" r="${r.i(30, 50)}" fill="${hsl(r.f(90, 140), 45, 28)}"/>`,
      );
    }
  } else if (k === 'selfie') {
    defs.push(
      `<radialGradient id="bg" cx="0.5" cy="0.4" r="0.8"><stop offset="0" stop-color="${hsl(r.f(0, 360), 25, 80)}"/><stop offset="1" stop-color="${hsl(r.f(0, 360), 30, 40)}"/></radialGradient>`,
    );
    parts.push(`<rect width="${w}" height="${h}" fill="url(#bg)"/>`);
    const skin = r.pick(['#e8c4a0', '#d8a77f', '#b9825a', '#8d5a3b']);
    const cx = r.i(560, 720);
    parts.push(`<path d="M${cx - 330} ${h} C${cx - 300} 690 ${cx + 300} 690 ${cx + 330} ${h} Z" fill="${hsl(r.f(0, 360), 45, 35)}"/>`);
    const hijab = r.f(0, 1) < 0.5;
    const hair = hijab ? hsl(r.f(0, 360), 40, r.f(25, 55)) : '#2a1e16';
    // hair (or a hijab) behind the face, then the face, then the fringe over the forehead
    parts.push(`<ellipse cx="${cx}" cy="${hijab ? 450 : 400}" rx="${hijab ? 215 : 190}" ry="${hijab ? 270 : 235}" fill="${hair}"/>`);
    parts.push(`<rect x="${cx - 55}" y="560" width="110" height="140" fill="${hijab ? hair : skin}"/>`);
    parts.push(`<ellipse cx="${cx}" cy="420" rx="${hijab ? 150 : 170}" ry="${hijab ? 190 : 215}" fill="${skin}"/>`);
    parts.push(
      `<path d="M${cx - 175} 390 C${cx - 170} 130 ${cx + 170} 130 ${cx + 175} 390 C${cx + 120} 280 ${cx - 120} 280 ${cx - 175} 390 Z" fill="${hair}"/>`,
    );
    parts.push(`<ellipse cx="${cx - 65}" cy="420" rx="22" ry="12" fill="#2b2b2b"/><ellipse cx="${cx + 65}" cy="420" rx="22" ry="12" fill="#2b2b2b"/>`);
    parts.push(`<path d="M${cx - 60} 520 Q${cx} 565 ${cx + 60} 520" stroke="#7a3b2e" stroke-width="9" fill="none"/>`);
    // a hand with a peace sign, blurry in the corner
    parts.push(`<ellipse cx="${r.i(150, 300)}" cy="${r.i(700, 850)}" rx="110" ry="150" fill="${skin}" opacity="0.85"/>`);
  } else if (k === 'street') {
    parts.push(`<rect width="${w}" height="${h * 0.55}" fill="${hsl(205, 60, r.f(70, 85))}"/>`);
    for (let i = 0; i < 7; i++) {
      const x = i * 190 + r.i(-20, 20);
      const bh = r.i(180, 420);
      parts.push(`<rect x="${x}" y="${530 - bh}" width="${r.i(150, 200)}" height="${bh}" fill="${hsl(r.f(0, 60), r.f(10, 40), r.f(45, 80))}"/>`);
      for (let j = 0; j < 3; j++) parts.push(`<rect x="${x + 20 + j * 45}" y="${560 - bh}" width="30" height="40" fill="#33414f"/>`);
    }
    parts.push(`<polygon points="0,${h} ${w},${h} ${w / 2 + 60},520 ${w / 2 - 60},520" fill="#4a4d52"/>`);
    parts.push(`<polygon points="0,${h} 0,520 ${w / 2 - 60},520" fill="#9c9a8e"/><polygon points="${w},${h} ${w},520 ${w / 2 + 60},520" fill="#9c9a8e"/>`);
    for (let i = 0; i < 6; i++) parts.push(`<rect x="${w / 2 - 5}" y="${540 + i * 70}" width="10" height="${30 + i * 8}" fill="#f2f2f2"/>`);
    // a motorbike (angkot-red box) and some people-ish shapes
    parts.push(
      `<rect x="${r.i(300, 800)}" y="${r.i(600, 700)}" width="${r.i(160, 260)}" height="120" rx="20" fill="${r.pick(['#c0392b', '#2980b9', '#27ae60', '#f1c40f'])}"/>`,
    );
    for (let i = 0; i < r.i(2, 5); i++) {
      const x = r.i(60, 1220);
      parts.push(
        `<circle cx="${x}" cy="600" r="18" fill="#6b4a33"/><rect x="${x - 18}" y="620" width="36" height="90" rx="10" fill="${hsl(r.f(0, 360), 40, 40)}"/>`,
      );
    }
  } else {
    // a plate of food on a table, seen from above
    parts.push(`<rect width="${w}" height="${h}" fill="${r.pick(['#7b5234', '#a67c52', '#d9cbb2'])}"/>`);
    parts.push(`<circle cx="640" cy="480" r="360" fill="#f4f4f2"/><circle cx="640" cy="480" r="300" fill="#fafafa" stroke="#e2e2de" stroke-width="4"/>`);
    parts.push(`<ellipse cx="${r.i(560, 620)}" cy="${r.i(440, 480)}" rx="150" ry="120" fill="#fbf8f0"/>`); // rice
    for (let i = 0; i < r.i(3, 6); i++)
      parts.push(
        `<ellipse cx="${r.i(480, 800)}" cy="${r.i(330, 640)}" rx="${r.i(30, 80)}" ry="${r.i(20, 60)}" fill="${hsl(r.f(0, 50), r.f(50, 80), r.f(30, 55))}"/>`,
      );
    parts.push(`<rect x="1080" y="200" width="40" height="560" rx="18" fill="#c7c7c7"/>`); // spoon handle
    parts.push(`<circle cx="${r.i(150, 250)}" cy="${r.i(150, 250)}" r="110" fill="${hsl(r.f(20, 40), 60, 35)}" stroke="#eee" stroke-width="14"/>`); // a glass of tea
  }
  // blobs of shade for depth
  for (let i = 0; i < 3; i++)
    parts.push(`<ellipse cx="${r.i(0, w)}" cy="${r.i(0, h)}" rx="${r.i(100, 300)}" ry="${r.i(80, 250)}" fill="#000000" opacity="${round(r.f(0.03, 0.08))}"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${defs.join('')}</defs>${parts.join('')}</svg>`;
  return { svg, kind: k };
}

/** A JPEG photo that is not a document at all: a landscape, a selfie, a street, a plate of food. */
export async function randomScene(seed: number, kind?: SceneKind): Promise<Buffer> {
  const { svg } = sceneSvg(seed, kind);
  const r = rand(seed, 'scene:photo');
  const p = { ...photoParams({ seed, degradation: 'mild' }), blurSigma: round(r.f(0.6, 1.4), 2) };
  const width = r.i(1000, 1280);
  return shoot(svg, (72 * width) / 1280, p, r);
}

const SHOPS = ['TOKO SUMBER REJEKI', 'MINIMARKET BERKAH JAYA', 'TOKO MAKMUR SENTOSA', 'WARUNG BU TINI', 'SWALAYAN SINAR MAS', 'TOKO KELONTONG BAROKAH'];
const ITEMS: [string, number][] = [
  ['MIE INSTAN GORENG', 3500],
  ['AIR MINERAL 600ML', 4000],
  ['GULA PASIR 1KG', 17500],
  ['MINYAK GORENG 2L', 36000],
  ['TELUR AYAM 1KG', 28500],
  ['BERAS PREMIUM 5KG', 74000],
  ['KOPI BUBUK 165G', 14500],
  ['SABUN MANDI 85G', 4500],
  ['TEH KOTAK 300ML', 4500],
  ['ROTI TAWAR', 16000],
  ['SUSU UHT 1L', 19500],
  ['KECAP MANIS 520ML', 23000],
  ['DETERJEN 800G', 21000],
  ['PASTA GIGI 190G', 13500],
  ['TEPUNG TERIGU 1KG', 12500],
];
const BILL_NAMES = ['SITI AMINAH', 'BUDI SANTOSO', 'DEDE SUPRIATNA', 'WAHYU NUGROHO', 'LINDA HALIM', 'AGUS SETIAWAN'];

/** 1234567 → 1.234.567 (no locale data: the same bytes on every machine). */
const rupiah = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * A text document that is none of the service documents: a shop receipt
 * ("STRUK BELANJA") or a utility bill payment slip. SVG text, to be photographed.
 * It keeps the specimen marks like the other specimens.
 */
export function receiptLike(seed: number): { svg: string; kind: 'struk' | 'tagihan' } {
  const r = rand(seed, 'receipt');
  const kind = r.f(0, 1) < 0.6 ? 'struk' : 'tagihan';
  const FONT = 'font-family="DejaVu Sans Mono, monospace"';
  const w = 460;
  const lines: { t: string; size?: number; bold?: boolean; centre?: boolean }[] = [];
  const [dd, mm, yyyy] = [r.i(1, 28), r.i(1, 12), r.i(2025, 2026)];
  const day = `${String(dd).padStart(2, '0')}-${String(mm).padStart(2, '0')}-${yyyy}`;
  const time = `${String(r.i(7, 21)).padStart(2, '0')}:${String(r.i(0, 59)).padStart(2, '0')}`;
  const row = (left: string, right: string) => `${left.slice(0, 30 - right.length - 1).padEnd(30 - right.length, ' ')}${right}`;
  if (kind === 'struk') {
    lines.push(
      { t: r.pick(SHOPS), size: 20, bold: true, centre: true },
      { t: `${r.pick(['Jl. Merdeka', 'Jl. Pahlawan', 'Jl. Raya Pasar', 'Jl. Veteran'])} No. ${r.i(1, 120)}`, centre: true },
    );
    lines.push(
      { t: 'STRUK BELANJA', bold: true, centre: true },
      { t: `${day} ${time}  KASIR: ${r.pick(['ANI', 'RUDI', 'DEWI', 'YOGA'])}` },
      { t: '-'.repeat(30) },
    );
    let total = 0;
    for (let i = 0; i < r.i(4, 10); i++) {
      const [name, price] = r.pick(ITEMS);
      const qty = r.i(1, 3);
      total += qty * price;
      lines.push({ t: name }, { t: row(`  ${qty} x ${rupiah(price)}`, rupiah(qty * price)) });
    }
    const paid = Math.ceil(total / 50000) * 50000;
    lines.push(
      { t: '-'.repeat(30) },
      { t: row('TOTAL', rupiah(total)), bold: true },
      { t: row('TUNAI', rupiah(paid)) },
      { t: row('KEMBALI', rupiah(paid - total)) },
    );
    lines.push(
      { t: '-'.repeat(30) },
      { t: 'TERIMA KASIH', centre: true },
      { t: 'BARANG YANG SUDAH DIBELI', centre: true },
      { t: 'TIDAK DAPAT DITUKAR', centre: true },
    );
  } else {
    const utility = r.pick(['LISTRIK PRABAYAR', 'AIR PDAM', 'TELEPON/INTERNET']);
    const amount = r.i(40, 600) * 1000;
    lines.push({ t: 'BUKTI PEMBAYARAN', size: 20, bold: true, centre: true }, { t: `TAGIHAN ${utility}`, bold: true, centre: true }, { t: '-'.repeat(30) });
    lines.push(
      { t: row('TANGGAL', day) },
      { t: row('JAM', time) },
      { t: row('IDPEL', String(r.i(100000, 999999)) + String(r.i(100000, 999999))) },
      { t: row('NAMA', r.pick(BILL_NAMES)) },
      // The bill paid is last month's.
      {
        t: row(
          'PERIODE',
          `${['JAN', 'FEB', 'MAR', 'APR', 'MEI', 'JUN', 'JUL', 'AGU', 'SEP', 'OKT', 'NOV', 'DES'][(mm + 10) % 12]} ${mm === 1 ? yyyy - 1 : yyyy}`,
        ),
      },
      { t: row('TAGIHAN', `Rp ${rupiah(amount)}`) },
      { t: row('ADMIN', 'Rp 2.500') },
      { t: row('TOTAL BAYAR', `Rp ${rupiah(amount + 2500)}`), bold: true },
      { t: '-'.repeat(30) },
      { t: 'SIMPAN STRUK INI SEBAGAI', centre: true },
      { t: 'BUKTI PEMBAYARAN YANG SAH', centre: true },
    );
  }
  const step = 28;
  const h = 70 + lines.length * step + 90;
  const text = lines
    .map((l, i) => {
      const y = 60 + i * step;
      const size = l.size ?? 17;
      const anchor = l.centre ? `x="${w / 2}" text-anchor="middle"` : 'x="24"';
      return `<text ${anchor} y="${y}" ${FONT} font-size="${size}"${l.bold ? ' font-weight="bold"' : ''} fill="#222" xml:space="preserve">${xmlEscape(l.t)}</text>`;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Spesimen struk">` +
    `<rect width="${w}" height="${h}" fill="#fbfaf6"/>` +
    // thermal paper: the zig-zag tear at the bottom
    `<path d="M0 ${h - 8} ${Array.from({ length: 24 }, (_, i) => `L${((i + 0.5) * w) / 24} ${h} L${((i + 1) * w) / 24} ${h - 8}`).join(' ')} V${h} H0 Z" fill="#e9e6de"/>` +
    text +
    `<text x="${w / 2}" y="${Math.round(h / 2)}" font-family="DejaVu Sans, sans-serif" font-size="84" font-weight="bold" fill="#d0021b" fill-opacity="0.18" text-anchor="middle" transform="rotate(-28 ${w / 2} ${Math.round(h / 2)})">SPESIMEN</text>` +
    `<text x="${w / 2}" y="${h - 30}" font-family="DejaVu Sans, sans-serif" font-size="13" font-weight="bold" fill="#d0021b" text-anchor="middle">CONTOH – BUKAN DOKUMEN ASLI</text>` +
    `</svg>`;
  return { svg, kind };
}
