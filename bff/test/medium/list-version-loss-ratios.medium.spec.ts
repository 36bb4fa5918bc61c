import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { ListVersionLossRatiosUseCase } from '../../src/modules/sale-guard/list-version-loss-ratios.use-case.js';
import { SaleGuardRepository } from '../../src/modules/sale-guard/sale-guard.repository.js';
import { SaleGuardService } from '../../src/modules/sale-guard/sale-guard.service.js';
import {
  addFlight,
  addIssuedFlightPolicy,
  endFlight,
  openMedium,
  snapshot,
  versionIdOf,
  type Medium,
} from '../support/medium.js';

/**
 * ListVersionLossRatiosUseCase on a real PostgreSQL, on policies issued and claims approved
 * through the use cases: every flight-delay version's running loss ratio over its window (premium
 * of the covers started in it, claims approved on them), and a version whose configured guard is
 * breached is stopped on the way, once, as the quote then sees it. Each test's flights depart in a
 * period of its own and it reads at a `now` just after them, with a 1-day window.
 */
describe('ListVersionLossRatiosUseCase', () => {
  let medium: Medium;
  let guard: SaleGuardService;
  let listRatios: ListVersionLossRatiosUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const repository = new SaleGuardRepository(medium.dataSource);
    guard = new SaleGuardService(repository);
    listRatios = new ListVersionLossRatiosUseCase(repository, guard);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** `count` policies of `productCode` on a flight departing in `departsInDays`, which lands `lateMinutes` late and is settled. */
  const flightSold = async (
    productCode: 'FD60' | 'FD120',
    departsInDays: number,
    count: number,
    lateMinutes: number | null,
  ) => {
    const flight = await addFlight(medium.db, departsInDays * 24);
    for (let i = 0; i < count; i += 1) await addIssuedFlightPolicy(medium, flight.id, productCode, 20000);
    if (lateMinutes !== null) {
      await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes });
      await medium.unitOfWork.run((tx) =>
        new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())).settle(tx, flight.id),
      );
    }
    return new Date(Date.now() + departsInDays * 86_400_000 + 3600_000);
  };
  const fd120 = async (windowDays: number | undefined, now: Date) => {
    const versionId = await versionIdOf(medium.db, 'FD120');
    return (await listRatios.execute(windowDays, now)).find((item) => item.productVersionId === versionId);
  };

  it('a window without sales shows every flight-delay version at no premium, no ratio, and no stop', async () => {
    const items = await listRatios.execute(1, new Date(Date.now() + 3000 * 86_400_000));

    expect([...new Set(items.map((item) => item.productCode))].sort()).toEqual(['FD120', 'FD60']);
    expect(items.find((item) => item.productCode === 'FD120')).toEqual({
      productCode: 'FD120',
      productVersionId: await versionIdOf(medium.db, 'FD120'),
      version: expect.any(Number),
      windowDays: 1,
      premiumFen: 0,
      claimsFen: 0,
      lossRatio: null,
      maxLossRatio: null,
      saleStop: null,
    });
  });

  it('counts the premium of the covers started in the window and the claims approved on them', async () => {
    await flightSold('FD120', 20, 2, 180);
    const now = await flightSold('FD120', 20, 1, null);
    // Started before the window: not counted.
    await flightSold('FD120', 18, 1, 180);

    const FD120 = await fd120(1, now);

    expect(FD120).toMatchObject({ windowDays: 1, premiumFen: 3600, claimsFen: 40000, saleStop: null });
    expect(FD120!.lossRatio).toBeCloseTo(40000 / 3600, 6);
  });

  it('a version over its configured guard is stopped on the way, once, and the quote then refuses it', async () => {
    // FD60's configuration published again as a new version, with a guard: over 1 day, stop above a
    // ratio of 2 once 1000 fen are earned (versions are immutable; no use case publishes one).
    const {
      rows: [version],
    } = await medium.db.query<{ id: string; terms: object }>(
      `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
       SELECT product_id, version + 1, insurer_name, filing_no, clauses, exclusions,
              terms || '{"lossRatioGuard":{"maxLossRatio":2,"windowDays":1,"minPremiumFen":1000}}'::jsonb, now()
         FROM product_versions WHERE id = $1
       RETURNING id, terms`,
      [await versionIdOf(medium.db, 'FD60')],
    );
    const versionId = version!.id;
    const now = await flightSold('FD60', 25, 1, 180);

    const guarded = (await listRatios.execute(undefined, now)).find((item) => item.productVersionId === versionId);

    expect(guarded).toMatchObject({
      productCode: 'FD60',
      windowDays: 1,
      premiumFen: 1200,
      claimsFen: 20000,
      maxLossRatio: 2,
      saleStop: { lossRatio: expect.any(Number), premiumFen: 1200, claimsFen: 20000, reason: expect.any(String) },
    });
    const stops = () =>
      snapshot(medium.db, `SELECT * FROM product_version_sale_stops WHERE product_version_id = $1`, [versionId]);
    const once = await stops();
    await listRatios.execute(undefined, now);
    expect(await stops()).toBe(once);
    await expect(
      guard.stopReason({ versionId, terms: version!.terms as never, origin: 'SHA', destination: 'PEK' }, now),
    ).resolves.toBe('PRODUCT_VERSION_SALES_STOPPED');
  });
});
