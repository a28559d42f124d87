import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('a supervisor filters overrides, opens one, compares AI and final, and reopens it with a reason', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.getByRole('link', { name: 'Koreksi AI' }).first().click();
  await expect(page.getByRole('heading', { name: 'Koreksi terhadap AI' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Keputusan yang berbeda dari AI, terbaru di atas' });
  await expect(table.getByRole('link').first()).toBeVisible();

  // Only decisions whose outcome differs from the AI's recommendation.
  await page.getByLabel('Jenis perubahan').selectOption('outcome');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText('Hasil diubah');
  await expect(rows.filter({ hasNotText: 'Hasil diubah' })).toHaveCount(0);

  // Narrow further to one officer, then open the newest.
  const officerName = (await rows.first().locator('td').nth(3).textContent())!.trim();
  await page.getByLabel('Petugas').selectOption({ label: officerName });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasNotText: officerName })).toHaveCount(0);
  const first = table.getByRole('link').first();
  const ticket = (await first.textContent())!.trim();
  await first.click();

  await expect(page.getByRole('heading', { name: `Keputusan atas ${ticket}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Saran AI' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Keputusan akhir' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Jawaban: draf AI/ })).toBeVisible();
  await expect(page.getByTestId('override-audit')).toContainText('decision.');

  // A reason is required before anything happens.
  await page.getByRole('button', { name: 'Buka kembali' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'minimal 10 karakter' })).toBeVisible();
  await page.getByLabel('Kode alasan').selectOption({ index: 1 });
  await page.getByLabel(/Mengapa dibuka kembali/).fill('Hasil QA berbeda, dokumen perlu diperiksa ulang');
  await page.getByRole('button', { name: 'Buka kembali' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dibuka kembali' })).toBeVisible();
  // The old decision stays; the history shows the reopening, and the trail has its event.
  await expect(page.getByRole('heading', { name: 'Keputusan atas berkas ini' }).locator('..')).toContainText('Dibuka kembali');
  await expect(page.getByTestId('override-audit')).toContainText('submission.reopen');
  await expect(page.getByText('Menunggu tinjauan').first()).toBeVisible();
});

test('the analytics dashboard shows charts with tables and the other oversight pages open', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.goto('/supervisor/analytics');
  await expect(page.getByRole('heading', { name: 'Analitik', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
  const trend = page.getByRole('figure', { name: /Rasio kesesuaian dan koreksi per minggu/ });
  await expect(trend).toBeVisible();
  await trend.getByText('Tampilkan sebagai tabel').click();
  await expect(trend.getByRole('table')).toBeVisible();
  await expect(trend.getByRole('button', { name: 'Unduh CSV' })).toBeVisible();
  await page.getByText('Kecamatan', { exact: true }).click();
  await expect(page.getByRole('figure', { name: /Rasio koreksi menurut kecamatan/ })).toBeVisible();

  for (const [link, heading] of [
    ['Pantauan bias otomasi', 'Pantauan bias otomasi'],
    ['Tinjauan QA kedua', 'Tinjauan QA kedua'],
    ['Eskalasi', 'Eskalasi'],
  ]) {
    await page.getByRole('navigation', { name: 'Halaman pengawasan' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
});

test('an officer reaches none of the oversight pages or procedures', async ({ page }) => {
  await signInAs(page, 'officer');
  for (const path of ['/supervisor/overrides', '/supervisor/analytics', '/supervisor/bias', '/supervisor/qa', '/supervisor/escalations']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/queue$/);
  }
  const input = encodeURIComponent(JSON.stringify({ json: {} }));
  for (const proc of ['supervisor.analytics', 'supervisor.overrides.list', 'supervisor.escalations', 'supervisor.qa.queue', 'supervisor.bias.get']) {
    const res = await page.request.get(`/api/trpc/${proc}?input=${input}`);
    expect(res.status(), proc).toBe(403);
  }
});
