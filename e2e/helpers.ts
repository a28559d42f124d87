import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'Demo#2026';
export const ACCOUNTS = {
  officer: 'petugas.bdg@layanan.go.id',
  supervisor: 'supervisor.bdg@layanan.go.id',
  admin: 'admin@layanan.go.id',
};

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email dinas').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

export async function signInAs(page: Page, role: keyof typeof ACCOUNTS) {
  await signIn(page, ACCOUNTS[role]);
  await expect(page).not.toHaveURL(/\/login/);
}

/** An admin creates an API key for a unit in Admin → API clients and reads it once from the page. */
export async function createApiKey(page: Page, opts: { unit: string; name: string; rate: number }): Promise<string> {
  await page.goto('/admin/api-clients');
  await page.getByRole('button', { name: 'Buat kunci baru' }).click();
  const form = page.getByRole('form', { name: 'Kunci API baru' });
  await form.getByLabel('Unit').selectOption({ label: opts.unit });
  await form.getByLabel('Kanal').selectOption('whatsapp');
  await form.getByLabel('Nama').fill(opts.name);
  await form.getByLabel('Batas permintaan per menit').fill(String(opts.rate));
  await form.getByRole('button', { name: 'Buat kunci' }).click();
  const value = await page.getByTestId('new-api-key').inputValue();
  expect(value).toMatch(/^lrv1_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('table')).toContainText(opts.name);
  return value;
}
