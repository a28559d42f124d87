import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

// Pages prefetch their data on the server (server/trpc-prefetch.tsx): the HTML
// arrives with the queue, the request, the audit trail in it. A browser with
// JavaScript off sees exactly that HTML, so there the page must show its data,
// never "Memuat…" (which it would show forever).

async function pageWithoutScripts(browser: Browser, role: keyof typeof ACCOUNTS): Promise<Page> {
  const signedIn = await browser.newContext();
  const first = await signedIn.newPage();
  await signIn(first, ACCOUNTS[role]);
  await expect(first).not.toHaveURL(/\/login/);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState });
  return plain.newPage();
}

test('the queue and a request open on their data, not on "loading"', async ({ browser }) => {
  const page = await pageWithoutScripts(browser, 'officer');
  await page.goto('/queue');
  const tickets = page.locator('a[data-ticket]');
  await expect(tickets.first()).toBeVisible();
  expect(await tickets.count()).toBeGreaterThan(1);
  await expect(page.getByText('Memuat antrean…')).toHaveCount(0);

  const ticket = (await tickets.first().textContent())!.trim();
  await page.goto((await tickets.first().getAttribute('href'))!);
  await expect(page.getByText('Memuat permohonan…')).toHaveCount(0);
  await expect(page.getByText(ticket).first()).toBeVisible();
  await page.context().close();
});

test('the supervisor overview, overrides and audit trail open on their data', async ({ browser }) => {
  const page = await pageWithoutScripts(browser, 'supervisor');
  await page.goto('/supervisor');
  await expect(page.getByRole('table', { name: 'Jumlah menurut status' }).first()).toBeVisible();
  await expect(page.getByText('Memuat…')).toHaveCount(0);

  await page.goto('/supervisor/overrides');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('Memuat…')).toHaveCount(0);

  await page.goto('/audit');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('Memuat…')).toHaveCount(0);
  await page.context().close();
});
