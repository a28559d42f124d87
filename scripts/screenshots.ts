/**
 * Screenshots of the main pages for the README, from a running console:
 *   BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts
 * Uses Debian's chromium; writes docs/screenshots/*.png at 1366×768.
 */
import { chromium, type Page } from '@playwright/test';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT = 'docs/screenshots';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo#2026';

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A PBB-P2 request (its one document is a KTP): the KTP open, the reader's panel beside it, the NIK's box marked. */
async function readingScreenshot(page: Page) {
  await page.getByLabel('Layanan').selectOption('pbb-p2');
  await page.waitForTimeout(800);
  const hrefs = await page.locator('a[data-ticket]').evaluateAll((links) => links.slice(0, 8).map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(`${BASE}${href}`);
    await page.getByText(/Dipegang Anda/).waitFor();
    const tab = page.getByRole('tab', { name: /KTP-el/ });
    if ((await tab.count()) === 0) continue;
    await tab.click();
    await page.waitForTimeout(1500);
    const nik = page.getByRole('region', { name: 'Hasil baca mesin' }).getByRole('button', { name: /^NIK/ }).first();
    if ((await nik.count()) === 0) {
      await page.getByRole('button', { name: /Lepaskan/ }).click();
      await page.waitForURL(/\/queue/);
      continue;
    }
    await nik.click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/review-reading.png` });
    await page.getByRole('button', { name: /Lepaskan/ }).click();
    await page.waitForURL(/\/queue/);
    return;
  }
  console.warn('no PBB-P2 request with a read KTP among the first eight');
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  await signIn(page, 'petugas.bdg@layanan.go.id');
  await page.waitForSelector('a[data-ticket]');
  await page.screenshot({ path: `${OUT}/queue.png` });
  await page.locator('a[data-ticket]').nth(2).click();
  await page.waitForSelector('text=Saran AI');
  await page.getByText(/Dipegang Anda/).waitFor();
  await page.getByRole('tab').first().click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}/review.png` });
  await page.screenshot({ path: `${OUT}/review-full.png`, fullPage: true });
  await page.getByRole('button', { name: /Lepaskan/ }).click();
  await page.waitForURL(/\/queue/);
  await readingScreenshot(page);
  for (const extra of (process.env.EXTRA_PAGES ?? '').split(',').filter(Boolean)) {
    const [email, path, name] = extra.split('|');
    await context.clearCookies();
    await signIn(page, email);
    await page.goto(`${BASE}${path}`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${OUT}/${name}.png` });
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
