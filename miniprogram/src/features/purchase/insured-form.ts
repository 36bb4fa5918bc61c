import {
  fieldIssueSchema,
  ID_TYPE_LABELS,
  idNumberProblem,
  insuredNameSchema,
  isValidDocumentNumber,
  isValidMobile,
  normaliseDocumentNumber,
  type IdNumberProblem,
  type IdType,
} from '@xiaoan/shared';
import { z } from 'zod';

export type InsuredField = 'name' | 'idNumber' | 'phone';
export type InsuredValues = Record<InsuredField, string>;
export type InsuredErrors = Partial<Record<InsuredField, string>>;

const ID_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为18位，最后一位可以是X',
  region: '身份证号码的地区码不正确，请核对',
  birth_date: '身份证号码中的出生日期不正确，请核对',
  checksum: '身份证号码校验位不正确，请核对',
};

/** Cleans what was typed the way the BFF will read it (trim, upper-case X). */
export const normaliseInsured = (values: InsuredValues): { name: string; idNumber: string; phone: string } => ({
  name: values.name.trim(),
  idNumber: normaliseDocumentNumber(values.idNumber),
  phone: values.phone.trim(),
});

/**
 * One field's problem in Chinese, or undefined. The rules are the shared ones (GB 11643 checksum,
 * mobile format, the name pattern of `insuredSchema`), so the BFF never disagrees with the form.
 */
export const validateInsuredField = (
  field: InsuredField,
  raw: string,
  idType: IdType = 'id_card',
): string | undefined => {
  const value = raw.trim();
  switch (field) {
    case 'name': {
      if (!value) return '请填写被保险人姓名';
      const parsed = insuredNameSchema.safeParse(value);
      return parsed.success ? undefined : parsed.error.issues[0]?.message;
    }
    case 'idNumber': {
      if (idType !== 'id_card') {
        if (!value) return `请填写${ID_TYPE_LABELS[idType]}号码`;
        return isValidDocumentNumber(idType, value) ? undefined : `${ID_TYPE_LABELS[idType]}号码格式不正确，请核对`;
      }
      if (!value) return '请填写被保险人身份证号码';
      const problem = idNumberProblem(value);
      return problem ? ID_MESSAGES[problem] : undefined;
    }
    case 'phone':
      if (!value) return '请填写手机号';
      return isValidMobile(value) ? undefined : '请填写正确的11位手机号';
  }
};

export const validateInsured = (
  values: InsuredValues,
  idType: IdType = 'id_card',
  fields: readonly InsuredField[] = ['name', 'idNumber', 'phone'],
): InsuredErrors => {
  const errors: InsuredErrors = {};
  for (const field of fields) {
    const message = validateInsuredField(field, values[field], idType);
    if (message) errors[field] = message;
  }
  return errors;
};

const FIELDS: readonly InsuredField[] = ['name', 'idNumber', 'phone'];

/**
 * `VALIDATION_FAILED` details (`[{field: 'insured.idNumber', issue}]`) as form errors. Fields the
 * form does not show are left out; the caller shows the envelope message for those.
 */
export const serverFieldErrors = (details: unknown): InsuredErrors => {
  const parsed = z.array(fieldIssueSchema).safeParse(details);
  if (!parsed.success) return {};
  const errors: InsuredErrors = {};
  for (const { field, issue } of parsed.data) {
    const name = field.split('.').pop() as InsuredField;
    if (FIELDS.includes(name) && !errors[name]) errors[name] = issue;
  }
  return errors;
};
