/**
 * Auto-approve under four eyes, end to end on the production server: an
 * admin creates a second admin, turns auto-approve on and later lowers the
 * threshold, the second admin approves each change, and new requests sent
 * through the REST intake are approved automatically above the threshold and
 * queued below it; the kill switch stops the next one. The built-in drafter
 * is deterministic: the full example request drafts at confidence 0.982 and
 * the same request with a one-line message at 0.848 (both "approve", all
 * documents valid, no flags).
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';
import { specimenAttachments } from './specimen-uploads';
import { ACCOUNTS, signIn, signInAs } from './helpers';

test.describe.configure({ mode: 'serial' });

const ADMIN2 = { email: `admin2.${Date.now().toString(36)}@layanan.go.id`, name: 'Dewi Anggraini', password: 'Kedua-Admin-2026' };
let api: APIRequestContext;
let key = '';

/** A new citizen each time (a repeated NIK would be flagged as a possible duplicate): a woman born 5 June 1990 in Sukasari, Bandung. */
let serial = 1000 + Math.floor(Math.random() * 8000);
async function request(kind: 'clear' | 'terse') {
  serial += 1;
  const citizen = { ...EXAMPLE_SUBMISSION.citizen, nik: `327301450690${serial}` };
  return {
    ...structuredClone(EXAMPLE_SUBMISSION),
    citizen,
    // Real documents: the reader judges them on their pixels, as it does a portal's uploads.
    attachments: await specimenAttachments(citizen),
    message: kind === 'clear' ? EXAMPLE_SUBMISSION.message : 'Mohon diproses.',
    externalRef: `e2e-policy-${serial}`,
  };
}

async function submit(kind: 'clear' | 'terse'): Promise<string> {
  const r = await api.post('/api/v1/submissions', { data: await request(kind), headers: { authorization: `Bearer ${key}` } });
  expect(r.status()).toBe(201);
  return (await r.json()).ticket as string;
}

/** The status once the drafting pipeline has routed the request. */
async function routedStatus(
  ticket: string,
): Promise<{ status: string; decision: { decidedBy: string; policyVersion: number | null; finalAnswer: string } | null }> {
  let body: { status: string; decision: { decidedBy: string; policyVersion: number | null; finalAnswer: string } | null } = {
    status: 'received',
    decision: null,
  };
  await expect
    .poll(
      async () => {
        const r = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${key}` } });
        body = await r.json();
        return body.status;
      },
      { timeout: 30_000 },
    )
    .not.toMatch(/^(received|drafting)$/);
  return body;
}

async function asUser(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

async function propose(page: Page, change: { enable?: boolean; min: string }, reason: string) {
  await page.goto('/admin/policies/ktp-el');
  await expect(page.getByRole('heading', { name: /KTP Elektronik/ })).toBeVisible();
  if (change.enable) await page.getByLabel('Persetujuan otomatis', { exact: true }).check();
  await page.getByRole('spinbutton', { name: 'Keyakinan minimum' }).fill(change.min);
  // The simulation follows the candidate threshold before anything is saved.
  await expect(page.getByTestId('simulation-summary')).toContainText(`Pada ambang ${change.min.replace('.', ',')}`);
  await page.getByLabel('Mengapa diubah? (wajib, disimpan di riwayat)').fill(reason);
  await expect(page.getByTestId('four-eyes-note')).toContainText('Baru berlaku setelah disetujui admin kedua');
  await page.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
  await expect(page.getByText(/Versi \d+ menunggu persetujuan admin kedua\./)).toBeVisible();
}

async function approveAsSecondAdmin(browser: Browser, version: number) {
  const page = await asUser(browser, ADMIN2.email, ADMIN2.password);
  await page.goto('/admin/policies');
  await expect(page.getByRole('region', { name: 'Perubahan yang menunggu admin kedua' })).toContainText(`v${version} diusulkan oleh`);
  await page
    .getByRole('region', { name: 'Perubahan yang menunggu admin kedua' })
    .getByRole('link', { name: /KTP Elektronik/ })
    .click();
  await page.getByLabel('Catatan (opsional)').fill('Simulasi sudah saya periksa.');
  await page.getByRole('button', { name: 'Setujui dan berlakukan' }).click();
  await expect(page.getByText(`Versi ${version} kini aktif.`)).toBeVisible();
  await page.close();
}

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  api = await playwright.request.newContext({ baseURL });
  const page = await asUser(browser, ACCOUNTS.admin);
  await page.goto('/admin/api-clients');
  await page.getByRole('button', { name: 'Buat kunci baru' }).click();
  const form = page.getByRole('form', { name: 'Kunci API baru' });
  await form.getByLabel('Unit').selectOption({ label: 'Disdukcapil Kota Bandung' });
  await form.getByLabel('Kanal').selectOption('portal');
  await form.getByLabel('Nama').fill('Portal uji kebijakan');
  await form.getByLabel('Batas permintaan per menit').fill('1000');
  await form.getByRole('button', { name: 'Buat kunci' }).click();
  key = await page.getByTestId('new-api-key').inputValue();
  await page.close();
});

test.afterAll(async () => {
  await api?.dispose();
});

test('an admin creates a second admin on the users page', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Tambah pengguna' }).click();
  const form = page.getByRole('form', { name: 'Pengguna baru' });
  await form.getByLabel('Email dinas').fill(ADMIN2.email);
  await form.getByLabel('Nama').fill(ADMIN2.name);
  await form.getByLabel('Peran').selectOption('admin');
  await form.getByLabel('Kata sandi awal').fill(ADMIN2.password);
  await form.getByRole('button', { name: 'Buat', exact: true }).click();
  await expect(page.getByText('Akun dibuat.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(ADMIN2.name) })).toContainText('Admin');
});

test('turning auto-approve on waits for the second admin; then only requests at or above 0.99 would pass', async ({ browser }) => {
  const a = await asUser(browser, ACCOUNTS.admin);
  await propose(a, { enable: true, min: '0.99' }, 'Uji coba persetujuan otomatis KTP-el, ambang sangat ketat.');
  // The author cannot approve their own change.
  await a.reload();
  await expect(a.getByText('Anda yang mengusulkan perubahan ini')).toBeVisible();
  await expect(a.getByRole('button', { name: 'Setujui dan berlakukan' })).toHaveCount(0);
  // Not in force yet: a clear request still goes to a person.
  expect((await routedStatus(await submit('clear'))).status).toBe('pending_review');
  await a.close();

  await approveAsSecondAdmin(browser, 1);
  // In force at 0.99: 0.982 is below it.
  expect((await routedStatus(await submit('clear'))).status).toBe('pending_review');
});

test('an admin lowers the threshold to 0.90, the second admin approves; above it is auto-approved, below it goes to the queue', async ({ browser }) => {
  const a = await asUser(browser, ACCOUNTS.admin);
  await propose(a, { min: '0.90' }, 'Simulasi 90 hari: galat rendah di atas 0,90.');
  expect((await routedStatus(await submit('clear'))).status).toBe('pending_review');
  await a.close();

  await approveAsSecondAdmin(browser, 2);

  const above = await routedStatus(await submit('clear'));
  expect(above.status).toBe('auto_approved');
  expect(above.decision).toMatchObject({ decidedBy: 'automatic', policyVersion: 2 });
  expect(above.decision?.finalAnswer).toContain('disetujui otomatis');

  const belowTicket = await submit('terse');
  expect((await routedStatus(belowTicket)).status).toBe('pending_review');
  const officer = await asUser(browser, ACCOUNTS.officer);
  await officer.goto('/queue');
  await officer.getByLabel('Urutkan').selectOption('received');
  await expect(officer.getByRole('table')).toContainText(belowTicket);
  await officer.close();
});

test('the kill switch stops the next one and shows a banner to supervisors; history shows both approvals', async ({ browser }) => {
  const a = await asUser(browser, ACCOUNTS.admin);
  await a.goto('/admin/policies');
  const ks = a.getByRole('region', { name: 'Tombol darurat' });
  await ks.getByLabel('Alasan (wajib, dicatat di jejak audit)').fill('Uji tombol darurat: hentikan semua');
  await ks.getByRole('button', { name: 'Hentikan semua persetujuan otomatis' }).click();
  await ks.getByRole('button', { name: 'Ya, lakukan' }).click();
  await expect(a.getByTestId('kill-switch-state')).toHaveText('AKTIF: semua persetujuan otomatis dihentikan');
  await expect(a.getByText('Persetujuan otomatis dihentikan untuk semua layanan')).toBeVisible();

  expect((await routedStatus(await submit('clear'))).status).toBe('pending_review');

  const sup = await asUser(browser, ACCOUNTS.supervisor);
  await expect(sup.getByText('Persetujuan otomatis dihentikan untuk semua layanan')).toBeVisible();
  await expect(sup.getByText('Alasan: Uji tombol darurat: hentikan semua')).toBeVisible();
  await sup.close();

  await a.goto('/admin/policies/ktp-el');
  const history = a.getByRole('region', { name: 'Riwayat', exact: true });
  await expect(history).toContainText(`disetujui oleh ${ADMIN2.name}`);
  await expect(history).toContainText('0,99 → 0,90');

  // Leave the demo as it was for the specs after this one: auto-approve off (at once), then the switch off.
  await a.getByLabel('Persetujuan otomatis', { exact: true }).uncheck();
  await a.getByLabel('Mengapa diubah? (wajib, disimpan di riwayat)').fill('Akhir pengujian: kembali ke petugas.');
  await expect(a.getByText('langsung berlaku')).toBeVisible();
  await a.getByRole('button', { name: 'Simpan sebagai versi baru' }).click();
  await expect(a.getByText('Versi 3 kini aktif.')).toBeVisible();
  await a.goto('/admin/policies');
  await ks.getByLabel('Alasan (wajib, dicatat di jejak audit)').fill('Akhir pengujian tombol darurat');
  await ks.getByRole('button', { name: 'Lanjutkan persetujuan otomatis sesuai kebijakan' }).click();
  await ks.getByRole('button', { name: 'Ya, lakukan' }).click();
  await expect(a.getByTestId('kill-switch-state')).toHaveText('Nonaktif: kebijakan berlaku');
  await a.close();
});
