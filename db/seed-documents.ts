/**
 * Specimen documents for the demo: SVG images that look enough like a KTP-el,
 * a Kartu Keluarga or a pas foto for the document viewer to be meaningful,
 * and a minimal one-page PDF for letters. Every specimen carries a large
 * "SPESIMEN" watermark and "CONTOH – BUKAN DOKUMEN ASLI" so nobody mistakes
 * a screenshot for a real document. The SVGs are static: no scripts, no
 * external references, all text XML-escaped.
 */

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const FONT = 'font-family="Arial, Helvetica, sans-serif"';

function watermark(w: number, h: number, size: number): string {
  const cx = Math.round(w / 2);
  const cy = Math.round(h / 2);
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
function frame(w: number, h: number, label: string, body: string, blurred: boolean, notice: string): string {
  const defs = blurred ? '<defs><filter id="blur"><feGaussianBlur stdDeviation="5"/></filter></defs>' : '';
  const group = blurred ? `<g filter="url(#blur)">${body}</g>` : body;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${xmlEscape(label)}">` +
    `${defs}${group}${watermark(w, h, Math.round(w / 5.5))}${notice}</svg>`
  );
}

export type KtpFields = {
  provinsi: string;
  kabupaten: string;
  nik: string;
  nama: string;
  tempatLahir: string;
  tanggalLahir: string; // DD-MM-YYYY
  jenisKelamin: string;
  alamat: string;
  rtRw: string;
  kecamatan: string;
  agama: string;
  statusPerkawinan: string;
  pekerjaan: string;
  berlakuHingga: string;
  kotaTerbit: string;
  tanggalTerbit: string;
};

export function ktpSvg(f: KtpFields, blurred = false): string {
  const w = 856;
  const h = 540;
  const rows: [string, string][] = [
    ['Nama', f.nama],
    ['Tempat/Tgl Lahir', `${f.tempatLahir}, ${f.tanggalLahir}`],
    ['Jenis Kelamin', f.jenisKelamin],
    ['Alamat', f.alamat],
    ['RT/RW', f.rtRw],
    ['Kecamatan', f.kecamatan],
    ['Agama', f.agama],
    ['Status Perkawinan', f.statusPerkawinan],
    ['Pekerjaan', f.pekerjaan],
    ['Kewarganegaraan', 'WNI'],
    ['Berlaku Hingga', f.berlakuHingga],
  ];
  const lines = rows
    .map(
      ([k, v], i) =>
        `<text x="40" y="${168 + i * 30}" ${FONT} font-size="19" fill="#1b2a3a">${xmlEscape(k)}</text>` +
        `<text x="230" y="${168 + i * 30}" ${FONT} font-size="19" fill="#1b2a3a">: ${xmlEscape(v.slice(0, 34))}</text>`,
    )
    .join('');
  const body =
    `<rect width="${w}" height="${h}" rx="26" fill="#cde6f5"/>` +
    `<rect x="10" y="10" width="${w - 20}" height="${h - 20}" rx="20" fill="none" stroke="#7fb3d5" stroke-width="3"/>` +
    `<text x="${w / 2}" y="52" ${FONT} font-size="25" font-weight="bold" fill="#0b3d62" text-anchor="middle">PROVINSI ${xmlEscape(f.provinsi.toUpperCase())}</text>` +
    `<text x="${w / 2}" y="84" ${FONT} font-size="25" font-weight="bold" fill="#0b3d62" text-anchor="middle">${xmlEscape(f.kabupaten.toUpperCase())}</text>` +
    `<text x="40" y="130" ${FONT} font-size="28" font-weight="bold" fill="#0b1a2a">NIK</text>` +
    `<text x="230" y="130" ${FONT} font-size="28" font-weight="bold" fill="#0b1a2a" letter-spacing="2">: ${xmlEscape(f.nik)}</text>` +
    lines +
    `<rect x="640" y="118" width="176" height="228" fill="#e9eef2" stroke="#6b7c8c" stroke-width="2"/>` +
    `<circle cx="728" cy="196" r="46" fill="#b7c2cc"/><path d="M660 346 C662 276 794 276 796 346 Z" fill="#b7c2cc"/>` +
    `<text x="728" y="370" ${FONT} font-size="16" fill="#1b2a3a" text-anchor="middle">${xmlEscape(f.kotaTerbit.toUpperCase())}</text>` +
    `<text x="728" y="392" ${FONT} font-size="16" fill="#1b2a3a" text-anchor="middle">${xmlEscape(f.tanggalTerbit)}</text>` +
    `<path d="M670 440 q20 -30 40 0 t40 0 t30 -10" fill="none" stroke="#1b2a3a" stroke-width="2"/>`;
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
  kecamatan: string;
  kabupaten: string;
  provinsi: string;
  members: KkMember[];
  tanggalTerbit: string;
};

export function kkSvg(f: KkFields, blurred = false): string {
  const w = 1123;
  const h = 794;
  const cols = [
    { t: 'No', x: 40 },
    { t: 'Nama Lengkap', x: 80 },
    { t: 'NIK', x: 320 },
    { t: 'Jenis Kelamin', x: 500 },
    { t: 'Tempat Lahir', x: 625 },
    { t: 'Tanggal Lahir', x: 765 },
    { t: 'Hubungan', x: 900 },
  ];
  const header = (k: string, v: string, x: number, y: number) =>
    `<text x="${x}" y="${y}" ${FONT} font-size="15" fill="#222">${xmlEscape(k)}</text><text x="${x + 190}" y="${y}" ${FONT} font-size="15" fill="#222">: ${xmlEscape(v)}</text>`;
  const top = 250;
  const rowH = 34;
  const tableRows = f.members
    .map((m, i) => {
      const y = top + rowH * (i + 1);
      const cells = [String(i + 1), m.nama, m.nik, m.jenisKelamin, m.tempatLahir, m.tanggalLahir, m.hubungan];
      return (
        `<rect x="40" y="${y}" width="1043" height="${rowH}" fill="${i % 2 ? '#f6f8f4' : '#ffffff'}" stroke="#9aa59a"/>` +
        cells.map((c, j) => `<text x="${cols[j].x + 6}" y="${y + 22}" ${FONT} font-size="14" fill="#222">${xmlEscape(c.slice(0, 28))}</text>`).join('')
      );
    })
    .join('');
  const body =
    `<rect width="${w}" height="${h}" fill="#fbfcf7"/>` +
    `<rect x="20" y="20" width="${w - 40}" height="${h - 40}" fill="none" stroke="#4f6b4f" stroke-width="2"/>` +
    `<text x="${w / 2}" y="72" ${FONT} font-size="34" font-weight="bold" fill="#1f3b1f" text-anchor="middle">KARTU KELUARGA</text>` +
    `<text x="${w / 2}" y="106" ${FONT} font-size="20" fill="#1f3b1f" text-anchor="middle">No. ${xmlEscape(f.nomor)}</text>` +
    header('Nama Kepala Keluarga', f.kepalaKeluarga, 40, 150) +
    header('Alamat', f.alamat.slice(0, 40), 40, 176) +
    header('RT/RW', f.rtRw, 40, 202) +
    header('Kecamatan', f.kecamatan, 600, 150) +
    header('Kabupaten/Kota', f.kabupaten, 600, 176) +
    header('Provinsi', f.provinsi, 600, 202) +
    `<rect x="40" y="${top}" width="1043" height="${rowH}" fill="#dfe8d8" stroke="#9aa59a"/>` +
    cols.map((c) => `<text x="${c.x + 6}" y="${top + 22}" ${FONT} font-size="14" font-weight="bold" fill="#1f3b1f">${c.t}</text>`).join('') +
    tableRows +
    `<text x="860" y="${h - 120}" ${FONT} font-size="15" fill="#222">Dikeluarkan tanggal ${xmlEscape(f.tanggalTerbit)}</text>` +
    `<text x="860" y="${h - 98}" ${FONT} font-size="15" fill="#222">Kepala Dinas Kependudukan</text>` +
    `<text x="860" y="${h - 78}" ${FONT} font-size="15" fill="#222">dan Pencatatan Sipil</text>`;
  return frame(w, h, 'Spesimen Kartu Keluarga', body, blurred, footer(w, h - 40, 18));
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

/** Letter layout for documents without a fixed form (bukti pendukung, akta). */
export function letterSvg(opts: { kop: string[]; judul: string; nomor: string; lines: string[]; tempatTanggal: string; penandatangan: string }, blurred = false): string {
  const w = 794;
  const h = 1123;
  const kop = opts.kop
    .map((t, i) => `<text x="${w / 2}" y="${70 + i * 28}" ${FONT} font-size="${i === 0 ? 22 : 18}" font-weight="bold" fill="#111" text-anchor="middle">${xmlEscape(t)}</text>`)
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
  const text = (font: 'F1' | 'F2', size: number, x: number, y: number, s: string) =>
    ops.push(`BT /${font} ${size} Tf ${x} ${y} Td (${pdfText(s)}) Tj ET`);
  // Rough centring: Helvetica averages about half an em per character.
  const centred = (font: 'F1' | 'F2', size: number, y: number, s: string) => text(font, size, Math.max(40, Math.round(297.5 - (s.length * size * 0.5) / 2)), y, s);

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
