import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RainClaimEvidence } from '@xiaoan/shared';
import { ApproveRainClaimsUseCase } from '../../src/modules/claim/approve-rain-claims.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseClaimOnCancellationUseCase } from '../../src/modules/claim/close-claim-on-cancellation.use-case.js';
import { CancelPolicyUseCase } from '../../src/modules/policy/cancel-policy.use-case.js';
import {
  addCustomer,
  addOrderFromQuote,
  importStationHistory,
  openMedium,
  paymentOf,
  quotersOf,
  settlementOf,
  snapshot,
  versionIdOf,
  type Medium,
  type Quoters,
} from '../support/medium.js';

/**
 * ApproveRainClaimsUseCase on a real PostgreSQL, on RAIN policies bought the way a customer buys
 * them (quoted from the imported history, ordered, paid): a spot-day whose rain met the rule gets one
 * approved claim per insured person of every active policy of that spot, day and version, once.
 */
describe('ApproveRainClaimsUseCase', () => {
  let medium: Medium;
  let quoters: Quoters;
  let approveRain: ApproveRainClaimsUseCase;
  let rainVersion: string;

  beforeAll(async () => {
    medium = await openMedium();
    quoters = quotersOf(medium);
    approveRain = new ApproveRainClaimsUseCase(new ClaimRepository());
    await importStationHistory(medium, quoters.weatherPricing);
    rainVersion = await versionIdOf(medium.db, 'RAIN');
  }, 120_000);
  afterAll(async () => {
    await medium?.close();
  });

  /** A RAIN policy for `persons` at `spotCode` on `visitDate`, bought at noon the day before. */
  const rainPolicy = async (spotCode: string, visitDate: string, persons: number) => {
    medium.clock.travelTo(new Date(Date.parse(`${visitDate}T12:00:00+08:00`) - 86_400_000));
    const customer = await addCustomer(medium.db);
    const quote = await quoters.rain.quote(customer.id, { productCode: 'RAIN', spotCode, visitDate, persons });
    const order = await addOrderFromQuote(medium, customer, quote, { companions: persons - 1 });
    expect(await settlementOf(medium).execute(paymentOf(medium, order), null)).toBe('issued');
    const { rows } = await medium.db.query<{ id: string }>(`SELECT id FROM policies WHERE order_id = $1`, [order.id]);
    return { policyId: rows[0]!.id, customer };
  };
  const evidenceOf = (spotCode: string, visitDate: string): Omit<RainClaimEvidence, 'persons'> => ({
    kind: 'rain',
    spotCode,
    spotName: spotCode,
    stationId: 'A58457',
    visitDate,
    thresholdMm: 2,
    windowStart: '09:00',
    windowEnd: '17:00',
    windowTotalMm: 3.4,
    hours: [{ hourStart: `${visitDate}T10:00:00+08:00`, precipitationMm: 3.4 }],
    rule: 'RAIN v1',
    providerEventIds: ['R-1'],
  });
  /** The weather module's settlement of a rained spot-day: the approval in its transaction. */
  const approve = (spotCode: string, visitDate: string, productVersionId = rainVersion) =>
    medium.unitOfWork.run((tx) =>
      approveRain.approve(tx, {
        placeCode: spotCode,
        day: visitDate,
        productVersionId,
        evidence: evidenceOf(spotCode, visitDate),
        at: new Date(`${visitDate}T18:00:00+08:00`),
      }),
    );
  const claims = () => snapshot(medium.db, `SELECT json_agg(c ORDER BY c.id) FROM claims c`);
  const claimsOf = async (policyId: string) =>
    (
      await medium.db.query(
        `SELECT insured_seq, status, amount_fen, decided_by, approved_at, (evidence->>'persons')::int AS persons,
                evidence->>'visitDate' AS visit
           FROM claims WHERE policy_id = $1 ORDER BY insured_seq`,
        [policyId],
      )
    ).rows;

  it('a rained spot-day: one approved claim of 10 yuan per insured person of each active policy of that spot and day, and none for another spot or day', async () => {
    const family = await rainPolicy('xihu', '2027-07-05', 3);
    const single = await rainPolicy('xihu', '2027-07-05', 1);
    const nextDay = await rainPolicy('xihu', '2027-07-06', 2);
    const elsewhere = await rainPolicy('gugong', '2027-07-05', 1);

    const approved = await approve('xihu', '2027-07-05');

    expect(approved.claimIds).toHaveLength(4);
    expect(new Set(approved.policyIds)).toEqual(new Set([family.policyId, single.policyId]));
    const claim = (seq: number) => ({
      insured_seq: seq,
      status: 'approved',
      amount_fen: 1000,
      decided_by: 'rule',
      approved_at: new Date('2027-07-05T18:00:00+08:00'),
      persons: 1,
      visit: '2027-07-05',
    });
    expect(await claimsOf(family.policyId)).toEqual([claim(1), claim(2), claim(3)]);
    expect(await claimsOf(single.policyId)).toEqual([claim(1)]);
    expect(await claimsOf(nextDay.policyId)).toEqual([]);
    expect(await claimsOf(elsewhere.policyId)).toEqual([]);
  });

  it('the same spot-day settled again approves nothing more and changes nothing', async () => {
    await rainPolicy('xihu', '2027-07-08', 2);
    await approve('xihu', '2027-07-08');
    const once = await claims();

    await expect(approve('xihu', '2027-07-08')).resolves.toEqual({ claimIds: [], policyIds: [] });

    expect(await claims()).toBe(once);
  });

  it('a policy cancelled before its visit day gets no claim', async () => {
    const kept = await rainPolicy('xihu', '2027-07-09', 1);
    const cancelled = await rainPolicy('xihu', '2027-07-09', 2);
    await new CancelPolicyUseCase(
      medium.unitOfWork,
      medium.clock,
      new CloseClaimOnCancellationUseCase(new ClaimRepository()),
    ).execute({ policy: cancelled.policyId, initiatedBy: { kind: 'customer', customerId: cancelled.customer.id } });

    const approved = await approve('xihu', '2027-07-09');

    expect(approved.policyIds).toEqual([kept.policyId]);
    expect(await claimsOf(cancelled.policyId)).toEqual([]);
  });

  it("another version's policies are not this settlement's", async () => {
    const policy = await rainPolicy('xihu', '2027-07-10', 1);
    const before = await claims();

    await expect(approve('xihu', '2027-07-10', await versionIdOf(medium.db, 'HEAT37'))).resolves.toEqual({
      claimIds: [],
      policyIds: [],
    });

    expect(await claims()).toBe(before);
    expect(await claimsOf(policy.policyId)).toEqual([]);
  });

  it('a settlement that fails after approving leaves no claim, and the spot-day can be settled again', async () => {
    const policy = await rainPolicy('xihu', '2027-07-11', 2);
    const before = await claims();

    await expect(
      medium.unitOfWork.run(async (tx) => {
        await approveRain.approve(tx, {
          placeCode: 'xihu',
          day: '2027-07-11',
          productVersionId: rainVersion,
          evidence: evidenceOf('xihu', '2027-07-11'),
          at: new Date('2027-07-11T18:00:00+08:00'),
        });
        throw new Error('closing the policies failed');
      }),
    ).rejects.toThrow('closing the policies failed');

    expect(await claims()).toBe(before);
    await expect(approve('xihu', '2027-07-11')).resolves.toMatchObject({ policyIds: [policy.policyId] });
    expect(await claimsOf(policy.policyId)).toHaveLength(2);
  });
});
