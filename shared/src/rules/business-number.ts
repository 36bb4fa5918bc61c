import { beijingDateOf } from './beijing-calendar.js';

/**
 * Human-facing numbers (order, policy, claim, refund): a letter for the kind, the Beijing date of
 * issue, a 9-digit sequence and a Luhn check digit, e.g. `P261127000000042` + check. Customers read
 * them out on the phone; the check digit catches a mistyped digit before any lookup.
 */
export type BusinessNumberKind = 'O' | 'P' | 'C' | 'R';

const luhnCheckDigit = (digits: string): number => {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
};

export const makeBusinessNumber = (kind: BusinessNumberKind, issuedAt: Date, sequence: number | bigint): string => {
  const yymmdd = beijingDateOf(issuedAt).slice(2).replaceAll('-', '');
  const seq = String(sequence).padStart(9, '0');
  if (seq.length > 9) throw new RangeError(`sequence too large: ${sequence}`);
  const digits = `${yymmdd}${seq}`;
  return `${kind}${digits}${luhnCheckDigit(digits)}`;
};

export const isValidBusinessNumber = (value: string, kind?: BusinessNumberKind): boolean => {
  const match = /^([OPCR])(\d{15})(\d)$/.exec(value);
  if (!match) return false;
  if (kind && match[1] !== kind) return false;
  return luhnCheckDigit(match[2]!) === Number(match[3]);
};
