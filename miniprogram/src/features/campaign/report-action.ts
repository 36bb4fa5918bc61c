import type { CampaignAction } from '@xiaoan/shared';
import { z } from 'zod';
import { request } from '../../services/http';
import { currentToken } from '../../services/session';

const actionResultSchema = z.object({ recorded: z.literal(true) }).passthrough();

/**
 * Tells the BFF the customer did something real and unrelated to buying (read a product's terms):
 * if a friend invited them, the server decides whether that earns the friend a fixed reward. Only
 * for someone already logged in, in the background: never a login, never an error shown.
 */
export const reportCampaignAction = (action: CampaignAction, product?: string): void => {
  if (!currentToken()) return;
  request(actionResultSchema, '/api/v1/campaigns/actions', {
    method: 'POST',
    auth: true,
    data: { action, ...(product ? { product } : {}) },
  }).catch(() => undefined);
};
