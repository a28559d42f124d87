/**
 * The citizen's answer to "please send more documents", end to end on the
 * production server: a request arrives through the REST API without its KK,
 * an officer asks for it on the review page, the citizen opens the status
 * page, verifies, sends the KK with a message (in a browser without
 * JavaScript: the form is a plain post), and the officer finds the item back
 * in the queue with the new document marked and read.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';
import { createApiKey, signInAs } from './helpers';
import { specimenAttachments } from './specimen-uploads';

test('an officer asks for documents, the citizen sends them on the status page, and the officer sees the item back with the new document', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = await browser.newPage();
  await signInAs(admin, 'admin');
  const key = await createApiKey(admin, { unit: 'Disdukcapil Kota Bandung', name: 'Gateway WA balasan', rate: 1000 });
  await admin.close();

  // The request comes with the pas foto only: the KK it needs is missing.
  const files = await specimenAttachments(EXAMPLE_SUBMISSION.citizen);
  const api = await playwright.request.newContext({ baseURL });
  const created = await api.post('/api/v1/submissions', {
    data: { ...EXAMPLE_SUBMISSION, attachments: files.filter((f) => f.docType === 'foto') },
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': `reply-e2e-${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const { ticket } = await created.json();
  const status = async () => (await (await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${key}` } })).json()).status;
  await expect.poll(status, { timeout: 60_000 }).toBe('pending_review');

  // The officer asks for the KK.
  const officer = await browser.newPage();
  await signInAs(officer, 'officer');
  await officer.goto('/queue');
  await officer.getByRole('table').getByRole('link', { name: ticket }).click();
  await expect(officer.getByRole('heading', { name: ticket })).toBeVisible();
  await expect(officer.getByText(/Dipegang Anda · sisa/)).toBeVisible();
  const answer = officer.getByRole('textbox', { name: 'Jawaban untuk warga' });
  await answer.fill('Mohon lampirkan foto Kartu Keluarga yang terbaca jelas agar KTP-el Anda dapat kami proses.');
  await officer.getByLabel('Kode alasan').selectOption('doc_missing');
  await officer.getByRole('button', { name: /^Minta dokumen/ }).click();
  await expect(officer).toHaveURL(/\/queue\?done=/);
  await expect(officer.getByRole('table')).not.toContainText(ticket);
  expect(await status()).toBe('awaiting_citizen');

  // The citizen, in a browser that runs no JavaScript at all.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const citizen = await context.newPage();
  await citizen.goto(`/status/${ticket}`);
  await citizen.getByLabel('4 digit terakhir NIK').fill('0001');
  await citizen.getByRole('button', { name: 'Tampilkan status' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Menunggu kelengkapan dari Anda');
  const asked = citizen.getByRole('region', { name: 'Yang diminta petugas' });
  await expect(asked).toContainText('Mohon lampirkan foto Kartu Keluarga yang terbaca jelas');
  const form = citizen.getByRole('region', { name: 'Kirim kelengkapan yang diminta' });
  await expect(form.getByText(/paling banyak 10 berkas, masing-masing paling besar 2 MB/)).toBeVisible();

  // A file that is not what it says is refused, in the citizen's language, and nothing is saved.
  await form.getByLabel('Pesan untuk petugas (wajib)').fill('Berikut foto KK saya.');
  await form.getByLabel('Jenis dokumen yang Anda lampirkan').selectOption('kk');
  await form.getByLabel('Berkas dokumen').setInputFiles({ name: 'kk.png', mimeType: 'image/png', buffer: Buffer.from('bukan gambar') });
  await form.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(citizen.locator('main').getByRole('alert')).toContainText('Berkas ke-1 tidak dapat diterima');
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Menunggu kelengkapan dari Anda');
  expect(await status()).toBe('awaiting_citizen');

  // The form, its refusal and the request, measured with axe against WCAG 2.1 A/AA (in a browser that runs axe's script).
  const withScripts = await browser.newContext({ storageState: await context.storageState() });
  const measured = await withScripts.newPage();
  await measured.goto(`/status/${ticket}`);
  await expect(measured.getByRole('region', { name: 'Kirim kelengkapan yang diminta' })).toBeVisible();
  await measured.screenshot({ path: 'docs/screenshots/status-page-reply.png', fullPage: true });
  await measured.goto(`/status/${ticket}?e=reply_file&n=1`);
  await expect(measured.getByRole('region', { name: 'Kirim kelengkapan yang diminta' })).toBeVisible();
  const axe = await new AxeBuilder({ page: measured }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await withScripts.close();

  const kk = files.find((f) => f.docType === 'kk')!;
  const again = citizen.getByRole('region', { name: 'Kirim kelengkapan yang diminta' });
  await again.getByLabel('Pesan untuk petugas (wajib)').fill('Berikut foto KK saya yang terbaca jelas.');
  await again.getByLabel('Jenis dokumen yang Anda lampirkan').selectOption('kk');
  await again.getByLabel('Berkas dokumen').setInputFiles({ name: 'kk-baru.png', mimeType: 'image/png', buffer: Buffer.from(kk.contentBase64, 'base64') });
  await again.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(citizen.locator('main').getByRole('status')).toContainText('Balasan Anda telah kami terima');
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Menunggu pemeriksaan petugas');
  await expect(citizen.getByRole('button', { name: 'Kirim balasan' })).toHaveCount(0);
  await context.close();

  // The officer finds it back, with the reply and the new KK marked; the KK is read and judged by the drafting job.
  await officer.goto('/queue');
  await officer.getByRole('table').getByRole('link', { name: ticket }).click();
  await expect(officer.getByRole('heading', { name: ticket })).toBeVisible();
  await expect(officer.getByText('Berikut foto KK saya yang terbaca jelas.')).toBeVisible();
  await expect(officer.getByRole('tab', { name: /Kartu Keluarga\s*baru/ })).toBeVisible();
  await expect(async () => {
    await officer.reload();
    await expect(officer.getByRole('heading', { name: 'Saran AI' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(officer.getByRole('heading', { name: 'Saran AI' }).locator('xpath=ancestor::section[1]')).toContainText('Kartu Keluarga');
  // Opening it claimed it: give it back, so the officer's later specs are not refused for holding too many.
  await officer.getByRole('button', { name: 'Lepaskan' }).click();
  await expect(officer).toHaveURL(/\/queue/);
  await officer.close();
  await api.dispose();
});
