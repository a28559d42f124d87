import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

/**
 * The admin pages' shared table and form (components/admin/data-table.tsx,
 * admin-form.tsx) as an admin uses them: sorting by keyboard, searching,
 * errors next to the field they are about, both the browser's and the
 * server's. Nothing here writes data: the one save is refused by the server.
 */

/** CSP violations the page reports while it is used (react-hook-form and the table run no eval). */
async function watchCsp(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => found.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
}

const rowNames = (page: Page) => page.getByRole('table').locator('tbody th[scope="row"]').allTextContents();

test('a column sorts from the keyboard and says so; the search keeps only matching rows and counts them', async ({ page }) => {
  const csp = await watchCsp(page);
  await signInAs(page, 'admin');
  await page.goto('/admin/units');
  const nameHeader = page.getByRole('columnheader', { name: 'Nama' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(page.locator('tbody th[scope="row"]').first()).toBeVisible();
  const names = await rowNames(page);
  expect(names.length).toBeGreaterThan(1);
  const ascending = [...names].sort((a, b) => a.localeCompare(b, 'id'));

  await nameHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await rowNames(page)).toEqual(ascending);
  await page.keyboard.press('Space');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await rowNames(page)).toEqual([...ascending].reverse());

  await page.goto('/admin/users');
  const search = page.getByLabel('Cari nama atau email');
  await search.fill('sleman');
  await expect(page.getByRole('status').filter({ hasText: /baris cocok/ })).toHaveText(/^\d+ dari \d+ baris cocok$/);
  const rows = page.getByRole('table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) expect(text).toContain('Sleman');
  await search.fill('tidak-ada-yang-begini');
  await expect(page.getByRole('table')).toContainText('Tidak ada baris yang cocok dengan “tidak-ada-yang-begini”.');
  expect(csp).toEqual([]);
});

test('a form says what is wrong next to the field, and puts the server’s refusal on the field it names', async ({ page }) => {
  const csp = await watchCsp(page);
  await signInAs(page, 'admin');
  await page.goto('/admin/units');
  await page.getByRole('button', { name: 'Tambah unit' }).click();
  const form = page.getByRole('form', { name: 'Unit baru' });
  await form.getByRole('button', { name: 'Simpan' }).click();
  // The browser's check: nothing sent, the first wrong field focused and described by its error.
  const code = form.getByLabel('Kode', { exact: true });
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription('Wajib diisi.');
  await expect(form.getByLabel('Kode wilayah')).toHaveAccessibleDescription(/Kode Kemendagri.*Wajib diisi\./);

  await code.fill('Bukan Kode');
  await expect(code).toHaveAccessibleDescription('Gunakan huruf kecil, angka, dan tanda hubung (-), diawali huruf.');
  // A code that is taken passes the browser's check; the server refuses it, and says so on the field.
  await code.fill('bdg');
  await form.getByLabel('Nama', { exact: true }).fill('Unit yang kodenya sudah dipakai');
  await form.getByLabel('Kode wilayah').fill('32.73');
  await form.getByLabel('Awalan tiket').fill('zzq');
  await expect(form.getByLabel('Awalan tiket')).toHaveValue('ZZQ');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(code).toHaveAccessibleDescription('Kode atau awalan tiket itu sudah dipakai.');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan.' })).toHaveCount(0);
  expect(csp).toEqual([]);
});
