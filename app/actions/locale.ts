'use server';
import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '@/i18n/locales';

/**
 * Keeps the officer's language choice for a year. A form action (not an
 * onClick handler) so the switch works the moment the page is painted, before
 * React has hydrated it; setting the cookie makes Next render the page again.
 */
export async function chooseLocale(form: FormData) {
  const locale = form.get('locale');
  if (typeof locale !== 'string' || !isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
}
