/**
 * Personal data is shown masked by default (UU 27/2022 PDP). One masking rule
 * for NIK, KK number and phone keeps every screen consistent.
 */
export function maskDigits(value: string | null | undefined, keepStart = 4, keepEnd = 4): string {
  if (!value) return '';
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}

export const maskNik = (nik: string | null | undefined) => maskDigits(nik, 4, 4);
export const maskPhone = (phone: string | null | undefined) => maskDigits(phone, 4, 3);

/** Keeps the kecamatan/city tail of an address and hides the street and house number. */
export function maskAddress(address: string | null | undefined): string {
  if (!address) return '';
  const parts = address.split(',').map((p) => p.trim());
  if (parts.length <= 1) return '•••';
  return ['•••', ...parts.slice(1)].join(', ');
}
