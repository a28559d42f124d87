/**
 * "Can this be read at all?", measured on the pixels: sharpness (standard
 * deviation of the Laplacian on a grey copy of fixed width, the classic
 * focus measure), brightness and contrast (mean and spread of grey), size.
 * Thresholds were set on the labelled specimen set (npm run eval:documents)
 * and are deliberately on the side of "ask for a new photo".
 */
import sharp from 'sharp';
import type { ImageQuality, UnreadableReason } from '@/db/schema';

/**
 * The focus measure is taken on a 500 px copy smoothed with σ = 1: phone
 * sensor noise is fine-grained and would otherwise read as "sharp" on a
 * blurred photo; text edges survive both steps.
 */
const PROBE_WIDTH = 500;
const DENOISE_SIGMA = 1;
/** Below this, text edges are gone (documents in our set ≥ 9.8, σ ≥ 6 blurred photos ≤ 3.6, smooth scenes 4–6). */
export const MIN_SHARPNESS = 4.3;
export const MIN_BRIGHTNESS = 55;
/** Overexposed: bright and flat (a white page with crisp text keeps its contrast above this). */
export const MAX_BRIGHTNESS = 230;
export const MIN_CONTRAST = 15;
/** A document photographed smaller than this cannot show 16 legible digits. */
export const MIN_SIDE = 320;

export async function measureQuality(png: Buffer, original: { width: number; height: number }): Promise<ImageQuality> {
  // sharp's stats() describe the input, not the pipeline: compute on the grey pixels ourselves.
  const { data, info } = await sharp(png)
    .greyscale()
    .resize({ width: PROBE_WIDTH, withoutEnlargement: true })
    .blur(DENOISE_SIGMA)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < data.length; i++) {
    sum += data[i];
    sq += data[i] * data[i];
  }
  const n = data.length;
  const brightness = sum / n;
  const contrast = Math.sqrt(Math.max(0, sq / n - brightness * brightness));
  let lsum = 0;
  let lsq = 0;
  let ln = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = data[i - 1] + data[i + 1] + data[i - w] + data[i + w] - 4 * data[i];
      lsum += lap;
      lsq += lap * lap;
      ln++;
    }
  }
  const lmean = lsum / Math.max(1, ln);
  const sharpness = Math.sqrt(Math.max(0, lsq / Math.max(1, ln) - lmean * lmean));
  const problems: UnreadableReason[] = [];
  if (Math.max(original.width, original.height) < MIN_SIDE) problems.push('too_small');
  if (brightness < MIN_BRIGHTNESS) problems.push('too_dark');
  else if (brightness > MAX_BRIGHTNESS && contrast < MIN_CONTRAST) problems.push('too_bright');
  if (sharpness < MIN_SHARPNESS) problems.push('blurred');
  const round = (v: number) => Math.round(v * 10) / 10;
  return { width: original.width, height: original.height, sharpness: round(sharpness), brightness: round(brightness), contrast: round(contrast), problems };
}
