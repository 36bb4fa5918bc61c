/**
 * Money is integer fen (分) everywhere: database, API and WeChat Pay.
 * Yuan exists only on screen, always with two decimals.
 */
export type Fen = number;

export const FEN_PER_YUAN = 100;

export const isFen = (value: unknown): value is Fen => typeof value === 'number' && Number.isSafeInteger(value);

const assertFen = (fen: number): void => {
  if (!isFen(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
};

/** Whole yuan to fen. Rejects fractions of a fen rather than rounding money silently. */
export const yuanToFen = (yuan: number): Fen => {
  const fen = Math.round(yuan * FEN_PER_YUAN);
  if (Math.abs(fen - yuan * FEN_PER_YUAN) > 1e-6) {
    throw new RangeError(`yuan amount has more than two decimals: ${yuan}`);
  }
  return fen;
};

/** `2500` → `"25.00"`; `-5` → `"-0.05"`. Integer arithmetic only, no float formatting. */
export const formatYuan = (fen: Fen): string => {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = String(abs % FEN_PER_YUAN).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
};

/** `2500` → `"¥25.00"`. */
export const formatCny = (fen: Fen): string => {
  const text = formatYuan(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
};

/**
 * For prices shown as "¥25" when whole and "¥25.50" otherwise, as insurers' product cards do.
 */
export const formatCnyShort = (fen: Fen): string => {
  assertFen(fen);
  return fen % FEN_PER_YUAN === 0 ? `¥${fen / FEN_PER_YUAN}` : formatCny(fen);
};

/** Round a fen amount up to the next whole yuan (premiums are quoted in whole yuan). */
export const ceilToYuan = (fen: number): Fen => {
  if (!Number.isFinite(fen)) throw new RangeError(`not a finite amount: ${fen}`);
  // Tolerate float noise such as 2500.0000000003 from a probability product.
  const cleaned = Math.round(fen * 1e6) / 1e6;
  return Math.ceil(cleaned / FEN_PER_YUAN) * FEN_PER_YUAN;
};

/** Round a fen amount up to a whole fen. */
export const ceilToFen = (fen: number): Fen => {
  if (!Number.isFinite(fen)) throw new RangeError(`not a finite amount: ${fen}`);
  return Math.ceil(Math.round(fen * 1e6) / 1e6);
};
