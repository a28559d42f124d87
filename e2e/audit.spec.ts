import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('a supervisor verifies the unit chain, filters the audit trail by action and opens a decision', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.getByRole('link', { name: 'Jejak audit' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Jejak audit', level: 1 })).toBeVisible();

  // Integrity: only the supervisor's own unit stream, verified on request.
  const rows = page.getByTestId('stream-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Disdukcapil Kota Bandung');
  await page.getByRole('button', { name: /^Verifikasi sekarang/ }).click();
  await expect(page.getByTestId('verification-status')).toHaveText('Utuh');
  await expect(page.getByRole('status').filter({ hasText: 'utuh' })).toBeVisible();

  // Filter by a family of actions: only decisions remain.
  await page.getByLabel('Tindakan', { exact: true }).fill('decision.*');
  await page.getByRole('button', { name: 'Terapkan' }).click();
  const table = page.getByTestId('audit-events-table');
  await expect(table.locator('tbody tr').first()).toContainText('decision.');
  const actions = await table.locator('tbody tr td:nth-child(2) span.font-mono').allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  for (const a of actions) expect(a).toMatch(/^decision\./);

  // A decision opens with the AI suggestion it was made on.
  await table
    .getByRole('button', { name: /Rincian peristiwa/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Keputusan', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Saran AI yang menjadi dasar keputusan' })).toBeVisible();

  // The export streams CSV and is allowed for the supervisor.
  const csv = await page.request.get('/api/audit/export?format=csv&action=decision.*');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('decision.');
});

test('officers are kept out of the audit explorer and its export', async ({ page }) => {
  await signInAs(page, 'officer');
  await expect(page.getByRole('link', { name: 'Jejak audit' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/queue$/);
  expect((await page.request.get('/api/audit/export?format=csv')).status()).toBe(403);
  expect((await page.request.get('/api/trpc/audit.overview')).status()).toBe(403);
});
