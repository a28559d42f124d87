/**
 * Phone photos of cards are a few degrees off; Tesseract's single-block mode
 * then mixes neighbouring lines ("Nama" with "Tempat/Tgl Lahir") and misreads
 * digits. The skew is found by the projection-profile method: rotate a small
 * binarised copy through candidate angles and keep the one whose row sums
 * change most sharply (text lines aligned with the rows). Boxes read on the
 * straightened page are mapped back onto the page as stored, so the viewer
 * highlights the right place on the original image.
 */
import sharp from 'sharp';
import type { PageBox } from '@/db/schema';

const PROBE_WIDTH = 600;
const MAX_ANGLE = 6;
/** Only the middle of the frame is scored: the table around a photographed card would otherwise dominate. */
const CENTRE = 0.7;

/** Ink pixels of the page's centre, on a small grey copy. */
async function inkPoints(png: Buffer): Promise<{ xs: Float32Array; ys: Float32Array; height: number }> {
  const { data, info } = await sharp(png).greyscale().resize({ width: PROBE_WIDTH, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  const [x0, x1] = [Math.floor((w * (1 - CENTRE)) / 2), Math.ceil((w * (1 + CENTRE)) / 2)];
  const [y0, y1] = [Math.floor((h * (1 - CENTRE)) / 2), Math.ceil((h * (1 + CENTRE)) / 2)];
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += data[y * w + x];
  // Ink is clearly darker than the paper around it: well below the centre's mean grey.
  const threshold = (sum / ((x1 - x0) * (y1 - y0))) * 0.62;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if (data[y * w + x] < threshold) {
        xs.push(x - w / 2);
        ys.push(y - h / 2);
      }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys), height: h };
}

/** Sharpness of the row profile after rotating the ink by `angle` degrees (clockwise, as sharp rotates). */
function profileScore(p: { xs: Float32Array; ys: Float32Array; height: number }, angle: number): number {
  const t = (angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const size = p.height * 2;
  const rows = new Float64Array(size);
  for (let i = 0; i < p.xs.length; i++) {
    const y = Math.round(p.xs[i] * sin + p.ys[i] * cos + p.height);
    if (y >= 0 && y < size) rows[y]++;
  }
  let score = 0;
  for (let y = 1; y < size; y++) score += (rows[y] - rows[y - 1]) ** 2;
  return score;
}

/** Degrees to pass to sharp's rotate() to straighten the page (0 when it is straight or no angle is clearly better). */
export async function estimateSkew(png: Buffer): Promise<number> {
  const ink = await inkPoints(png);
  if (ink.xs.length < 200) return 0;
  const straight = profileScore(ink, 0);
  let best = 0;
  let bestScore = straight;
  for (let a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += 0.25) {
    const s = profileScore(ink, a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  // A gain of a few percent is noise (a page with little text), not a tilt worth resampling for.
  // Below 0.75° Tesseract copes; resampling would only soften the glyphs.
  return bestScore > straight * 1.05 && Math.abs(best) >= 0.75 ? best : 0;
}

export type Straightened = { png: Buffer; width: number; height: number; toOriginal: (b: PageBox) => PageBox };

/** The page rotated by `angle`, and the map from boxes on it (fractions) back to the page as given. */
export async function straighten(png: Buffer, size: { width: number; height: number }, angle: number): Promise<Straightened> {
  const identity = (b: PageBox) => b;
  if (!angle) return { png, ...size, toOriginal: identity };
  // The corners the rotation uncovers get the picture's dominant colour: white corners around a table-top photo
  // split its histogram in two and Tesseract's global threshold then turns the whole card black.
  const { dominant } = await sharp(png).stats();
  const { data, info } = await sharp(png)
    .rotate(angle, { background: { r: dominant.r, g: dominant.g, b: dominant.b } })
    .greyscale()
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  const t = (angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const [cx, cy] = [size.width / 2, size.height / 2];
  const [rcx, rcy] = [info.width / 2, info.height / 2];
  // sharp rotates clockwise (y down): p' = c' + R(t)(p − c), so p = c + R(−t)(p' − c').
  const back = (x: number, y: number) => {
    const [dx, dy] = [x - rcx, y - rcy];
    return [cx + dx * cos + dy * sin, cy - dx * sin + dy * cos];
  };
  const toOriginal = (b: PageBox): PageBox => {
    const corners = [
      back(b.x * info.width, b.y * info.height),
      back((b.x + b.w) * info.width, b.y * info.height),
      back(b.x * info.width, (b.y + b.h) * info.height),
      back((b.x + b.w) * info.width, (b.y + b.h) * info.height),
    ];
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const xs = corners.map(([x]) => clamp(x / size.width));
    const ys = corners.map(([, y]) => clamp(y / size.height));
    const r = (v: number) => Math.round(v * 10_000) / 10_000;
    return { page: b.page, x: r(Math.min(...xs)), y: r(Math.min(...ys)), w: r(Math.max(...xs) - Math.min(...xs)), h: r(Math.max(...ys) - Math.min(...ys)) };
  };
  return { png: data, width: info.width, height: info.height, toOriginal };
}
