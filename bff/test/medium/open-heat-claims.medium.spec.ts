import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { OpenHeatClaimsUseCase, type HeatClaimToOpen } from '../../src/modules/claim/open-heat-claims.use-case.js';
import { SettlePaidOrderUseCase } from '../../src/modules/order/settle-paid-order.use-case.js';
import { IssuePolicyUseCase } from '../../src/modules/policy/issue-policy.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { addCustomer, addPendingOrder, openMedium, paymentOf, snapshot, type Medium } from '../support/medium.js';

/**
 * OpenHeatClaimsUseCase on a real PostgreSQL: a HEAT37 policy's one claim is opened with it,
 * approved at 0 and not yet due a message (hot days grow it), in the issuing transaction. The
 * policies are issued by order settlement (SettlePaidOrderUseCase) wired with an opener that only
 * records what settlement asks to open, so that the use case under test opens them itself.
 */
describe('OpenHeatClaimsUseCase', () => {
  let medium: Medium;
  let open: OpenHeatClaimsUseCase;
  let settle: SettlePaidOrderUseCase;
  /** What settlement asked to open, per issued policy. */
  const asked: HeatClaimToOpen[] = [];
  const season = `${new Date().getUTCFullYear() + 1}-08-31`;

  beforeAll(async () => {
    medium = await openMedium();
    open = new OpenHeatClaimsUseCase(new ClaimRepository());
    settle = new SettlePaidOrderUseCase(
      medium.unitOfWork,
      new ProductVersionCache(medium.dataSource),
      medium.integrations,
      medium.clock,
      new WeatherPlaces(medium.dataSource),
      new IssuePolicyUseCase(new PolicyRepository()),
      {
        execute: async (_tx: unknown, rows: HeatClaimToOpen[]) => void asked.push(...rows),
      } as unknown as OpenHeatClaimsUseCase,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A HEAT37 policy just issued for `city`, its claim not opened yet: what settlement asks to open for it. */
  const issuedHeatPolicy = async (city = 'wuhan'): Promise<HeatClaimToOpen> => {
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'HEAT37',
      place: { code: city, units: 1, coverEndDate: season },
      payoutFen: 20000,
      amountFen: 450,
    });
    await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    const row = asked.find((candidate) => candidate.customerId === order.customer.id);
    if (!row) throw new Error('settlement asked to open no claim for the HEAT37 policy');
    return row;
  };
  const claimsOf = async (policyIds: string[]) =>
    (
      await medium.db.query(
        `SELECT policy_id, customer_id, product_version_id, flight_id, status, amount_fen, paid_fen, payout_attempt,
                notify_state, decided_by, evidence, claim_no, created_at
           FROM claims WHERE policy_id = ANY($1::uuid[]) ORDER BY claim_no`,
        [policyIds],
      )
    ).rows;
  const allClaims = () => snapshot(medium.db, `SELECT * FROM claims ORDER BY id`);
  const openIn = (rows: HeatClaimToOpen[], at: Date) => medium.unitOfWork.run((tx) => open.execute(tx, rows, at));

  it("opens the policy's one claim, approved at 0, for its customer and city, with no message due yet", async () => {
    const row = await issuedHeatPolicy('wuhan');
    const at = new Date('2027-05-01T02:00:00Z');

    await openIn([row], at);

    expect(await claimsOf([row.policyId])).toEqual([
      {
        policy_id: row.policyId,
        customer_id: row.customerId,
        product_version_id: row.productVersionId,
        flight_id: null,
        status: 'approved',
        amount_fen: 0,
        paid_fen: 0,
        payout_attempt: 0,
        notify_state: 'none',
        decided_by: 'rule',
        evidence: { kind: 'heat', cityCode: 'wuhan' },
        claim_no: expect.stringMatching(/^C/),
        created_at: at,
      },
    ]);
  });

  it('opens one claim per policy given, numbered in the order given', async () => {
    const rows = [
      await issuedHeatPolicy('nanjing'),
      await issuedHeatPolicy('wuhan'),
      await issuedHeatPolicy('nanjing'),
    ];

    await openIn(rows, medium.clock.now());

    const claims = await claimsOf(rows.map((row) => row.policyId));
    expect(claims.map((claim) => [claim.policy_id, claim.evidence.cityCode])).toEqual(
      rows.map((row) => [row.policyId, row.cityCode]),
    );
  });

  it('opening a claim again for a policy that has its claim is refused, and nothing changes', async () => {
    const row = await issuedHeatPolicy();
    const other = await issuedHeatPolicy();
    await openIn([row], medium.clock.now());
    const before = await allClaims();

    await expect(openIn([other, row], medium.clock.now())).rejects.toThrow(/claims_one_per_insured/);

    expect(await allClaims()).toBe(before);
    expect(await claimsOf([other.policyId])).toEqual([]);
  });

  it('nothing to open opens nothing', async () => {
    const before = await allClaims();

    await openIn([], medium.clock.now());

    expect(await allClaims()).toBe(before);
  });

  it('the claim is opened in the issuing transaction: when that rolls back, no claim is left', async () => {
    const row = await issuedHeatPolicy();

    await expect(
      medium.unitOfWork.run(async (tx) => {
        await open.execute(tx, [row], medium.clock.now());
        throw new Error('the capacity update after it failed');
      }),
    ).rejects.toThrow('the capacity update after it failed');

    expect(await claimsOf([row.policyId])).toEqual([]);
  });
});
