/**
 * PRC resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence,
 * and a check character computed over the first 17 digits (ISO 7064 MOD 11-2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'checksum';

export const idNumberCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

/** Why an ID number is invalid, or null when it is valid. `today` bounds the birth date. */
export const idNumberProblem = (raw: string, today: Date = new Date()): IdNumberProblem | null => {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!/^[1-9]\d{5}$/.test(value.slice(0, 6))) return 'region';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > today.getTime()
  ) {
    return 'birth_date';
  }
  return idNumberCheckChar(value.slice(0, 17)) === value[17] ? null : 'checksum';
};

export const isValidIdNumber = (raw: string, today?: Date): boolean => idNumberProblem(raw, today) === null;

/** `110101199003074578` → `1101**********4578`: enough for the owner to recognise, no more. */
export const maskIdNumber = (value: string): string =>
  value.length < 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;

/** `张三丰` → `张*丰`, `李四` → `李*`. */
export const maskName = (name: string): string => {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
};

/** `13812345678` → `138****5678`. */
export const maskPhone = (phone: string): string =>
  phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{4})/g, '*');

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const isValidMobile = (phone: string): boolean => /^1[3-9]\d{9}$/.test(phone);
