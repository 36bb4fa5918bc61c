import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UpdateCampaignUseCase } from '../../src/modules/campaign/update-campaign.use-case.js';
import { campaignSteps, cashCampaign, rebateCampaign, type CampaignSteps } from '../support/medium-campaign.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * UpdateCampaignUseCase on a real PostgreSQL, on campaigns brought to each status by staff through
 * the campaign use cases: a draft (new, or sent back by review) is rewritten with its audit row;
 * anything submitted, published, paused or ended is frozen — a text that passed the compliance
 * check and review cannot be swapped for another (a rebate, say) behind the reviewer's back — and
 * the refusal changes nothing.
 */
describe('UpdateCampaignUseCase', () => {
  let medium: Medium;
  let steps: CampaignSteps;
  let update: UpdateCampaignUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    steps = await campaignSteps(medium);
    update = new UpdateCampaignUseCase(medium.unitOfWork, steps.campaigns, steps.audit);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The campaign, its archived versions and its audit trail. */
  const stateOf = (id: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM campaigns c WHERE c.id = $1) AS campaign,
              (SELECT json_agg(v ORDER BY v.version) FROM campaign_versions v WHERE v.campaign_id = $1) AS versions,
              (SELECT json_agg(a ORDER BY a.id) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audit`,
      [id],
    );
  const auditOf = async (id: string) =>
    (
      await medium.db.query<{ action: string; username: string; resource_type: string }>(
        `SELECT action, username, resource_type FROM staff_audit_log WHERE resource_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;

  it('a draft is rewritten: its text, budget and window, by whom, with an audit row', async () => {
    const id = await steps.draft();
    const rewritten = cashCampaign({
      name: '暑期条款阅读红包',
      budgetFen: 250_000,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });

    const result = await update.execute(steps.marketing, id, rewritten);

    expect(result).toMatchObject({ id, status: 'draft', definition: rewritten, publishedVersion: null });
    const { rows } = await medium.db.query(
      `SELECT status, definition, budget_fen::int AS budget, starts_at, ends_at, updated_by FROM campaigns WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        status: 'draft',
        definition: rewritten,
        budget: 250_000,
        starts_at: new Date(rewritten.startsAt),
        ends_at: new Date(rewritten.endsAt),
        updated_by: steps.marketing.username,
      },
    ]);
    expect(await auditOf(id)).toEqual([
      { action: 'campaign_create', username: steps.marketing.username, resource_type: 'campaign' },
      { action: 'campaign_update', username: steps.marketing.username, resource_type: 'campaign' },
    ]);
  });

  it("a draft sent back by review is rewritten and the reviewer's reason is cleared", async () => {
    const id = await steps.rejected('规则未写明观察期');
    const { rows: before } = await medium.db.query(`SELECT rejection_reason FROM campaigns WHERE id = $1`, [id]);
    expect(before).toEqual([{ rejection_reason: '规则未写明观察期' }]);

    const result = await update.execute(steps.marketing, id, cashCampaign({ name: '改好的活动' }));

    expect(result).toMatchObject({ status: 'draft', rejectionReason: null });
    const { rows } = await medium.db.query(
      `SELECT status, rejection_reason, definition->>'name' AS name FROM campaigns WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ status: 'draft', rejection_reason: null, name: '改好的活动' }]);
  });

  it.each([
    ['in review', 'in_review', (s: CampaignSteps) => s.inReview()],
    ['published', 'published', (s: CampaignSteps) => s.published()],
    ['paused', 'paused', (s: CampaignSteps) => s.paused()],
    ['ended', 'ended', (s: CampaignSteps) => s.ended()],
  ])(
    'a campaign %s is frozen: rewriting it (into a rebate) is refused and nothing changes',
    async (_label, status, arrange) => {
      const id = await arrange(steps);
      const before = await stateOf(id);

      await expect(update.execute(steps.marketing, id, rebateCampaign())).rejects.toMatchObject({
        code: 'CAMPAIGN_STATUS_CONFLICT',
        details: { status },
      });

      expect(await stateOf(id)).toBe(before);
    },
  );

  it('what a published campaign shows its sharers stays the approved text after a refused rewrite', async () => {
    const approved = cashCampaign({ name: '已审核的活动' });
    const id = await steps.published(approved);

    await expect(update.execute(steps.marketing, id, rebateCampaign())).rejects.toMatchObject({
      code: 'CAMPAIGN_STATUS_CONFLICT',
    });

    const live = (await steps.campaigns.live()).find((campaign) => campaign.id === id);
    expect(live?.definition).toEqual(approved);
  });

  it('an unknown campaign is not found, and nothing is written', async () => {
    const auditBefore = await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const campaignsBefore = await snapshot(medium.db, `SELECT id, updated_at FROM campaigns ORDER BY id`);

    await expect(
      update.execute(steps.marketing, '00000000-0000-4000-8000-000000000000', cashCampaign()),
    ).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });

    expect(await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`)).toBe(auditBefore);
    expect(await snapshot(medium.db, `SELECT id, updated_at FROM campaigns ORDER BY id`)).toBe(campaignsBefore);
  });
});
