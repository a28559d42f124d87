/**
 * Real documents for requests the e2e tests send through the REST intake: a
 * scanned KK that lists the citizen and a pas foto, rendered from the demo's
 * specimens, so the console's reader judges them on their pixels as it would
 * a portal's upload.
 */
import { fotoSvg, kkSvg } from '@/server/seed/documents';
import { scanPng } from '@/server/seed/specimen-photo';

/** The citizen's KK (the example family of the API documentation), as an SVG to photograph or scan. Also used by integration tests. */
export function citizenKkSvg(citizen: { name: string; nik: string; kkNumber: string }): string {
  return kkSvg({
    nomor: citizen.kkNumber,
    kepalaKeluarga: 'BUDI SANTOSO',
    alamat: 'JL. SETIABUDI NO. 12',
    rtRw: '002/004',
    kecamatan: 'SUKASARI',
    kabupaten: 'KOTA BANDUNG',
    provinsi: 'JAWA BARAT',
    tanggalTerbit: '02-01-2009',
    members: [
      {
        nama: 'BUDI SANTOSO',
        nik: '3273011203850001',
        jenisKelamin: 'LAKI-LAKI',
        tempatLahir: 'BANDUNG',
        tanggalLahir: '12-03-1985',
        hubungan: 'KEPALA KELUARGA',
      },
      { nama: citizen.name.toUpperCase(), nik: citizen.nik, jenisKelamin: 'PEREMPUAN', tempatLahir: 'BANDUNG', tanggalLahir: '05-06-1990', hubungan: 'ISTRI' },
    ],
  });
}

export async function specimenAttachments(citizen: { name: string; nik: string; kkNumber: string }) {
  const kk = citizenKkSvg(citizen);
  const foto = fotoSvg({ background: 'merah', nama: citizen.name });
  return [
    {
      docType: 'kk',
      filename: 'kk.png',
      mime: 'image/png',
      contentBase64: (await scanPng(Buffer.from(kk), 1.5)).toString('base64'),
      extracted: { nomor_kk: citizen.kkNumber, kepala_keluarga: 'BUDI SANTOSO' },
    },
    { docType: 'foto', filename: 'foto.png', mime: 'image/png', contentBase64: (await scanPng(Buffer.from(foto))).toString('base64') },
  ];
}
