export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export const isLocale = (v: string | undefined): v is Locale => LOCALES.includes(v as Locale);
