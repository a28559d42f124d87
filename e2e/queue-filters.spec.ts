import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('the queue filter lives in the address: a reload or a shared link opens the same filtered queue', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/queue');
  await page.getByLabel('Layanan').selectOption('pbb-p2');
  await page.getByLabel('Urutkan').selectOption('received');
  await expect(page).toHaveURL(/\/queue\?service=pbb-p2&sort=received$/);
  await expect(page.locator('tbody tr').first()).toContainText('PBB-P2');

  await page.reload();
  await expect(page.getByLabel('Layanan')).toHaveValue('pbb-p2');
  await expect(page.getByLabel('Urutkan')).toHaveValue('received');
  await expect(page.locator('tbody tr').first()).toContainText('PBB-P2');

  // Back to every service: the default is left out of the address again.
  await page.getByLabel('Layanan').selectOption('');
  await expect(page).toHaveURL(/\/queue\?sort=received$/);
});
