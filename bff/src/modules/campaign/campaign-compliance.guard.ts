import { checkCampaignCompliance, type CampaignDefinition } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';

/** Runs the shared compliance rule; a refusal names every broken rule (code, field, Chinese message). */
export const assertCompliant = (definition: CampaignDefinition): void => {
  const result = checkCampaignCompliance(definition);
  if (!result.ok) throw new AppException('CAMPAIGN_NOT_COMPLIANT', { violations: result.violations });
};
