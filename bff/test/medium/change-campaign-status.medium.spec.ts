import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeCampaignStatusUseCase } from '../../src/modules/campaign/change-campaign-status.use-case.js';
import { campaignSteps, rebateCampaign, type CampaignSteps } from '../support/medium-campaign.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ChangeCampaignStatusUseCase (an admin pauses, resumes or ends a campaign) on a real PostgreSQL,
 * on campaigns brought to each status by staff through the campaign use cases. Only a published
 * campaign is paused, only a paused one resumed, and resuming checks its text against the
 * compliance rules again; a draft or a campaign in review can never be put live this way (that is
 * review's decision). Each move has its audit row; each refusal has its code and changes nothing.
 */
describe('ChangeCampaignStatusUseCase', () => {
  let medium: Medium;
  let steps: CampaignSteps;
  let change: ChangeCampaignStatusUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    steps = await campaignSteps(medium);
    change = new ChangeCampaignStatusUseCase(medium.unitOfWork, steps.campaigns, steps.audit);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stateOf = (id: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM campaigns c WHERE c.id = $1) AS campaign,
              (SELECT json_agg(v ORDER BY v.version) FROM campaign_versions v WHERE v.campaign_id = $1) AS versions,
              (SELECT json_agg(a ORDER BY a.id) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audit`,
      [id],
    );
  const statusOf = async (id: string) =>
    (
      await medium.db.query<{ status: string; published_version: number | null; updated_by: string }>(
        `SELECT status, published_version, updated_by FROM campaigns WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const lastAudit = async (id: string) =>
    (
      await medium.db.query(
        `SELECT action, username, staff_user_id::text AS staff, resource_type FROM staff_audit_log WHERE resource_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      )
    ).rows[0];
  const isLive = async (id: string) => (await steps.campaigns.live()).some((campaign) => campaign.id === id);

  it('pausing a published campaign takes it off the live list, keeps its published version, with an audit row', async () => {
    const id = await steps.published();
    expect(await isLive(id)).toBe(true);

    const result = await change.execute(steps.admin, id, 'pause');

    expect(result).toMatchObject({ id, status: 'paused', publishedVersion: 1 });
    expect(await statusOf(id)).toEqual({ status: 'paused', published_version: 1, updated_by: steps.admin.username });
    expect(await isLive(id)).toBe(false);
    expect(await lastAudit(id)).toEqual({
      action: 'campaign_pause',
      username: steps.admin.username,
      staff: steps.admin.staffUserId,
      resource_type: 'campaign',
    });
  });

  it('resuming a paused campaign whose text still passes the check puts it live again, with an audit row', async () => {
    const id = await steps.paused();

    const result = await change.execute(steps.admin, id, 'resume');

    expect(result).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect(await isLive(id)).toBe(true);
    expect(await lastAudit(id)).toMatchObject({ action: 'campaign_resume', username: steps.admin.username });
  });

  it.each([
    ['published', (s: CampaignSteps) => s.published()],
    ['paused', (s: CampaignSteps) => s.paused()],
  ])('ending a %s campaign ends it for good, with an audit row', async (_label, arrange) => {
    const id = await arrange(steps);

    await expect(change.execute(steps.admin, id, 'end')).resolves.toMatchObject({ status: 'ended' });

    expect(await statusOf(id)).toMatchObject({ status: 'ended' });
    expect(await isLive(id)).toBe(false);
    expect(await lastAudit(id)).toMatchObject({ action: 'campaign_end' });
  });

  it.each([
    ['a draft cannot be resumed (put live without review)', 'draft', 'resume', (s: CampaignSteps) => s.draft()],
    [
      'a campaign in review cannot be resumed (put live without review)',
      'in_review',
      'resume',
      (s: CampaignSteps) => s.inReview(),
    ],
    ['a draft cannot be paused', 'draft', 'pause', (s: CampaignSteps) => s.draft()],
    ['a campaign in review cannot be ended', 'in_review', 'end', (s: CampaignSteps) => s.inReview()],
    ['a published campaign cannot be resumed', 'published', 'resume', (s: CampaignSteps) => s.published()],
    ['a paused campaign cannot be paused again', 'paused', 'pause', (s: CampaignSteps) => s.paused()],
    ['an ended campaign cannot be resumed', 'ended', 'resume', (s: CampaignSteps) => s.ended()],
    ['an ended campaign cannot be ended again', 'ended', 'end', (s: CampaignSteps) => s.ended()],
  ] as const)('%s: refused, and nothing changes', async (_label, status, move, arrange) => {
    const id = await arrange(steps);
    const before = await stateOf(id);

    await expect(change.execute(steps.admin, id, move)).rejects.toMatchObject({
      code: 'CAMPAIGN_STATUS_CONFLICT',
      details: { status },
    });

    expect(await stateOf(id)).toBe(before);
  });

  it('a paused campaign whose text no longer passes the compliance check is not resumed, and nothing changes', async () => {
    const id = await steps.paused();
    // The rules changed while it was paused: its stored text now breaks 保险法 116 (written in SQL: no
    // use case edits the text of a campaign past draft, which is the point of the check on resume).
    await medium.db.query(`UPDATE campaigns SET definition = $2 WHERE id = $1`, [id, JSON.stringify(rebateCampaign())]);
    const before = await stateOf(id);

    const refusal = change.execute(steps.admin, id, 'resume');

    await expect(refusal).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_COMPLIANT' });
    const violations = (
      (await refusal.catch((error: { details: unknown }) => error.details)) as {
        violations: { code: string; field: string }[];
      }
    ).violations;
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'PURCHASE_TRIGGER', field: 'rewardRules[0].trigger' }),
        expect.objectContaining({ code: 'PREMIUM_DISCOUNT', field: 'rulesText' }),
      ]),
    );
    expect(await stateOf(id)).toBe(before);
    expect(await isLive(id)).toBe(false);
  });

  it('an unknown campaign is not found, and nothing is written', async () => {
    const before = await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);

    await expect(change.execute(steps.admin, '00000000-0000-4000-8000-000000000000', 'end')).rejects.toMatchObject({
      code: 'CAMPAIGN_NOT_FOUND',
    });

    expect(await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`)).toBe(before);
  });
});
