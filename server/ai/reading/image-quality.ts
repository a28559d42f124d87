/**
 * "Can this be read at all?", measured on the pixels: sharpness (standard
 * deviation of the Laplacian on a grey copy of fixed width, the classic
 * focus measure), brightness and contrast (mean and spread of grey), size.
 * Thresholds were set on the labelled specimen set (npm run eval:documents)
 * and are deliberately on the side of "ask for a new photo".
 */
import sharp from 'sharp';
import type { ImageQuality, UnreadableReason } from '@/db/schema';

const PROBE_WIDTH = 1000;
/** Below this Laplacian spread text edges are gone (sharp print ≈ 25–60, a phone photo ≈ 12–30, sigma-6 blur ≈ 2–4). */
export const MIN_SHARPNESS = 6;
export const MIN_BRIGHTNESS = 55;
export const MAX_BRIGHTNESS = 245;
export const MIN_CONTRAST = 18;
/** A document photographed smaller than this cannot show 16 legible digits. */
export const MIN_SIDE = 320;

export async function measureQuality(png: Buffer, original: { width: number; height: number }): Promise<ImageQuality> {
  const grey = sharp(png).greyscale().resize({ width: PROBE_WIDTH, withoutEnlargement: true });
  const stats = await grey.clone().stats();
  const lap = await grey
    .clone()
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 })
    .stats();
  const brightness = stats.channels[0].mean;
  const contrast = stats.channels[0].stdev;
  const sharpness = lap.channels[0].stdev;
  const problems: UnreadableReason[] = [];
  if (Math.max(original.width, original.height) < MIN_SIDE) problems.push('too_small');
  if (brightness < MIN_BRIGHTNESS) problems.push('too_dark');
  else if (brightness > MAX_BRIGHTNESS || contrast < MIN_CONTRAST) problems.push(brightness > MAX_BRIGHTNESS ? 'too_bright' : 'too_dark');
  if (sharpness < MIN_SHARPNESS) problems.push('blurred');
  const round = (n: number) => Math.round(n * 10) / 10;
  return { width: original.width, height: original.height, sharpness: round(sharpness), brightness: round(brightness), contrast: round(contrast), problems };
}
