import { idNumberProblem } from './id-number.js';

/**
 * The identity documents an insured person may be named by. Flight cover accepts the documents a
 * passenger boards with (many travellers hold no 居民身份证); weather cover needs the 身份证.
 * Only the 身份证 has a check character; the others get a format check per type.
 */
export const ID_TYPES = ['id_card', 'passport', 'hk_macao_permit', 'taiwan_permit'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, string> = {
  id_card: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
};

/** Who the insured is to the buyer (为他人投保 records it). */
export const INSURED_RELATIONSHIPS = ['self', 'spouse', 'child', 'parent', 'other'] as const;
export type InsuredRelationship = (typeof INSURED_RELATIONSHIPS)[number];

export const RELATIONSHIP_LABELS: Record<InsuredRelationship, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他',
};

const FORMATS: Record<Exclude<IdType, 'id_card'>, RegExp> = {
  // Passports: Chinese ones are E/G + 8 characters, foreign ones 6-9 letters and digits.
  passport: /^[A-Z0-9]{5,17}$/,
  // 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) and 8 digits (10 on older cards).
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台湾居民来往大陆通行证: 8 digits (the 2015 card); older booklets 10 digits with a letter check.
  taiwan_permit: /^(\d{8}|\d{10}|\d{10}[A-Z])$/,
};

/** Normalised document number: trimmed, upper case, inner spaces removed. */
export const normaliseDocumentNumber = (raw: string): string => raw.trim().toUpperCase().replace(/\s+/g, '');

/** Whether a document number is well-formed for its type (the 身份证 with its check character). */
export const isValidDocumentNumber = (idType: IdType, raw: string, today?: Date): boolean => {
  const value = normaliseDocumentNumber(raw);
  return idType === 'id_card' ? idNumberProblem(value, today) === null : FORMATS[idType].test(value);
};

/** The keyed blind index's input: a passport number can never collide with an ID number. */
export const documentIndexKey = (idType: IdType, value: string): string =>
  idType === 'id_card' ? value : `${idType}:${value}`;

/** The birth date a 身份证 carries, `YYYY-MM-DD`. */
export const birthDateOfIdNumber = (idNumber: string): string =>
  `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/** Full years of age on `onDate` (`YYYY-MM-DD`, the business calendar's date) for a 身份证 holder. */
export const ageOnDate = (idNumber: string, onDate: string): number => {
  const birth = birthDateOfIdNumber(idNumber);
  const years = Number(onDate.slice(0, 4)) - Number(birth.slice(0, 4));
  return onDate.slice(5) >= birth.slice(5) ? years : years - 1;
};

export const ADULT_AGE = 18;

/**
 * Masked for display: the 身份证 as today (`1101**********4578`); the shorter documents keep only
 * their first character and last three (`E*****678`), so that most of the number stays hidden.
 */
export const maskDocumentNumber = (idType: IdType, value: string): string => {
  if (idType === 'id_card')
    return value.length < 8
      ? '*'.repeat(value.length)
      : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
  return value.length < 6
    ? '*'.repeat(value.length)
    : `${value.slice(0, 1)}${'*'.repeat(value.length - 4)}${value.slice(-3)}`;
};
