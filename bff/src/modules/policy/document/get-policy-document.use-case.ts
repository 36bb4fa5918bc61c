import { Inject, Injectable } from '@nestjs/common';
import { policyVerifyWebUrl } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../../core/config/integrations-config.js';
import { PolicyQueries } from '../policy.queries.js';
import { loadPolicyDocumentFonts, type PolicyDocumentFonts } from './policy-document-fonts.js';
import { renderPolicyDocument } from './render-policy-document.js';

/**
 * The customer's e-policy as a PDF, made when asked (it states the policy as issued, so it never
 * goes stale). Rendering is CPU work (~70–90 ms warm here) on the event loop, so documents are made one at
 * a time per process: a queue of downloads waits, the API's other requests do not wait behind many.
 */
@Injectable()
export class GetPolicyDocumentUseCase {
  private fonts: Promise<PolicyDocumentFonts> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly policies: PolicyQueries,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(customerId: string, policyNo: string): Promise<Buffer> {
    const { policy, terms, exclusions } = await this.policies.documentFactsFor(customerId, policyNo);
    const facts = {
      policy,
      terms,
      exclusions,
      verifyUrl: policyVerifyWebUrl(this.integrations.publicBaseUrl, policy.policyNo),
      generatedAt: new Date(),
    };
    const rendered = this.queue.then(async () => renderPolicyDocument(facts, await this.fontsOnce()));
    this.queue = rendered.catch(() => undefined);
    return rendered;
  }

  private fontsOnce(): Promise<PolicyDocumentFonts> {
    this.fonts ??= loadPolicyDocumentFonts().catch((error: unknown) => {
      this.fonts = undefined;
      throw error;
    });
    return this.fonts;
  }
}
