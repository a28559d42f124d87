import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

const MASKED_NIK = /\d{4}\*{8}\d{4}/;

/**
 * Opens PBB-P2 requests (a KTP is their only document) until one whose KTP
 * the reader read with a NIK; every item opened and not used is released.
 */
async function openReadKtp(page: Page) {
  await page.getByLabel('Layanan').selectOption('pbb-p2');
  await expect(page.locator('tbody tr').first()).toContainText('PBB-P2');
  const hrefs = await page.locator('a[data-ticket]').evaluateAll((links) => links.slice(0, 8).map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByRole('heading', { name: 'Permohonan warga' })).toBeVisible();
    const tab = page.getByRole('tab', { name: /KTP-el/ });
    if ((await tab.count()) > 0) {
      await tab.click();
      await expect(page.getByRole('tabpanel').locator('img')).toBeVisible();
      const panel = page.getByRole('region', { name: 'Hasil baca mesin' });
      await expect(panel).toBeVisible();
      // The fields arrive once the opening is recorded (the page reloads its data after the first view).
      await expect(panel.getByText('Data terbaca tampil setelah dokumen dibuka.')).toBeHidden();
      const nik = panel.getByRole('button', { name: /^NIK/ }).first();
      // The AI's checks must point at the NIK too (a verdict built on it, or one saying it was not read clearly).
      const evidence = page.getByRole('button', { name: 'Lihat di gambar: NIK' });
      if ((await nik.count()) > 0 && (await evidence.count()) > 0) return { panel, nik, url: page.url() };
    }
    const release = page.getByRole('button', { name: 'Lepaskan' });
    if (await release.isVisible()) {
      await release.click();
      await expect(page).toHaveURL(/\/queue/);
    }
  }
  throw new Error('None of the first PBB-P2 requests has a KTP with a NIK read by the machine');
}

test('the reader panel shows what was read, masked, and a check shows its evidence on the image', async ({ page }) => {
  await signInAs(page, 'officer');
  await expect(page.getByRole('heading', { name: 'Antrean kerja' })).toBeVisible();
  const { panel, nik, url } = await openReadKtp(page);

  // What the reader found: type, confidence, quality, engine; the NIK masked, never whole.
  await expect(panel).toContainText('Jenis terdeteksi');
  await expect(panel).toContainText('Keyakinan baca');
  await expect(panel).toContainText('Kualitas gambar');
  await expect(panel).toContainText(/tesseract/i);
  await expect(nik).toContainText(MASKED_NIK);
  expect(await panel.textContent()).not.toMatch(/\d{16}/);

  // The fields that were read are outlined on the image; choosing one marks it strongly.
  const boxes = page.getByTestId('reading-boxes');
  await expect(boxes.locator('[data-field="nik"]')).toBeVisible();
  await nik.focus();
  await page.keyboard.press('Enter');
  await expect(nik).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('reading-highlight')).toBeVisible();
  await expect(page.getByText('Ditandai di gambar: NIK')).toBeVisible();
  // The mark follows the zoom: it is drawn in fractions of the page.
  const before = await page.getByTestId('reading-highlight').boundingBox();
  await page.getByRole('button', { name: 'Perbesar' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('125%');
  const after = await page.getByTestId('reading-highlight').boundingBox();
  expect(after!.width).toBeGreaterThan(before!.width * 1.15);
  await page.getByRole('button', { name: 'Hapus tanda' }).click();
  await expect(page.getByTestId('reading-highlight')).toHaveCount(0);

  // From the AI's side: a check's evidence opens the document (the audited path) and marks where it was read.
  await page.goto(url);
  await expect(page.getByRole('tabpanel')).toContainText('Pilih dokumen');
  const show = page.getByRole('button', { name: 'Lihat di gambar: NIK' }).first();
  await expect(show).toBeVisible();
  await expect(show.locator('xpath=..')).toContainText(MASKED_NIK);
  await show.click();
  await expect(page.getByRole('tab', { name: /KTP-el/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').locator('img')).toBeVisible();
  await expect(page.getByTestId('reading-highlight')).toBeVisible();
  await expect(page.getByText('Ditandai di gambar: NIK')).toBeVisible();
  await expect(page.getByTestId('reading-highlight')).toBeInViewport();
});
