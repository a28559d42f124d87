import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn, signInAs } from './helpers';

test('an officer overrides a document verdict with a reason, approves, and finds the audit event', async ({ page }) => {
  await signIn(page, ACCOUNTS.officer, 'salah-sandi');
  await expect(page.getByRole('alert').filter({ hasText: 'Email atau kata sandi salah' })).toBeVisible();

  await signInAs(page, 'officer');
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('heading', { name: 'Antrean kerja' })).toBeVisible();

  // The first request in the queue that came with a document (some arrive without the one they need).
  // The rows arrive after the heading: evaluateAll does not wait for them.
  await expect(page.getByRole('table').getByRole('link').first()).toBeVisible();
  const links = await page
    .getByRole('table')
    .getByRole('link')
    .evaluateAll((as) => as.slice(0, 6).map((a) => ({ href: a.getAttribute('href') ?? '', ticket: a.textContent?.trim() ?? '' })));
  let ticket = '';
  for (const link of links) {
    await page.goto(link.href);
    await expect(page.getByRole('heading', { name: link.ticket })).toBeVisible();
    await expect(page.getByText(/Dipegang Anda · sisa/)).toBeVisible();
    // The documents list is drawn with the page's data: wait for it before counting its tabs.
    await expect(page.getByRole('heading', { name: /^Dokumen \(/ })).toBeVisible();
    if ((await page.getByRole('tab').count()) > 0) {
      ticket = link.ticket;
      break;
    }
    await page.getByRole('button', { name: 'Lepaskan' }).click();
    await expect(page).toHaveURL(/\/queue/);
  }
  expect(ticket, 'one of the first queue items has a document').not.toBe('');
  const reviewUrl = page.url();

  // Both sides are on screen: the citizen's request and the AI's work.
  await expect(page.getByRole('heading', { name: 'Permohonan warga' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Saran AI' })).toBeVisible();
  // Documents open only on purpose (each opening is audited).
  await expect(page.getByRole('tabpanel')).toContainText('Pilih dokumen');
  await page.getByRole('tab').first().click();
  await expect(page.getByRole('tabpanel').locator('img, iframe').first()).toBeVisible();

  const verdict = page.getByLabel(/^Penilaian Anda untuk/).first();
  const current = await verdict.inputValue();
  await verdict.selectOption(current === 'valid' ? 'invalid' : 'valid');
  await expect(page.getByText('Dikoreksi')).toBeVisible();

  await page.getByRole('button', { name: /^Setujui/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Pilih kode alasan' })).toBeVisible();
  await expect(page.getByLabel('Kode alasan')).toBeFocused();

  await page.getByLabel('Kode alasan').selectOption({ index: 1 });
  const reasonCode = await page.getByLabel('Kode alasan').inputValue();
  await page.getByLabel(/^Catatan/).fill('Dokumen terbaca jelas setelah diperbesar');
  await page.getByRole('button', { name: /^Setujui/ }).click();

  await expect(page).toHaveURL(/\/queue\?done=/);
  await expect(page.getByRole('status')).toContainText(ticket);
  await expect(page.getByRole('table')).not.toContainText(ticket);

  await page.goto(reviewUrl);
  const audit = page.getByTestId('audit-events');
  await expect(audit).toContainText('decision.approve');
  await expect(audit).toContainText(reasonCode);
  await expect(page.getByRole('heading', { name: 'Keputusan' }).locator('..')).toContainText('Disetujui');
});
