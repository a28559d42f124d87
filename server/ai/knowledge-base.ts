/**
 * The built-in knowledge base the retrieval drafter answers from: one article
 * per topic, written the way a front-desk officer would explain it. Each
 * sentence stands on its own, because a draft cites single sentences.
 * Service times are the units' own service standards (standar pelayanan),
 * stated in working days to match the SLA clock.
 */

export type KbArticle = {
  id: string;
  title: string;
  /** null: applies to every service (fees, NIK, personal data). */
  serviceCode: string | null;
  body: string;
  /** The service standard's processing time, quoted in approvals. */
  processingTime?: string;
};

/** Names as citizens write them; the drafter adds these to the query so retrieval knows the service. */
export const SERVICE_NAMES: Record<string, string> = {
  'ktp-el': 'KTP elektronik (KTP-el)',
  'kk-perubahan': 'perubahan Kartu Keluarga (KK)',
  'akta-kelahiran': 'akta kelahiran',
  'pindah-datang': 'pindah datang penduduk',
  'pbb-p2': 'Pajak Bumi dan Bangunan (PBB-P2)',
  bansos: 'bantuan sosial (bansos) dan DTKS',
  'bpjs-kesehatan': 'BPJS Kesehatan (JKN)',
  pengaduan: 'pengaduan layanan publik',
};

export const KNOWLEDGE_BASE: KbArticle[] = [
  {
    id: 'kb-ktp-el-syarat',
    title: 'Persyaratan penerbitan KTP-el baru',
    serviceCode: 'ktp-el',
    processingTime: '3 hari kerja',
    body:
      'Penduduk WNI yang telah berumur 17 tahun, sudah kawin, atau pernah kawin wajib memiliki KTP-el sesuai UU 23/2006 sebagaimana diubah dengan UU 24/2013 Pasal 63. ' +
      'Persyaratan KTP-el baru adalah Kartu Keluarga (KK) dan pas foto, kemudian pemohon melakukan perekaman biometrik (foto, sidik jari, dan iris mata) di kantor Disdukcapil atau kecamatan. ' +
      'Tata cara penerbitan diatur dalam Perpres 96/2018 dan Permendagri 108/2019. ' +
      'KTP-el diterbitkan paling lama 3 hari kerja sejak perekaman dan berkas dinyatakan lengkap. ' +
      'Pengurusan KTP-el tidak dipungut biaya (Rp 0).',
  },
  {
    id: 'kb-ktp-el-hilang-rusak',
    title: 'Penggantian KTP-el yang hilang, rusak, atau berubah data',
    serviceCode: 'ktp-el',
    processingTime: '3 hari kerja',
    body:
      'KTP-el yang hilang diganti dengan melampirkan surat keterangan kehilangan dari kepolisian dan Kartu Keluarga. ' +
      'KTP-el yang rusak diganti dengan menyerahkan KTP-el yang rusak tersebut beserta Kartu Keluarga. ' +
      'Perubahan data pada KTP-el, misalnya status perkawinan atau pekerjaan, didahului dengan perubahan data pada Kartu Keluarga. ' +
      'KTP-el untuk WNI berlaku seumur hidup sesuai UU 24/2013 Pasal 64 ayat 7, sehingga tanggal berlaku yang tercetak pada KTP lama tidak perlu diperpanjang. ' +
      'Penggantian diproses paling lama 3 hari kerja tanpa biaya.',
  },
  {
    id: 'kb-kk-perubahan-syarat',
    title: 'Perubahan data Kartu Keluarga',
    serviceCode: 'kk-perubahan',
    processingTime: '3 hari kerja',
    body:
      'Perubahan Kartu Keluarga dilakukan karena penambahan anggota keluarga, perubahan status perkawinan, pendidikan, pekerjaan, atau perubahan data lainnya. ' +
      'Persyaratan perubahan KK adalah KK lama, KTP-el pemohon, dan surat pengantar atau dokumen bukti perubahan seperti akta kelahiran, buku nikah, atau ijazah. ' +
      'Dasar hukumnya adalah Perpres 96/2018 dan Permendagri 108/2019 tentang persyaratan dan tata cara pendaftaran penduduk. ' +
      'KK baru diterbitkan paling lama 3 hari kerja setelah berkas lengkap dan dapat dicetak sendiri dalam bentuk dokumen elektronik. ' +
      'Layanan perubahan KK tidak dipungut biaya.',
  },
  {
    id: 'kb-kk-pisah',
    title: 'Pisah KK dan pembuatan KK baru',
    serviceCode: 'kk-perubahan',
    processingTime: '3 hari kerja',
    body:
      'Penduduk yang sudah menikah dan ingin membentuk keluarga sendiri dapat mengajukan pisah KK dari Kartu Keluarga orang tua. ' +
      'Persyaratannya adalah KK lama, KTP-el, buku nikah atau akta perkawinan, dan surat pengantar RT/RW untuk alamat baru. ' +
      'Setelah pisah KK diterbitkan, KK lama juga diperbarui sehingga anggota yang keluar tidak tercantum lagi. ' +
      'Proses penerbitan paling lama 3 hari kerja sejak berkas dinyatakan lengkap.',
  },
  {
    id: 'kb-akta-kelahiran-syarat',
    title: 'Persyaratan akta kelahiran',
    serviceCode: 'akta-kelahiran',
    processingTime: '5 hari kerja',
    body:
      'Setiap kelahiran wajib dilaporkan paling lambat 60 hari sejak kelahiran sesuai UU 24/2013 Pasal 27. ' +
      'Persyaratan akta kelahiran adalah surat keterangan kelahiran dari rumah sakit, dokter, atau bidan, Kartu Keluarga tempat anak didaftarkan, dan KTP-el orang tua. ' +
      'Apabila surat keterangan kelahiran tidak ada, orang tua dapat mengisi Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) kebenaran data kelahiran sesuai Perpres 96/2018. ' +
      'Akta kelahiran diterbitkan paling lama 5 hari kerja setelah berkas lengkap, bersama KK yang telah memuat nama anak. ' +
      'Penerbitan akta kelahiran tidak dipungut biaya.',
  },
  {
    id: 'kb-akta-kelahiran-terlambat',
    title: 'Akta kelahiran yang terlambat dilaporkan',
    serviceCode: 'akta-kelahiran',
    processingTime: '5 hari kerja',
    body:
      'Kelahiran yang dilaporkan lebih dari 60 hari tetap dapat dicatatkan dan diterbitkan akta kelahirannya. ' +
      'Sejak Putusan Mahkamah Konstitusi Nomor 18/PUU-XI/2013, pencatatan kelahiran yang terlambat lebih dari satu tahun tidak lagi memerlukan penetapan pengadilan. ' +
      'Pemohon melampirkan persyaratan yang sama dengan pencatatan biasa, dan bila surat keterangan kelahiran tidak ada dapat diganti dengan SPTJM. ' +
      'Petugas dapat meminta keterangan saksi apabila data kelahiran perlu diverifikasi.',
  },
  {
    id: 'kb-pindah-datang-syarat',
    title: 'Pindah datang antar kabupaten/kota',
    serviceCode: 'pindah-datang',
    processingTime: '5 hari kerja',
    body:
      'Penduduk yang pindah domisili terlebih dahulu mengurus Surat Keterangan Pindah WNI (SKPWNI) di Disdukcapil daerah asal. ' +
      'Di daerah tujuan, pemohon melaporkan kedatangan dengan melampirkan SKPWNI sebagai surat pengantar, KTP-el, dan Kartu Keluarga. ' +
      'Tata cara pindah datang diatur dalam Perpres 96/2018 dan Permendagri 108/2019. ' +
      'KK dan KTP-el dengan alamat baru diterbitkan paling lama 5 hari kerja setelah berkas lengkap tanpa dipungut biaya. ' +
      'NIK tidak berubah karena pindah domisili.',
  },
  {
    id: 'kb-pbb-p2-layanan',
    title: 'Layanan PBB-P2: mutasi dan pembetulan SPPT',
    serviceCode: 'pbb-p2',
    processingTime: '7 hari kerja',
    body:
      'Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2) adalah pajak daerah kabupaten/kota yang diatur dalam UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah (HKPD). ' +
      'Permohonan mutasi nama wajib pajak atau pembetulan SPPT mencantumkan Nomor Objek Pajak (NOP) 18 digit dan melampirkan KTP-el pemohon. ' +
      'Untuk mutasi karena jual beli atau waris, petugas dapat meminta salinan akta jual beli, sertifikat, atau surat keterangan waris. ' +
      'Permohonan diproses paling lama 7 hari kerja sejak berkas lengkap. ' +
      'Layanan administrasi PBB-P2 tidak dipungut biaya.',
  },
  {
    id: 'kb-pbb-p2-keringanan',
    title: 'Pengurangan dan keringanan PBB-P2',
    serviceCode: 'pbb-p2',
    processingTime: '7 hari kerja',
    body:
      'Wajib pajak dapat mengajukan pengurangan atau keringanan PBB-P2 karena kondisi ekonomi, bencana, atau sebab lain yang ditetapkan kepala daerah. ' +
      'Menurut UU 1/2022, tarif PBB-P2 paling tinggi 0,5 persen dan nilai jual objek pajak tidak kena pajak paling rendah Rp10 juta. ' +
      'Permohonan melampirkan KTP-el, NOP, dan keterangan kondisi ekonomi bila ada. ' +
      'Keputusan atas permohonan pengurangan disampaikan tertulis kepada wajib pajak.',
  },
  {
    id: 'kb-bansos-dtks',
    title: 'Pendaftaran bantuan sosial dan DTKS',
    serviceCode: 'bansos',
    processingTime: '10 hari kerja',
    body:
      'Penerima bantuan sosial seperti PKH, BPNT, dan PBI Jaminan Kesehatan ditentukan berdasarkan Data Terpadu Kesejahteraan Sosial (DTKS) sesuai Permensos 3/2021. ' +
      'Warga dapat mengusulkan diri melalui kelurahan atau desa dengan melampirkan KTP-el dan Kartu Keluarga, dan NIK harus terdaftar di database kependudukan. ' +
      'Usulan diverifikasi dan divalidasi melalui musyawarah kelurahan atau desa sebelum ditetapkan oleh Kementerian Sosial. ' +
      'Hasil verifikasi usulan disampaikan paling lama 10 hari kerja, sedangkan penetapan penerima mengikuti jadwal pemutakhiran Kementerian Sosial. ' +
      'Pendaftaran bantuan sosial tidak dipungut biaya.',
  },
  {
    id: 'kb-bansos-sanggah',
    title: 'Sanggahan dan pembaruan data penerima bansos',
    serviceCode: 'bansos',
    processingTime: '10 hari kerja',
    body:
      'Warga dapat menyampaikan sanggahan apabila penerima bansos di lingkungannya dinilai tidak layak atau apabila dirinya layak tetapi belum terdaftar. ' +
      'Data yang berubah, misalnya pekerjaan atau jumlah tanggungan, dilaporkan dengan KTP-el dan Kartu Keluarga terbaru. ' +
      'Sanggahan dan pembaruan data ditindaklanjuti melalui verifikasi lapangan oleh pendamping sosial. ' +
      'Keputusan kelayakan tetap mengacu pada kriteria Permensos 3/2021.',
  },
  {
    id: 'kb-bpjs-pbi',
    title: 'Pendaftaran BPJS Kesehatan PBI (iuran dibayar pemerintah)',
    serviceCode: 'bpjs-kesehatan',
    processingTime: '3 hari kerja',
    body:
      'Penerima Bantuan Iuran (PBI) Jaminan Kesehatan adalah penduduk miskin dan tidak mampu yang iurannya dibayar pemerintah sesuai Perpres 82/2018 tentang Jaminan Kesehatan. ' +
      'Pendaftaran PBI melampirkan KTP-el dan Kartu Keluarga, dan NIK harus sudah terdaftar di DTKS atau diusulkan oleh dinas sosial. ' +
      'Perpres 59/2024 mengubah Perpres 82/2018 antara lain dengan penerapan Kelas Rawat Inap Standar (KRIS). ' +
      'Verifikasi berkas pendaftaran diselesaikan paling lama 3 hari kerja, kemudian data diteruskan ke BPJS Kesehatan untuk aktivasi. ' +
      'Pendaftaran PBI tidak dipungut biaya.',
  },
  {
    id: 'kb-bpjs-mandiri',
    title: 'Perubahan data dan pindah faskes peserta BPJS Kesehatan',
    serviceCode: 'bpjs-kesehatan',
    processingTime: '3 hari kerja',
    body:
      'Peserta JKN dapat mengajukan perubahan data, pindah fasilitas kesehatan tingkat pertama (faskes), atau reaktivasi kepesertaan. ' +
      'Pindah faskes dapat dilakukan setelah peserta terdaftar paling sedikit 3 bulan di faskes sebelumnya. ' +
      'Permohonan melampirkan KTP-el, Kartu Keluarga, dan nomor kartu BPJS Kesehatan. ' +
      'Seluruh anggota keluarga dalam satu KK didaftarkan bersama sesuai Perpres 82/2018 sebagaimana diubah terakhir dengan Perpres 59/2024.',
  },
  {
    id: 'kb-pengaduan-lapor',
    title: 'Pengaduan pelayanan publik dan SP4N-LAPOR!',
    serviceCode: 'pengaduan',
    processingTime: '5 hari kerja',
    body:
      'Setiap warga berhak menyampaikan pengaduan atas pelayanan publik sesuai UU 25/2009 tentang Pelayanan Publik dan Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik. ' +
      'Pengaduan dapat disampaikan melalui loket, kanal daring, atau SP4N-LAPOR! dengan melampirkan identitas pelapor. ' +
      'Identitas pelapor dijaga kerahasiaannya dan pengaduan tentang pungutan liar diteruskan kepada inspektorat. ' +
      'Pelapor menerima tanggapan awal paling lama 5 hari kerja sejak pengaduan diterima. ' +
      'Penyampaian pengaduan tidak dipungut biaya.',
  },
  {
    id: 'kb-adminduk-biaya',
    title: 'Biaya layanan administrasi kependudukan',
    serviceCode: null,
    body:
      'Pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya sesuai UU 24/2013 Pasal 79A. ' +
      'Ketentuan ini berlaku untuk KTP-el, Kartu Keluarga, akta kelahiran, surat pindah, dan dokumen kependudukan lainnya. ' +
      'Warga yang dimintai bayaran dapat melaporkannya melalui kanal pengaduan resmi. ' +
      'Dokumen dapat diterima dalam bentuk cetak atau dokumen elektronik yang dicetak sendiri.',
  },
  {
    id: 'kb-nik-data',
    title: 'NIK, kesesuaian data, dan pelindungan data pribadi',
    serviceCode: null,
    body:
      'Nomor Induk Kependudukan (NIK) terdiri dari 16 digit yang memuat kode wilayah, tanggal lahir, dan nomor urut, dan berlaku seumur hidup sesuai UU 24/2013 Pasal 13. ' +
      'NIK pada formulir harus sama dengan NIK pada KTP-el dan Kartu Keluarga agar permohonan dapat diproses. ' +
      'Apabila NIK tidak valid atau tidak sesuai, penduduk perlu memeriksa data di Disdukcapil dan mengajukan perbaikan data sebelum mengajukan permohonan kembali. ' +
      'Data pribadi pemohon diproses hanya untuk layanan yang diminta dan dilindungi sesuai UU 27/2022 tentang Pelindungan Data Pribadi.',
  },
];
