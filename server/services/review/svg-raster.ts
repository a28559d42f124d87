/**
 * SVG documents become PNG pictures on intake. An SVG is a program as much as
 * a picture (scripts, event handlers, javascript: links, foreignObject with
 * HTML, animations that set attributes), and a blocklist of those spellings
 * always misses one (`<svg/onload>`, `&#106;avascript:`, an iframe srcdoc inside
 * foreignObject, `<animate attributeName="href">`). A scan needs none of it: it
 * is rendered once by librsvg (inside sharp), which runs no scripts and, given
 * bytes rather than a file, loads nothing from outside (no http, no file:, no
 * external entities; data: URIs only), and only the pixels are kept.
 *
 * 144 dpi, scaled and flattened on white exactly as the OCR rasteriser does
 * (server/ai/reading/rasterize.ts): the reader sees the same pixels as before.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export const SVG_MIME = 'image/svg+xml';
const DENSITY = 144;
/** Decompression bombs: an SVG that says width="100000" is refused before it is rendered. */
const MAX_PIXELS = 40_000_000;
/**
 * Long side of the stored picture: the OCR rasteriser's own (1,700 px), so the
 * reader gets exactly the pixels it drew from the SVG before (measured on 24
 * specimen SVGs: the same type, quality, mean confidence and field values for
 * every one; at 4,000 px one of 10 read a field differently).
 */
const MAX_SIDE = 1700;
const RENDER_TIMEOUT_S = 10;

export class SvgRenderError extends Error {}

export type Rasterised = { png: Buffer; width: number; height: number; originalSha256: string; sha256: string };

/** Renders an SVG into a PNG; throws SvgRenderError when it is no SVG librsvg can draw. */
export async function rasteriseSvg(svg: Buffer): Promise<Rasterised> {
  try {
    const img = sharp(svg, { density: DENSITY, limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const meta = await img.metadata();
    if (meta.format !== 'svg') throw new SvgRenderError(`not an SVG (${meta.format ?? 'unknown format'})`);
    const { data, info } = await img
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png()
      .timeout({ seconds: RENDER_TIMEOUT_S })
      .toBuffer({ resolveWithObject: true });
    return {
      png: data,
      width: info.width,
      height: info.height,
      originalSha256: createHash('sha256').update(svg).digest('hex'),
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch (e) {
    if (e instanceof SvgRenderError) throw e;
    throw new SvgRenderError(`the SVG could not be rendered: ${(e as Error).message}`);
  }
}

/** `kk.svg` → `kk.png`; any other name gets `.png` added. */
export const pngFilename = (filename: string) => (/\.svgz?$/i.test(filename) ? filename.replace(/\.svgz?$/i, '.png') : `${filename}.png`);
