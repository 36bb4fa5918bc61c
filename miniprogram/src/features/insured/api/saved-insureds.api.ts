import { phoneNumberResponseSchema, savedInsuredListResponseSchema, type SavedInsured } from '@xiaoan/shared';
import { z } from 'zod';
import { request } from '../../../services/http';

/** 常用被保险人, masked: the app never holds a full document number. */
export const fetchSavedInsureds = async (): Promise<SavedInsured[]> =>
  (await request(savedInsuredListResponseSchema, '/api/v1/me/insureds', { auth: true })).items;

/** Deletes the saved person for good (the BFF removes the stored personal data). */
export const deleteSavedInsured = async (id: string): Promise<void> => {
  await request(z.unknown(), `/api/v1/me/insureds/${encodeURIComponent(id)}`, { method: 'DELETE', auth: true });
};

/** getPhoneNumber's one-time code → the phone number (the BFF asks WeChat). */
export const exchangePhoneCode = async (code: string): Promise<string> =>
  (await request(phoneNumberResponseSchema, '/api/v1/me/phone-number', { method: 'POST', data: { code }, auth: true }))
    .phoneNumber;
