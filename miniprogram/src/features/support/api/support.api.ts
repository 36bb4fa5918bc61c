import { customerConversationSchema, customerMessageAcceptedSchema, type CustomerConversation } from '@xiaoan/shared';
import { z } from 'zod';
import { request } from '../../../services/http';

/** The customer's latest conversation with customer service (the same inbox agents work in). */
export const fetchConversation = (): Promise<CustomerConversation> =>
  request(customerConversationSchema, '/api/v1/support/conversation', { auth: true });

/** Writes to customer service; `from` is the policy or claim number the 联系客服 entry carried. */
export const sendSupportMessage = (text: string, from?: string): Promise<{ messageKey: string }> =>
  request(customerMessageAcceptedSchema, '/api/v1/support/messages', {
    method: 'POST',
    data: { text, ...(from ? { sessionFrom: from } : {}) },
    auth: true,
  });

/** The one-tap rating of a resolved conversation (1–5). */
export const rateConversation = (score: number): Promise<unknown> =>
  request(z.unknown(), '/api/v1/support/rating', { method: 'POST', data: { score }, auth: true });
