import {
  CONSENTS_PATH,
  CURRENT_LEGAL_VERSIONS,
  consentListResponseSchema,
  type ConsentListResponse,
} from '@xiaoan/shared';
import { request } from '../../services/http';

export const fetchMyConsents = (): Promise<ConsentListResponse> =>
  request(consentListResponseSchema, CONSENTS_PATH, { auth: true });

/** The customer agreed to both documents as they read them now (the versions in force). */
export const agreeToCurrentTerms = (): Promise<ConsentListResponse> =>
  request(consentListResponseSchema, CONSENTS_PATH, {
    method: 'POST',
    data: {
      consents: [
        { document: 'privacy', version: CURRENT_LEGAL_VERSIONS.privacy },
        { document: 'terms', version: CURRENT_LEGAL_VERSIONS.terms },
      ],
    },
    auth: true,
  });
