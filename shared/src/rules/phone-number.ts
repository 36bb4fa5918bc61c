/**
 * The one spelling of a mainland mobile number that a blind index is computed over: digits only,
 * without the +86 / 0086 country prefix. "138 1234 5678", "+86-138-1234-5678" and "13812345678"
 * must find the same customer.
 */
export const normalisePhone = (raw: string): string => {
  const digits = raw.replace(/[\s\-()（）]/g, '').replace(/^(?:\+86|0086)/, '');
  return /^\d+$/.test(digits) ? digits : raw.trim();
};
