import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLAIM_QUEUES } from '../../src/modules/claim/claim.queues.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { addFlight, addIssuedFlightPolicy, endFlight, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * SettleFlightClaimsUseCase on a real PostgreSQL, on policies issued by paying for them: a flight's
 * final status decides every active policy on it by its own version's rule (approved claim and
 * `claimed`, or `expired`), exactly once however often the final status is settled again.
 */
describe('SettleFlightClaimsUseCase', () => {
  let medium: Medium;
  let settleClaims: SettleFlightClaimsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    settleClaims = new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository()));
  });
  afterAll(async () => {
    await medium?.close();
  });

  const settle = (flightId: string) => medium.unitOfWork.run((tx) => settleClaims.settle(tx, flightId, new Date()));
  const decided = async (policyIds: string[]) =>
    (
      await medium.db.query<{ policy_id: string; policy: string; claim: string | null; amount: number | null }>(
        `SELECT p.id AS policy_id, p.status AS policy, c.status AS claim, c.amount_fen AS amount
           FROM policies p LEFT JOIN claims c ON c.policy_id = p.id WHERE p.id = ANY($1::uuid[])`,
        [policyIds],
      )
    ).rows.sort((a, b) => policyIds.indexOf(a.policy_id) - policyIds.indexOf(b.policy_id));

  it('a flight 130 minutes late pays the 1 h and the 2 h policies their own payouts and asks for one notification job', async () => {
    const flight = await addFlight(medium.db);
    const fd60 = await addIssuedFlightPolicy(medium, flight.id, 'FD60', 10000);
    const fd120 = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 30000);
    await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 130 });
    const jobsBefore = medium.jobs.length;

    const result = await settle(flight.id);

    expect(result).toEqual({
      approvedClaimIds: [expect.any(String), expect.any(String)],
      lapsedPolicies: 0,
      rejectedClaims: 0,
    });
    expect(await decided([fd60.policyId, fd120.policyId])).toEqual([
      { policy_id: fd60.policyId, policy: 'claimed', claim: 'approved', amount: 10000 },
      { policy_id: fd120.policyId, policy: 'claimed', claim: 'approved', amount: 30000 },
    ]);
    const { rows } = await medium.db.query(`SELECT evidence FROM claims WHERE policy_id = $1`, [fd120.policyId]);
    expect(rows[0]!.evidence).toMatchObject({
      kind: 'flight',
      outcome: 'arrived',
      delayMinutes: 130,
      thresholdMinutes: 120,
    });
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: CLAIM_QUEUES.notifyApproved, data: { claimIds: expect.arrayContaining(result.approvedClaimIds) } },
    ]);
  });

  it('a flight 90 minutes late pays the 1 h policy and lets the 2 h policy lapse without a claim', async () => {
    const flight = await addFlight(medium.db);
    const fd60 = await addIssuedFlightPolicy(medium, flight.id, 'FD60');
    const fd120 = await addIssuedFlightPolicy(medium, flight.id, 'FD120');
    await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 90 });

    const result = await settle(flight.id);

    expect(result).toMatchObject({ lapsedPolicies: 1, rejectedClaims: 0 });
    expect(result.approvedClaimIds).toHaveLength(1);
    expect(await decided([fd60.policyId, fd120.policyId])).toEqual([
      { policy_id: fd60.policyId, policy: 'claimed', claim: 'approved', amount: 20000 },
      { policy_id: fd120.policyId, policy: 'expired', claim: null, amount: null },
    ]);
  });

  it('a flight on time lapses every policy and asks for no notification', async () => {
    const flight = await addFlight(medium.db);
    const policy = await addIssuedFlightPolicy(medium, flight.id, 'FD60');
    await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 59 });
    const jobsBefore = medium.jobs.length;

    expect(await settle(flight.id)).toEqual({ approvedClaimIds: [], lapsedPolicies: 1, rejectedClaims: 0 });
    expect(await decided([policy.policyId])).toEqual([
      { policy_id: policy.policyId, policy: 'expired', claim: null, amount: null },
    ]);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it.each(['cancelled', 'diverted'] as const)(
    'a %s flight pays its policies (both versions on sale cover it)',
    async (status) => {
      const flight = await addFlight(medium.db);
      const policy = await addIssuedFlightPolicy(medium, flight.id, 'FD120');
      await endFlight(medium.db, flight.id, { status });

      const result = await settle(flight.id);

      expect(result.approvedClaimIds).toHaveLength(1);
      expect(await decided([policy.policyId])).toEqual([
        { policy_id: policy.policyId, policy: 'claimed', claim: 'approved', amount: 20000 },
      ]);
      const { rows } = await medium.db.query(`SELECT evidence FROM claims WHERE policy_id = $1`, [policy.policyId]);
      expect(rows[0]!.evidence).toMatchObject({ outcome: status, delayMinutes: null });
    },
  );

  it('settling the same final status again (a repeated event) approves nothing twice and changes nothing', async () => {
    const flight = await addFlight(medium.db);
    const paid = await addIssuedFlightPolicy(medium, flight.id, 'FD60');
    const lapsed = await addIssuedFlightPolicy(medium, flight.id, 'FD120');
    await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 75 });
    await settle(flight.id);
    const state = () =>
      snapshot(
        medium.db,
        `SELECT p.id, p.status, c.id AS claim_id, c.status AS claim, c.amount_fen, c.evidence, c.updated_at
           FROM policies p LEFT JOIN claims c ON c.policy_id = p.id WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
        [[paid.policyId, lapsed.policyId]],
      );
    const once = await state();
    const jobsBefore = medium.jobs.length;

    expect(await settle(flight.id)).toEqual({ approvedClaimIds: [], lapsedPolicies: 0, rejectedClaims: 0 });
    expect(await settle(flight.id)).toEqual({ approvedClaimIds: [], lapsedPolicies: 0, rejectedClaims: 0 });

    expect(await state()).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('a flight without a final status settles nothing', async () => {
    const flight = await addFlight(medium.db);
    const policy = await addIssuedFlightPolicy(medium, flight.id, 'FD60');
    await medium.db.query(`UPDATE flights SET status = 'delayed' WHERE id = $1`, [flight.id]);

    expect(await settle(flight.id)).toEqual({ approvedClaimIds: [], lapsedPolicies: 0, rejectedClaims: 0 });
    expect(await decided([policy.policyId])).toEqual([
      { policy_id: policy.policyId, policy: 'active', claim: null, amount: null },
    ]);
  });

  it('a claim in manual review (no final status by the end of cover) is decided by the rule once the final status comes', async () => {
    const late = await addFlight(medium.db);
    const onTime = await addFlight(medium.db);
    const paid = await addIssuedFlightPolicy(medium, late.id, 'FD120');
    const refused = await addIssuedFlightPolicy(medium, onTime.id, 'FD120');
    // The sweep runs after both covers ended (scheduled arrival + 6 h) with no final status.
    const opened = await new OpenManualReviewsUseCase(medium.dataSource).execute(
      new Date(late.scheduledArrival.getTime() + 7 * 3600_000),
    );
    expect(opened).toBeGreaterThanOrEqual(2);
    expect((await decided([paid.policyId, refused.policyId])).map((row) => row.claim)).toEqual([
      'manual_review',
      'manual_review',
    ]);

    await endFlight(medium.db, late.id, { status: 'arrived', lateMinutes: 200 });
    await endFlight(medium.db, onTime.id, { status: 'arrived', lateMinutes: 5 });
    const paidResult = await settle(late.id);
    const refusedResult = await settle(onTime.id);

    expect(paidResult).toMatchObject({ lapsedPolicies: 0, rejectedClaims: 0 });
    expect(paidResult.approvedClaimIds).toHaveLength(1);
    expect(refusedResult).toEqual({ approvedClaimIds: [], lapsedPolicies: 1, rejectedClaims: 1 });
    expect(await decided([paid.policyId, refused.policyId])).toEqual([
      { policy_id: paid.policyId, policy: 'claimed', claim: 'approved', amount: 20000 },
      { policy_id: refused.policyId, policy: 'expired', claim: 'rejected', amount: 20000 },
    ]);
    const { rows } = await medium.db.query(`SELECT count(*)::int AS n FROM claims WHERE policy_id = ANY($1::uuid[])`, [
      [paid.policyId, refused.policyId],
    ]);
    expect(rows).toEqual([{ n: 2 }]);
  });
});
