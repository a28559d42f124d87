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
