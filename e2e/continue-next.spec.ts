import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('with "continue with the next item" ticked, deciding opens the next item already held by the officer', async ({ page }) => {
  // Another unit's officer, so the other specs' queues are untouched.
  await signIn(page, 'petugas.sby@layanan.go.id');
  await expect(page.locator('a[data-ticket]').first()).toBeVisible();
  await page.getByRole('button', { name: /Ambil berikutnya/ }).click();
  await expect(page).toHaveURL(/\/review\//);
  await expect(page.getByText(/Dipegang Anda · sisa/)).toBeVisible();
  const firstUrl = page.url();
  const firstTicket = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

  // Some services show the AI only after every document was opened; open them all.
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await expect(page.getByRole('tabpanel').locator('img, iframe').first()).toBeVisible();
  }
  await page.getByLabel('Lanjut ke item berikutnya').check();
  await page.getByLabel('Kode alasan').selectOption({ index: 1 });
  await page.getByRole('button', { name: /^Setujui/ }).click();

  // The next item is open and already claimed: no trip through the queue, no second click.
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page).toHaveURL(/\/review\//);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(firstTicket);
  await expect(page.getByText(/Dipegang Anda · sisa/)).toBeVisible();
  // The choice stays for the next item (kept in this browser).
  await expect(page.getByLabel('Lanjut ke item berikutnya')).toBeChecked();

  // The first item was decided.
  await page.goto(firstUrl);
  await expect(page.getByTestId('audit-events')).toContainText('decision.approve');
});
