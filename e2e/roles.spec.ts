import { expect, test } from '@playwright/test';
import { signInAs } from './helpers';

test('each role lands on its own page and an officer cannot open supervisor or admin pages', async ({ page, context }) => {
  await signInAs(page, 'officer');
  await page.goto('/supervisor');
  await expect(page).toHaveURL(/\/queue$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/queue$/);
  const res = await page.request.get('/api/trpc/overview.units');
  expect(res.status()).toBe(403);

  await context.clearCookies();
  await signInAs(page, 'supervisor');
  await expect(page).toHaveURL(/\/supervisor$/);
  await expect(page.getByRole('heading', { name: 'Ringkasan unit' })).toBeVisible();

  await context.clearCookies();
  await signInAs(page, 'admin');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Semua unit' })).toBeVisible();
  await page.goto('/queue');
  await expect(page).toHaveURL(/\/admin$/);
});

test('the language switch turns the console to English and the choice persists', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Work queue' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Work queue' })).toBeVisible();
  await page.getByRole('button', { name: 'ID' }).click();
  await expect(page.getByRole('heading', { name: 'Antrean kerja' })).toBeVisible();
});

test.describe('before the page has hydrated', () => {
  // A slow machine paints the page seconds before React hydrates it: a click in
  // that window must still work, or be held back, never go somewhere unsafe.
  // JavaScript off is that window.
  test.use({ javaScriptEnabled: false });

  test('the language switch works without JavaScript', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Masuk ke Layanan Review' })).toBeVisible();
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Layanan Review' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'EN' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('signing in waits for the page: the button is disabled and the form never sends the password in the address', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email dinas').fill('petugas.bdg@layanan.go.id');
    await page.getByLabel('Kata sandi').fill('Demo#2026');
    await expect(page.getByRole('button', { name: 'Masuk' })).toBeDisabled();
    await page.getByLabel('Kata sandi').press('Enter');
    await expect(page).toHaveURL(/\/login$/);
  });
});
