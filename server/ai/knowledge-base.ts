/**
 * The built-in knowledge base the retrieval drafter answers from: one article
 * per topic, written the way a front-desk officer would explain it. Where a
 * service has several kinds of request (form field `jenis_permohonan`,
 * `jenis_perubahan` or `program`), each kind has its own article whose title
 * uses the words of that field, so retrieval can follow what was asked. Each
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
    id: 'kb-kk-status-perkawinan',
    title: 'Perubahan status perkawinan pada Kartu Keluarga (menikah atau cerai)',
    serviceCode: 'kk-perubahan',
    processingTime: '3 hari kerja',
    body:
      'Penduduk yang baru menikah, bercerai, atau ditinggal mati pasangannya memperbarui status perkawinan pada Kartu Keluarga. ' +
      'Persyaratannya adalah KK lama, KTP-el, dan bukti perubahan status: buku nikah atau akta perkawinan untuk menikah, akta perceraian untuk cerai hidup, atau akta kematian pasangan untuk cerai mati. ' +
      'Setelah KK diperbarui, KTP-el dapat dicetak ulang dengan status perkawinan yang baru tanpa perekaman ulang. ' +
      'Dasar hukumnya adalah UU 24/2013, Perpres 96/2018, dan Permendagri 108/2019. ' +
      'KK dengan status perkawinan baru diterbitkan paling lama 3 hari kerja setelah berkas lengkap. ' +
      'Perubahan status perkawinan tidak dipungut biaya sesuai UU 24/2013 Pasal 79A.',
  },
  {
    id: 'kb-kk-tambah-anggota',
    title: 'Penambahan anggota keluarga di Kartu Keluarga (anak baru lahir atau menumpang)',
    serviceCode: 'kk-perubahan',
    processingTime: '3 hari kerja',
    body:
      'Anak yang baru lahir ditambahkan ke Kartu Keluarga orang tuanya, sebaiknya bersamaan dengan pencatatan kelahirannya. ' +
      'Persyaratan penambahan anak yang baru lahir adalah KK lama, KTP-el orang tua, dan akta kelahiran atau surat keterangan kelahiran dari rumah sakit, dokter, atau bidan. ' +
      'Penduduk yang menumpang dalam KK keluarga lain melampirkan surat keterangan pindah bila datang dari daerah lain, serta surat pernyataan kesediaan kepala keluarga yang ditumpangi. ' +
      'KK baru yang memuat anggota keluarga tambahan diterbitkan paling lama 3 hari kerja setelah berkas lengkap. ' +
      'Penambahan anggota keluarga tidak dipungut biaya sesuai UU 24/2013 Pasal 79A.',
  },
  {
    id: 'kb-kk-pendidikan-pekerjaan',
    title: 'Perubahan data pendidikan atau pekerjaan di Kartu Keluarga',
    serviceCode: 'kk-perubahan',
    processingTime: '3 hari kerja',
    body:
      'Perubahan data pendidikan atau pekerjaan pada KK diajukan oleh kepala keluarga atau anggota keluarga yang datanya berubah. ' +
      'Persyaratannya adalah KK lama, KTP-el, dan bukti perubahan: ijazah terakhir untuk pendidikan, atau surat keterangan kerja atau surat pernyataan untuk pekerjaan. ' +
      'Data pekerjaan yang tercetak pada KTP-el ikut diperbarui dengan mencetak ulang KTP-el tanpa perekaman ulang. ' +
      'KK dengan data baru diterbitkan paling lama 3 hari kerja setelah berkas lengkap. ' +
      'Perubahan data pendidikan dan pekerjaan tidak dipungut biaya.',
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
    id: 'kb-pbb-p2-mutasi',
    title: 'Mutasi nama wajib pajak (balik nama SPPT) PBB-P2',
    serviceCode: 'pbb-p2',
    processingTime: '7 hari kerja',
    body:
      'Mutasi nama wajib pajak atau balik nama SPPT diajukan apabila hak atas tanah atau bangunan berpindah karena jual beli, waris, hibah, atau tukar menukar. ' +
      'Persyaratan mutasi adalah formulir permohonan yang mencantumkan NOP, KTP-el pemohon, salinan sertifikat atau akta jual beli, surat keterangan waris untuk warisan, dan bukti pelunasan PBB tahun terakhir. ' +
      'Mutasi sebagian atas tanah yang dipecah menghasilkan NOP baru dan dapat memerlukan penelitian lapangan oleh petugas. ' +
      'Permohonan mutasi diproses paling lama 7 hari kerja sejak berkas lengkap, dan SPPT atas nama wajib pajak baru diterbitkan sesuai jadwal penetapan pajak daerah. ' +
      'Layanan mutasi nama PBB-P2 tidak dipungut biaya.',
  },
  {
    id: 'kb-pbb-p2-pembetulan',
    title: 'Pembetulan SPPT PBB-P2 (luas, nama, atau alamat tidak sesuai)',
    serviceCode: 'pbb-p2',
    processingTime: '7 hari kerja',
    body:
      'Pembetulan SPPT diajukan apabila terdapat kesalahan tulis, kesalahan hitung, atau data objek pajak yang tidak sesuai, misalnya luas tanah, luas bangunan, nama, atau alamat objek pajak. ' +
      'Pembetulan SPPT yang memuat kesalahan tulis, kesalahan hitung, atau kekeliruan penerapan peraturan diatur dalam UU 1/2022 dan PP 35/2023 tentang Ketentuan Umum Pajak Daerah dan Retribusi Daerah. ' +
      'Permohonan pembetulan melampirkan KTP-el pemohon, SPPT yang akan dibetulkan, dan bukti pendukung seperti sertifikat, PBG atau IMB, atau denah bangunan. ' +
      'Apabila luas tanah atau bangunan yang dipersoalkan, petugas melakukan penelitian lapangan sebelum SPPT dibetulkan. ' +
      'Pembetulan SPPT diproses paling lama 7 hari kerja sejak berkas lengkap dan tidak dipungut biaya.',
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
    id: 'kb-bansos-pkh',
    title: 'Program Keluarga Harapan (PKH)',
    serviceCode: 'bansos',
    processingTime: '10 hari kerja',
    body:
      'PKH adalah bantuan sosial bersyarat bagi keluarga miskin dan rentan yang terdaftar di DTKS sesuai Permensos 1/2018 tentang Program Keluarga Harapan. ' +
      'Keluarga penerima PKH memiliki paling sedikit satu komponen: ibu hamil atau anak usia dini (kesehatan), anak sekolah (pendidikan), atau lanjut usia dan penyandang disabilitas berat (kesejahteraan sosial). ' +
      'Usulan PKH melampirkan KTP-el dan Kartu Keluarga, dan NIK seluruh anggota keluarga harus padan dengan data kependudukan. ' +
      'Keluarga penerima PKH didampingi pendamping sosial dan wajib memenuhi kewajiban komponennya, misalnya memeriksakan kehamilan atau menyekolahkan anak. ' +
      'Hasil verifikasi usulan PKH disampaikan paling lama 10 hari kerja, sedangkan penetapan penerima dilakukan oleh Kementerian Sosial. ' +
      'Pendaftaran PKH tidak dipungut biaya.',
  },
  {
    id: 'kb-bansos-bpnt',
    title: 'Bantuan Pangan Non Tunai (BPNT) atau Program Sembako',
    serviceCode: 'bansos',
    processingTime: '10 hari kerja',
    body:
      'BPNT atau Program Sembako adalah bantuan pangan bagi keluarga penerima manfaat (KPM) yang terdaftar di DTKS, disalurkan secara nontunai sesuai Perpres 63/2017 tentang Penyaluran Bantuan Sosial secara Nontunai. ' +
      'Bantuan BPNT diterima melalui Kartu Keluarga Sejahtera (KKS) atau rekening bank penyalur dan dibelanjakan bahan pangan seperti beras dan telur di e-warong atau agen penyalur. ' +
      'Keluarga yang belum pernah menerima BPNT mengusulkan diri melalui kelurahan atau desa dengan melampirkan KTP-el dan Kartu Keluarga. ' +
      'Hasil verifikasi usulan BPNT disampaikan paling lama 10 hari kerja, sedangkan penetapan penerima mengikuti pemutakhiran DTKS oleh Kementerian Sosial. ' +
      'Pendaftaran BPNT tidak dipungut biaya, dan penerima tidak boleh dimintai potongan atas bantuan yang diterima.',
  },
  {
    id: 'kb-bansos-pbi-jk',
    title: 'Usulan PBI Jaminan Kesehatan (PBI-JK) melalui dinas sosial',
    serviceCode: 'bansos',
    processingTime: '10 hari kerja',
    body:
      'PBI-JK adalah kepesertaan jaminan kesehatan yang iurannya dibayar pemerintah bagi fakir miskin dan orang tidak mampu yang terdaftar di DTKS. ' +
      'Warga yang belum memiliki jaminan kesehatan mengusulkan PBI-JK melalui kelurahan atau desa dan dinas sosial dengan melampirkan KTP-el dan Kartu Keluarga. ' +
      'Penetapan dan perubahan data penerima PBI-JK dilakukan oleh Menteri Sosial sesuai PP 101/2012 tentang Penerima Bantuan Iuran Jaminan Kesehatan sebagaimana diubah dengan PP 76/2015. ' +
      'Peserta PBI-JK yang kartunya dinonaktifkan dapat diusulkan aktif kembali melalui dinas sosial apabila masih memenuhi kriteria. ' +
      'Hasil verifikasi usulan PBI-JK disampaikan paling lama 10 hari kerja, kemudian data diteruskan ke Kementerian Sosial dan BPJS Kesehatan. ' +
      'Usulan PBI-JK tidak dipungut biaya.',
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
    id: 'kb-bpjs-perubahan-data',
    title: 'Perubahan data peserta BPJS Kesehatan dan koreksi nama',
    serviceCode: 'bpjs-kesehatan',
    processingTime: '3 hari kerja',
    body:
      'Peserta JKN yang datanya salah atau berubah, misalnya salah nama, tanggal lahir, NIK, alamat, atau status dalam keluarga, dapat mengajukan perubahan data kepesertaan. ' +
      'Koreksi nama dan data identitas pada kartu BPJS Kesehatan disesuaikan dengan data kependudukan pada KTP-el dan Kartu Keluarga yang tercatat di Disdukcapil. ' +
      'Apabila nama pada KTP-el atau KK sendiri yang salah, penduduk perlu memperbaiki data kependudukan di Disdukcapil terlebih dahulu. ' +
      'Permohonan perubahan data melampirkan KTP-el, Kartu Keluarga, dan kartu JKN atau nomor kartu BPJS Kesehatan. ' +
      'Perubahan data kepesertaan mengikuti Perpres 82/2018 tentang Jaminan Kesehatan sebagaimana diubah terakhir dengan Perpres 59/2024. ' +
      'Perubahan data diverifikasi paling lama 3 hari kerja, kemudian diteruskan ke BPJS Kesehatan untuk pemutakhiran. ' +
      'Perubahan data peserta tidak dipungut biaya.',
  },
  {
    id: 'kb-bpjs-pindah-faskes',
    title: 'Pindah fasilitas kesehatan tingkat pertama (faskes) peserta BPJS Kesehatan',
    serviceCode: 'bpjs-kesehatan',
    processingTime: '3 hari kerja',
    body:
      'Peserta JKN dapat pindah fasilitas kesehatan tingkat pertama (FKTP), misalnya dari puskesmas ke klinik atau dokter praktik yang lebih dekat dengan tempat tinggal. ' +
      'Pindah faskes dapat dilakukan setelah peserta terdaftar paling sedikit 3 bulan di faskes sebelumnya. ' +
      'Permohonan pindah faskes melampirkan KTP-el dan nomor kartu BPJS Kesehatan, dan juga dapat diajukan sendiri melalui aplikasi Mobile JKN. ' +
      'Faskes baru berlaku mulai tanggal 1 bulan berikutnya setelah perubahan tercatat di BPJS Kesehatan. ' +
      'Permohonan pindah faskes diteruskan ke BPJS Kesehatan paling lama 3 hari kerja dan tidak dipungut biaya.',
  },
  {
    id: 'kb-bpjs-reaktivasi',
    title: 'Reaktivasi kepesertaan BPJS Kesehatan yang nonaktif',
    serviceCode: 'bpjs-kesehatan',
    processingTime: '3 hari kerja',
    body:
      'Kartu BPJS Kesehatan dapat berstatus nonaktif karena tunggakan iuran peserta mandiri, karena peserta PBI dinonaktifkan dari DTKS, atau karena data kependudukannya tidak padan. ' +
      'Peserta mandiri aktif kembali setelah melunasi tunggakan iuran, yang dihitung paling banyak 24 bulan sesuai Perpres 64/2020. ' +
      'Peserta PBI yang dinonaktifkan tetapi masih tidak mampu atau sedang membutuhkan layanan kesehatan dapat diusulkan aktif kembali melalui dinas sosial. ' +
      'Permohonan reaktivasi melampirkan KTP-el, Kartu Keluarga, dan nomor kartu BPJS Kesehatan. ' +
      'Usulan reaktivasi diverifikasi paling lama 3 hari kerja, kemudian diteruskan ke BPJS Kesehatan. ' +
      'Layanan reaktivasi tidak dipungut biaya, sedangkan tunggakan iuran peserta mandiri tetap dibayar melalui kanal pembayaran resmi.',
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
