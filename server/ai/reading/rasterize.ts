/**
 * Every stored format becomes greyscale-ready raster pages before OCR:
 * JPEG/PNG/WebP as they are (EXIF orientation applied), SVG rasterised by
 * librsvg inside sharp (scripts never run), PDF pages rendered by MuPDF
 * (WASM, no native install). Pages are scaled so text has the size
 * Tesseract reads best (a page is at most MAX_SIDE px on its long side).
 */
import sharp from 'sharp';
import { DocumentReadError } from './errors';

export type RasterPage = { png: Buffer; width: number; height: number };

/** Long side of a rendered page: enough for 9 pt text on A4 at ~140 dpi, small enough to OCR in well under a second. */
const MAX_SIDE = 1700;
/** Only the first pages of a PDF are read: our documents are one page; a long PDF is not a KTP. */
export const MAX_PDF_PAGES = 3;
/** Decompression bombs: refuse images above this many pixels before decoding them fully. */
const MAX_INPUT_PIXELS = 40_000_000;

async function fromImage(bytes: Buffer, density?: number): Promise<RasterPage> {
  try {
    const img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, ...(density ? { density } : {}) }).rotate();
    // Not enlarged: measured on the specimen set, doubling small photos made Tesseract read extra digits into NIKs.
    const { data, info } = await img
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch (e) {
    throw new DocumentReadError('UNDECODABLE', `image could not be decoded: ${(e as Error).message}`);
  }
}

type MuPdf = typeof import('mupdf');
let mupdfModule: Promise<MuPdf> | null = null;
const loadMupdf = () => (mupdfModule ??= import('mupdf'));

async function fromPdf(bytes: Buffer): Promise<RasterPage[]> {
  const mupdf = await loadMupdf();
  let doc: InstanceType<MuPdf['Document']> | null = null;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
    const pages: RasterPage[] = [];
    const count = Math.min(doc.countPages(), MAX_PDF_PAGES);
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i);
      const [x0, y0, x1, y1] = page.getBounds();
      const scale = MAX_SIDE / Math.max(x1 - x0, y1 - y0);
      const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
      pages.push({ png: Buffer.from(pix.asPNG()), width: pix.getWidth(), height: pix.getHeight() });
      pix.destroy();
      page.destroy();
    }
    if (!pages.length) throw new DocumentReadError('UNDECODABLE', 'PDF has no pages');
    return pages;
  } catch (e) {
    if (e instanceof DocumentReadError) throw e;
    throw new DocumentReadError('UNDECODABLE', `PDF could not be rendered: ${(e as Error).message}`);
  } finally {
    doc?.destroy();
  }
}

export async function rasterize(bytes: Buffer, mime: string): Promise<RasterPage[]> {
  switch (mime) {
    case 'image/jpeg':
    case 'image/png':
    case 'image/webp':
      return [await fromImage(bytes)];
    case 'image/svg+xml':
      // 144 dpi: SVG specimens are drawn at CSS pixels (96 dpi); 1.5× gives OCR-friendly glyphs.
      return [await fromImage(bytes, 144)];
    case 'application/pdf':
      return fromPdf(bytes);
    default:
      throw new DocumentReadError('UNSUPPORTED_FORMAT', `no reader for ${mime}`);
  }
}
