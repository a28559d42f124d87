import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('an officer reviews and decides an item with the keyboard alone', async ({ page }) => {
  await signInAs(page, 'officer');
  await expect(page.getByRole('heading', { name: 'Antrean kerja' })).toBeVisible();
  // Rows come from the client query, so once they show the page is hydrated and its shortcuts are listening.
  await expect(page.locator('a[data-ticket]').first()).toBeVisible();

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Ambil permohonan berikutnya');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // Take next (n) claims the most urgent item and opens it. Some requests arrive without the document they need:
  // keep that one held and take the next, so the document shortcuts have something to open.
  let ticket = '';
  for (let attempt = 0; attempt < 3 && !ticket; attempt++) {
    await page.keyboard.press('n');
    await expect(page).toHaveURL(/\/review\//);
    await expect(page.getByText(/Dipegang Anda · sisa/)).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Dokumen \(/ })).toBeVisible();
    if ((await page.getByRole('tab').count()) > 0) ticket = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    else {
      await page.goto('/queue');
      await expect(page.locator('a[data-ticket]').first()).toBeVisible();
    }
  }
  expect(ticket, 'one of the next items has a document').not.toBe('');

  // Document 1 (key 1), zoom in (+).
  await page.keyboard.press('1');
  await expect(page.getByRole('tab').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('+');
  await expect(page.getByRole('tabpanel')).toContainText('125%');

  // t focuses the answer; typing there must not fire shortcuts ("a" inside words).
  await page.keyboard.press('t');
  await expect(page.locator('#answer')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' Terima kasih atas kesabaran Anda.');
  await expect(page).toHaveURL(/\/review\//);
  await page.keyboard.press('Escape');
  await expect(page.locator('#answer')).not.toBeFocused();

  // a approves; the edit made it differ from the AI only in text, so a reason may or may not be needed.
  await page.keyboard.press('a');
  const reason = page.getByLabel('Kode alasan');
  if (await reason.evaluate((el) => el === document.activeElement).catch(() => false)) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
  }
  await expect(page).toHaveURL(/\/queue\?done=/);
  await expect(page.getByRole('status')).toContainText(ticket);

  // j moves focus to the first ticket link; Enter opens it.
  await page.keyboard.press('j');
  const focused = page.locator('a[data-ticket]:focus');
  await expect(focused).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/review\//);
});
