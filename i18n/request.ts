import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from './locales';
import { messagesFor } from './messages';

// The language is a per-person preference kept in a cookie, not a URL segment:
// officers share links to review pages regardless of language.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: 'Asia/Jakarta',
    messages: messagesFor(locale),
  };
});
