/**
 * Specimen documents for the demo: SVG images that look enough like a KTP-el,
 * a Kartu Keluarga, a kutipan akta kelahiran or a pas foto for the document
 * viewer (and the OCR reader) to be meaningful, and a minimal one-page PDF for
 * letters. Every specimen carries a large "SPESIMEN" watermark and
 * "CONTOH – BUKAN DOKUMEN ASLI" so nobody mistakes a screenshot for a real
 * document. The SVGs are static: no scripts, no external references, all text
 * XML-escaped. server/seed/specimen-photo.ts turns them into phone photos.
 */
import QRCode from 'qrcode';

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

// DejaVu Sans first: it is what this machine's librsvg has, and naming it keeps rasterised bytes the same wherever it is installed.
const FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"';

function watermark(w: number, h: number, size: number, at?: { cx: number; cy: number }): string {
  const cx = Math.round(at?.cx ?? w / 2);
  const cy = Math.round(at?.cy ?? h / 2);
  return (
    `<text x="${cx}" y="${cy + Math.round(size / 3)}" ${FONT} font-size="${size}" font-weight="bold" fill="#d0021b" fill-opacity="0.22" ` +
    `text-anchor="middle" transform="rotate(-28 ${cx} ${cy})">SPESIMEN</text>`
  );
}

function footer(w: number, y: number, size = 14): string {
  return `<text x="${Math.round(w / 2)}" y="${y}" ${FONT} font-size="${size}" font-weight="bold" fill="#d0021b" text-anchor="middle">CONTOH – BUKAN DOKUMEN ASLI</text>`;
}

/**
 * Unreadable scans are drawn blurred, so the viewer shows why the AI could not read them; the
 * watermark and the "not a real document" line stay sharp on top.
 */
function frame(
  w: number,
  h: number,
  label: string,
  body: string,
  blurred: boolean,
  notice: string,
  opts: { mark?: { cx: number; cy: number; size: number }; above?: string } = {},
): string {
  const defs = blurred ? '<defs><filter id="blur"><feGaussianBlur stdDeviation="5"/></filter></defs>' : '';
  const group = blurred ? `<g filter="url(#blur)">${body}</g>` : body;
  const mark = opts.mark ? watermark(w, h, opts.mark.size, opts.mark) : watermark(w, h, Math.round(w / 5.5));
  // `above` is drawn over the watermark (a QR code must stay machine-readable).
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${xmlEscape(label)}">` +
    `${defs}${group}${mark}${notice}${opts.above ?? ''}</svg>`
  );
}

/**
 * Font size that fits `text` into `width` px: DejaVu Sans capitals and digits
 * average about 0.7 em, so long values shrink instead of being cut (a cut
 * address is a misread; a cut NIK is a wrong NIK).
 */
function fitSize(text: string, width: number, size: number, min = 12): number {
  const em = [...text].reduce((n, ch) => n + (/[A-Z0-9]/.test(ch) ? 0.7 : /[a-z]/.test(ch) ? 0.58 : ch === ' ' ? 0.32 : 0.45), 0);
  return Math.max(min, Math.min(size, Math.floor((width / Math.max(1, em)) * 10) / 10));
}

/** A QR code as SVG paths, one path run per dark row segment; synchronous (QRCode.create). */
export function qrSvg(text: string, x: number, y: number, modulePx: number, opts: { quiet?: number } = {}): { svg: string; size: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = opts.quiet ?? 4;
  const size = (n + 2 * quiet) * modulePx;
  const runs: string[] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      runs.push(`M${x + (quiet + start) * modulePx} ${y + (quiet + r) * modulePx}h${(c - start) * modulePx}v${modulePx}h${-(c - start) * modulePx}z`);
    }
  }
  return {
    svg: `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#ffffff"/><path d="${runs.join('')}" fill="#000000" shape-rendering="crispEdges"/>`,
    size,
  };
}

export type KtpFields = {
  provinsi: string;
  kabupaten: string;
  nik: string;
  nama: string;
  tempatLahir: string;
  tanggalLahir: string; // DD-MM-YYYY
  jenisKelamin: string;
  /** A, B, AB, O (optionally with +/-), or '-' when unknown, as most cards print it. Default '-'. */
  golDarah?: string;
  alamat: string;
  rtRw: string;
  /** Kelurahan or desa; default '-' (older specimens did not print it). */
  kelDesa?: string;
  kecamatan: string;
  agama: string;
  statusPerkawinan: string;
  pekerjaan: string;
  berlakuHingga: string;
  kotaTerbit: string;
  tanggalTerbit: string;
};

/**
 * The labels exactly as a KTP-el prints them, in print order (Gol. Darah shares the Jenis Kelamin line).
 * @internal exported for the tests (knip: not an export of the product)
 */
export const KTP_LABELS = [
  'NIK',
  'Nama',
  'Tempat/Tgl Lahir',
  'Jenis Kelamin',
  'Gol. Darah',
  'Alamat',
  'RT/RW',
  'Kel/Desa',
  'Kecamatan',
  'Agama',
  'Status Perkawinan',
  'Pekerjaan',
  'Kewarganegaraan',
  'Berlaku Hingga',
] as const;

export function ktpSvg(f: KtpFields, blurred = false): string {
  const w = 856;
  const h = 540;
  const valueX = 230;
  // Values end before the photo box (x = 640); Jenis Kelamin ends before the Gol. Darah label.
  const rows: [string, string, number][] = [
    ['Nama', f.nama, 400],
    ['Tempat/Tgl Lahir', `${f.tempatLahir}, ${f.tanggalLahir}`, 400],
    ['Jenis Kelamin', f.jenisKelamin, 180],
    ['Alamat', f.alamat, 400],
    ['RT/RW', f.rtRw, 400],
    ['Kel/Desa', f.kelDesa ?? '-', 400],
    ['Kecamatan', f.kecamatan, 400],
    ['Agama', f.agama, 400],
    ['Status Perkawinan', f.statusPerkawinan, 400],
    ['Pekerjaan', f.pekerjaan, 400],
    ['Kewarganegaraan', 'WNI', 400],
    ['Berlaku Hingga', f.berlakuHingga, 400],
  ];
  const top = 166;
  const step = 28;
  const lines = rows
    .map(([k, v, room], i) => {
      const y = top + i * step;
      const line =
        `<text x="40" y="${y}" ${FONT} font-size="18" fill="#1b2a3a">${xmlEscape(k)}</text>` +
        `<text x="${valueX}" y="${y}" ${FONT} font-size="${fitSize(`: ${v}`, room, 18)}" fill="#1b2a3a">: ${xmlEscape(v)}</text>`;
      if (k !== 'Jenis Kelamin') return line;
      return (
        line +
        `<text x="420" y="${y}" ${FONT} font-size="18" fill="#1b2a3a">Gol. Darah</text>` +
        `<text x="530" y="${y}" ${FONT} font-size="18" fill="#1b2a3a">: ${xmlEscape(f.golDarah ?? '-')}</text>`
      );
    })
    .join('');
  const body =
    `<rect width="${w}" height="${h}" rx="26" fill="#cde6f5"/>` +
    `<rect x="10" y="10" width="${w - 20}" height="${h - 20}" rx="20" fill="none" stroke="#7fb3d5" stroke-width="3"/>` +
    `<text x="${w / 2}" y="50" ${FONT} font-size="24" font-weight="bold" fill="#0b3d62" text-anchor="middle">PROVINSI ${xmlEscape(f.provinsi.toUpperCase())}</text>` +
    `<text x="${w / 2}" y="80" ${FONT} font-size="24" font-weight="bold" fill="#0b3d62" text-anchor="middle">${xmlEscape(f.kabupaten.toUpperCase())}</text>` +
    `<text x="40" y="128" ${FONT} font-size="28" font-weight="bold" fill="#0b1a2a">NIK</text>` +
    // 16 digits plus ": " at 28 px bold need about 370 px: the whole number always fits before the photo.
    `<text x="${valueX}" y="128" ${FONT} font-size="28" font-weight="bold" fill="#0b1a2a" letter-spacing="1">: ${xmlEscape(f.nik)}</text>` +
    lines +
    `<rect x="650" y="118" width="170" height="222" fill="#e9eef2" stroke="#6b7c8c" stroke-width="2"/>` +
    `<circle cx="735" cy="196" r="44" fill="#b7c2cc"/><path d="M668 340 C670 272 800 272 802 340 Z" fill="#b7c2cc"/>` +
    `<text x="735" y="366" ${FONT} font-size="15" fill="#1b2a3a" text-anchor="middle">${xmlEscape(f.kotaTerbit.toUpperCase())}</text>` +
    `<text x="735" y="388" ${FONT} font-size="15" fill="#1b2a3a" text-anchor="middle">${xmlEscape(f.tanggalTerbit)}</text>` +
    `<path d="M675 440 q20 -30 40 0 t40 0 t30 -10" fill="none" stroke="#1b2a3a" stroke-width="2"/>`;
  return frame(w, h, 'Spesimen KTP-el', body, blurred, footer(w, 522, 16));
}

export type KkMember = {
  nama: string;
  nik: string;
  jenisKelamin: 'LAKI-LAKI' | 'PEREMPUAN';
  tempatLahir: string;
  tanggalLahir: string; // DD-MM-YYYY
  hubungan: string;
};

export type KkFields = {
  nomor: string;
  kepalaKeluarga: string;
  alamat: string;
  rtRw: string;
  /** Desa/Kelurahan; printed as '-' when absent. */
  kelDesa?: string;
  kecamatan: string;
  kabupaten: string;
  provinsi: string;
  members: KkMember[];
  tanggalTerbit: string; // DD-MM-YYYY
};

/** What the KK's QR code encodes: `KK|<nomor>|<KEPALA KELUARGA>|<tanggal terbit DD-MM-YYYY>`. */
export function kkQrText(f: Pick<KkFields, 'nomor' | 'kepalaKeluarga' | 'tanggalTerbit'>): string {
  return `KK|${f.nomor}|${f.kepalaKeluarga.toUpperCase()}|${f.tanggalTerbit}`;
}

/** Where kkSvg draws its QR code (SVG px, top-left corner and side, quiet zone included), for tests and croppers. */
export const KK_QR = { x: 40, y: 568, modulePx: 4 } as const;

export function kkSvg(f: KkFields, blurred = false): string {
  const w = 1123;
  const h = 794;
  const cols = [
    { t: 'No', x: 40, w: 40 },
    { t: 'Nama Lengkap', x: 80, w: 240 },
    { t: 'NIK', x: 320, w: 180 },
    { t: 'Jenis Kelamin', x: 500, w: 125 },
    { t: 'Tempat Lahir', x: 625, w: 140 },
    { t: 'Tanggal Lahir', x: 765, w: 135 },
    { t: 'Hubungan', x: 900, w: 183 },
  ];
  const header = (k: string, v: string, x: number, y: number) =>
    `<text x="${x}" y="${y}" ${FONT} font-size="15" fill="#222">${xmlEscape(k)}</text><text x="${x + 190}" y="${y}" ${FONT} font-size="${fitSize(`: ${v}`, 330, 15, 11)}" fill="#222">: ${xmlEscape(v)}</text>`;
  const top = 250;
  // Up to eight members fit above the QR code; a larger household shrinks the rows.
  const rowH = f.members.length <= 8 ? 34 : Math.max(18, Math.floor(300 / (f.members.length + 1)));
  const cellSize = Math.min(14, rowH - 6);
  const tableRows = f.members
    .map((m, i) => {
      const y = top + rowH * (i + 1);
      const cells = [String(i + 1), m.nama, m.nik, m.jenisKelamin, m.tempatLahir, m.tanggalLahir, m.hubungan];
      return (
        `<rect x="40" y="${y}" width="1043" height="${rowH}" fill="${i % 2 ? '#f6f8f4' : '#ffffff'}" stroke="#9aa59a"/>` +
        cells
          .map(
            (c, j) =>
              `<text x="${cols[j].x + 6}" y="${y + Math.round(rowH * 0.65)}" ${FONT} font-size="${fitSize(c, cols[j].w - 10, cellSize, 8)}" fill="#222">${xmlEscape(c)}</text>`,
          )
          .join('')
      );
    })
    .join('');
  const qr = qrSvg(kkQrText(f), KK_QR.x, KK_QR.y, KK_QR.modulePx);
  const tte = ['Dokumen ini telah ditandatangani secara elektronik', 'menggunakan sertifikat elektronik.', 'Pindai kode QR untuk memeriksa keaslian.']
    .map((t, i) => `<text x="${KK_QR.x + qr.size + 14}" y="${KK_QR.y + qr.size - 48 + i * 18}" ${FONT} font-size="12" fill="#333">${t}</text>`)
    .join('');
  const body =
    `<rect width="${w}" height="${h}" fill="#fbfcf7"/>` +
    `<rect x="20" y="20" width="${w - 40}" height="${h - 40}" fill="none" stroke="#4f6b4f" stroke-width="2"/>` +
    `<text x="${w / 2}" y="72" ${FONT} font-size="34" font-weight="bold" fill="#1f3b1f" text-anchor="middle">KARTU KELUARGA</text>` +
    `<text x="${w / 2}" y="106" ${FONT} font-size="20" fill="#1f3b1f" text-anchor="middle">No. ${xmlEscape(f.nomor)}</text>` +
    header('Nama Kepala Keluarga', f.kepalaKeluarga, 40, 146) +
    header('Alamat', f.alamat, 40, 170) +
    header('RT/RW', f.rtRw, 40, 194) +
    header('Desa/Kelurahan', f.kelDesa ?? '-', 40, 218) +
    header('Kecamatan', f.kecamatan, 600, 146) +
    header('Kabupaten/Kota', f.kabupaten, 600, 170) +
    header('Provinsi', f.provinsi, 600, 194) +
    `<rect x="40" y="${top}" width="1043" height="${rowH}" fill="#dfe8d8" stroke="#9aa59a"/>` +
    cols
      .map((c) => `<text x="${c.x + 6}" y="${top + Math.round(rowH * 0.65)}" ${FONT} font-size="${cellSize}" font-weight="bold" fill="#1f3b1f">${c.t}</text>`)
      .join('') +
    tableRows +
    tte +
    `<text x="820" y="${h - 120}" ${FONT} font-size="15" fill="#222">Dikeluarkan tanggal ${xmlEscape(f.tanggalTerbit)}</text>` +
    `<text x="820" y="${h - 98}" ${FONT} font-size="15" fill="#222">Kepala Dinas Kependudukan</text>` +
    `<text x="820" y="${h - 78}" ${FONT} font-size="15" fill="#222">dan Pencatatan Sipil</text>`;
  // The watermark sits over the table, clear of the QR code in the bottom-left corner.
  return frame(w, h, 'Spesimen Kartu Keluarga', body, blurred, footer(w, h - 40, 18), { mark: { cx: 640, cy: 340, size: 170 }, above: qr.svg });
}

export function fotoSvg(opts: { background: 'merah' | 'biru'; nama: string }, blurred = false): string {
  const w = 300;
  const h = 400;
  const bg = opts.background === 'merah' ? '#c0392b' : '#2e6db4';
  const body =
    `<rect width="${w}" height="${h}" fill="${bg}"/>` +
    `<circle cx="150" cy="150" r="62" fill="#f1d9c5"/>` +
    `<path d="M150 88 C100 88 88 130 92 150 C100 110 200 110 208 150 C212 130 200 88 150 88 Z" fill="#2b2b2b"/>` +
    `<path d="M40 400 C44 286 256 286 260 400 Z" fill="#1f2d3d"/>` +
    `<path d="M130 300 L150 340 L170 300 Z" fill="#ffffff"/>` +
    `<rect x="0" y="352" width="${w}" height="48" fill="#ffffff" fill-opacity="0.85"/>` +
    `<text x="150" y="372" ${FONT} font-size="13" fill="#222" text-anchor="middle">PAS FOTO 3x4 – ${xmlEscape(opts.nama.slice(0, 22))}</text>`;
  return frame(w, h, 'Spesimen pas foto', body, blurred, footer(w, 392, 11));
}

export type AktaFields = {
  /** e.g. 3273-LT-12032020-0012: kota/kabupaten code, LT (lahir), registration date DDMMYYYY, serial. */
  nomor: string;
  /** Place of birth as printed, e.g. KOTA BANDUNG or BANDUNG. */
  tempatLahir: string;
  tanggalLahir: string; // DD-MM-YYYY
  namaAnak: string;
  anakKe: number;
  jenisKelamin: 'LAKI-LAKI' | 'PEREMPUAN';
  namaAyah: string;
  namaIbu: string;
  /** Where and when the kutipan was issued. */
  kotaTerbit: string;
  tanggalTerbit: string; // DD-MM-YYYY
  /** e.g. "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Bandung" */
  pejabat?: string;
};

/**
 * Kutipan akta kelahiran. The sentence a kutipan prints ("Berdasarkan Akta
 * Kelahiran Nomor …, bahwa di … pada tanggal … telah lahir … anak ke-…, … dari
 * ayah … dan ibu …") is broken so that every line starts with its phrase and
 * ends with its value: a line-based OCR reader gets one labelled value per
 * line, and the lines joined read as the whole sentence.
 */
export function aktaSvg(f: AktaFields, blurred = false): string {
  const w = 794;
  const h = 1123;
  const cx = w / 2;
  const left = 90;
  const valueRoom = w - 2 * left;
  const heading = ['REPUBLIK INDONESIA', 'PENCATATAN SIPIL', 'WARGA NEGARA INDONESIA']
    .map(
      (t, i) =>
        `<text x="${cx}" y="${150 + i * 30}" ${FONT} font-size="${i === 0 ? 22 : 18}" font-weight="bold" fill="#1d2b4a" text-anchor="middle">${t}</text>`,
    )
    .join('');
  const lines: [string, string, boolean][] = [
    ['Berdasarkan Akta Kelahiran Nomor', f.nomor, false],
    ['bahwa di', f.tempatLahir, false],
    ['pada tanggal', f.tanggalLahir, false],
    ['telah lahir', f.namaAnak, true],
    [`anak ke-${f.anakKe},`, f.jenisKelamin, false],
    ['dari ayah', f.namaAyah, false],
    ['dan ibu', f.namaIbu, false],
  ];
  const text = lines
    .map(([phrase, value, big], i) => {
      const y = 420 + i * 52;
      const all = `${phrase} ${value}`;
      const size = fitSize(all, valueRoom, big ? 24 : 19, 12);
      return `<text x="${left}" y="${y}" ${FONT} font-size="${size}" fill="#1d2b4a">${xmlEscape(phrase)} <tspan font-weight="bold">${xmlEscape(value)}</tspan></text>`;
    })
    .join('');
  const pejabat = f.pejabat ?? 'Kepala Dinas Kependudukan dan Pencatatan Sipil';
  // The signing official's title, wrapped at about 34 characters.
  const titleLines = pejabat.split(' ').reduce<string[]>((acc, word) => {
    const last = acc[acc.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 34) acc[acc.length - 1] = `${last} ${word}`;
    else acc.push(word);
    return acc;
  }, []);
  const body =
    `<rect width="${w}" height="${h}" fill="#f7f3e6"/>` +
    `<rect x="28" y="28" width="${w - 56}" height="${h - 56}" fill="none" stroke="#8a7a4a" stroke-width="6"/>` +
    `<rect x="40" y="40" width="${w - 80}" height="${h - 80}" fill="none" stroke="#8a7a4a" stroke-width="1.5"/>` +
    // A plain emblem outline, not the Garuda: a specimen must not copy state insignia.
    `<circle cx="${cx}" cy="90" r="26" fill="none" stroke="#8a7a4a" stroke-width="3"/><path d="M${cx - 14} 96 L${cx} 72 L${cx + 14} 96 Z" fill="#8a7a4a"/>` +
    heading +
    `<text x="${cx}" y="300" ${FONT} font-size="28" font-weight="bold" fill="#1d2b4a" text-anchor="middle" letter-spacing="1">KUTIPAN AKTA KELAHIRAN</text>` +
    `<line x1="${left}" y1="320" x2="${w - left}" y2="320" stroke="#8a7a4a" stroke-width="2"/>` +
    text +
    `<text x="430" y="${h - 300}" ${FONT} font-size="16" fill="#1d2b4a">Dikeluarkan di ${xmlEscape(f.kotaTerbit)}</text>` +
    `<text x="430" y="${h - 276}" ${FONT} font-size="16" fill="#1d2b4a">pada tanggal ${xmlEscape(f.tanggalTerbit)}</text>` +
    titleLines
      .map((t, i) => `<text x="430" y="${h - 250 + i * 22}" ${FONT} font-size="${fitSize(t, w - 480, 15, 10)}" fill="#1d2b4a">${xmlEscape(t)}</text>`)
      .join('') +
    `<path d="M450 ${h - 150} q25 -35 50 0 t50 0 t35 -12" fill="none" stroke="#1d2b4a" stroke-width="2"/>`;
  return frame(w, h, 'Spesimen Kutipan Akta Kelahiran', body, blurred, footer(w, h - 70, 18));
}

/** The akta number for a kota/kabupaten code (32.73 or 3273), registration date (YYYY-MM-DD) and serial. */
export function aktaNumber(regencyCode: string, registered: string, serial: number): string {
  const code = regencyCode.replace(/\./g, '');
  return `${code}-LT-${registered.slice(8, 10)}${registered.slice(5, 7)}${registered.slice(0, 4)}-${String(serial).padStart(4, '0')}`;
}

/** Letter layout for documents without a fixed form (bukti pendukung, akta). */
export function letterSvg(
  opts: { kop: string[]; judul: string; nomor: string; lines: string[]; tempatTanggal: string; penandatangan: string },
  blurred = false,
): string {
  const w = 794;
  const h = 1123;
  const kop = opts.kop
    .map(
      (t, i) =>
        `<text x="${w / 2}" y="${70 + i * 28}" ${FONT} font-size="${i === 0 ? 22 : 18}" font-weight="bold" fill="#111" text-anchor="middle">${xmlEscape(t)}</text>`,
    )
    .join('');
  const kopEnd = 70 + opts.kop.length * 28;
  const body =
    `<rect width="${w}" height="${h}" fill="#ffffff"/>` +
    kop +
    `<line x1="60" y1="${kopEnd}" x2="${w - 60}" y2="${kopEnd}" stroke="#111" stroke-width="3"/>` +
    `<text x="${w / 2}" y="${kopEnd + 60}" ${FONT} font-size="20" font-weight="bold" fill="#111" text-anchor="middle" text-decoration="underline">${xmlEscape(opts.judul)}</text>` +
    `<text x="${w / 2}" y="${kopEnd + 86}" ${FONT} font-size="15" fill="#111" text-anchor="middle">Nomor: ${xmlEscape(opts.nomor)}</text>` +
    opts.lines.map((t, i) => `<text x="80" y="${kopEnd + 140 + i * 30}" ${FONT} font-size="16" fill="#111">${xmlEscape(t)}</text>`).join('') +
    `<text x="480" y="${h - 260}" ${FONT} font-size="16" fill="#111">${xmlEscape(opts.tempatTanggal)}</text>` +
    `<text x="480" y="${h - 150}" ${FONT} font-size="16" font-weight="bold" fill="#111">${xmlEscape(opts.penandatangan)}</text>`;
  return frame(w, h, `Spesimen ${opts.judul}`, body, blurred, footer(w, h - 60, 18));
}

/** PDF text strings: WinAnsi (Latin-1) bytes with ( ) \ escaped; anything outside Latin-1 becomes a plain stand-in. */
function pdfText(s: string): string {
  return s
    .replace(/[–—]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\xff]/g, '?')
    .replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * A minimal PDF 1.4: one A4 page, Helvetica and Helvetica-Bold (standard
 * fonts, nothing embedded), a translucent rotated watermark. Offsets in the
 * xref table are byte offsets, so the file is assembled as Latin-1 text
 * where one character is one byte.
 */
export function letterPdf(opts: { kop: string[]; judul: string; nomor: string; lines: string[]; tempatTanggal: string; penandatangan: string }): Buffer {
  const ops: string[] = [];
  const text = (font: 'F1' | 'F2', size: number, x: number, y: number, s: string) => ops.push(`BT /${font} ${size} Tf ${x} ${y} Td (${pdfText(s)}) Tj ET`);
  // Rough centring: Helvetica averages about half an em per character.
  const centred = (font: 'F1' | 'F2', size: number, y: number, s: string) =>
    text(font, size, Math.max(40, Math.round(297.5 - (s.length * size * 0.5) / 2)), y, s);

  let y = 790;
  opts.kop.forEach((k, i) => {
    centred('F2', i === 0 ? 14 : 12, y, k);
    y -= 18;
  });
  ops.push(`1.5 w 50 ${y + 6} m 545 ${y + 6} l S`);
  y -= 36;
  centred('F2', 14, y, opts.judul);
  y -= 18;
  centred('F1', 11, y, `Nomor: ${opts.nomor}`);
  y -= 40;
  for (const line of opts.lines) {
    text('F1', 11, 70, y, line);
    y -= 20;
  }
  text('F1', 11, 340, 230, opts.tempatTanggal);
  text('F2', 11, 340, 150, opts.penandatangan);
  ops.push('0.82 0.01 0.11 rg');
  centred('F2', 12, 50, 'CONTOH - BUKAN DOKUMEN ASLI');
  // Watermark: rotated 30 degrees, 25% opaque through the ExtGState /GS1.
  ops.push('q /GS1 gs 0.82 0.01 0.11 rg BT /F2 96 Tf 0.866 0.5 -0.5 0.866 130 260 Tm (SPESIMEN) Tj ET Q');
  const stream = ops.join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> /ExtGState << /GS1 6 0 R >> >> /Contents 7 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    '<< /Type /ExtGState /ca 0.25 /CA 0.25 >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
