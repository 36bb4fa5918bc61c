import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LiftRouteStopSaleUseCase } from '../../src/modules/sale-guard/lift-route-stop-sale.use-case.js';
import { SaleGuardRepository } from '../../src/modules/sale-guard/sale-guard.repository.js';
import { SaleGuardService } from '../../src/modules/sale-guard/sale-guard.service.js';
import { SetRouteStopSaleUseCase } from '../../src/modules/sale-guard/set-route-stop-sale.use-case.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';
import { fd120Version, ownRoute } from '../support/medium-sale-guard.js';

/**
 * LiftRouteStopSaleUseCase on a real PostgreSQL, on stops set by SetRouteStopSaleUseCase: staff
 * reopen a route once the weather has passed, and the quote's guard (the same SaleGuardService,
 * its cache warm) sells it again at once; the route can then be stopped again. A stop already
 * lifted is CONFLICT, an id that is no stop's NOT_FOUND, and neither changes anything.
 */
describe('LiftRouteStopSaleUseCase', () => {
  let medium: Medium;
  let guard: SaleGuardService;
  let setStop: SetRouteStopSaleUseCase;
  let lift: LiftRouteStopSaleUseCase;
  let version: Awaited<ReturnType<typeof fd120Version>>;

  beforeAll(async () => {
    medium = await openMedium();
    const repository = new SaleGuardRepository(medium.dataSource);
    guard = new SaleGuardService(repository);
    setStop = new SetRouteStopSaleUseCase(repository, guard);
    lift = new LiftRouteStopSaleUseCase(repository, guard);
    version = await fd120Version(medium);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stopReason = (route: { origin: string; destination: string }) => guard.stopReason({ ...version, ...route });
  const allStops = () => snapshot(medium.db, `SELECT * FROM route_stop_sales ORDER BY id`);

  it('lifting the stop sells the route again at once, records who lifted it, and the route can be stopped again', async () => {
    const route = ownRoute();
    const stop = await setStop.execute({ ...route, reason: '台风' }, 'staff-1');
    await expect(stopReason(route)).resolves.toBe('ROUTE_SALES_STOPPED');

    await expect(lift.execute(stop.id, 'staff-2')).resolves.toEqual(stop);

    await expect(stopReason(route)).resolves.toBeNull();
    const { rows } = await medium.db.query(
      `SELECT lifted_by, lifted_at IS NOT NULL AS lifted FROM route_stop_sales WHERE id = $1`,
      [stop.id],
    );
    expect(rows).toEqual([{ lifted_by: 'staff-2', lifted: true }]);
    const again = await setStop.execute({ ...route, reason: '又一个台风' }, 'staff-3');
    expect(again.id).not.toBe(stop.id);
    await expect(stopReason(route)).resolves.toBe('ROUTE_SALES_STOPPED');
  });

  it('lifting a stop already lifted is CONFLICT and changes nothing', async () => {
    const route = ownRoute();
    const stop = await setStop.execute({ ...route, reason: '暴雨' }, 'staff-1');
    await lift.execute(stop.id, 'staff-2');
    const before = await allStops();

    await expect(lift.execute(stop.id, 'staff-3')).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await allStops()).toBe(before);
  });

  it.each([
    ['no such stop', 'CONFLICT', '999999999'],
    ['not an id', 'NOT_FOUND', 'abc'],
    ['too long an id', 'NOT_FOUND', '1'.repeat(19)],
  ])('%s is refused with %s and changes nothing', async (_label, code, id) => {
    const route = ownRoute();
    await setStop.execute({ ...route, reason: '大雾' }, 'staff-1');
    const before = await allStops();

    await expect(lift.execute(id, 'staff-2')).rejects.toMatchObject({ code });

    expect(await allStops()).toBe(before);
    await expect(stopReason(route)).resolves.toBe('ROUTE_SALES_STOPPED');
  });
});
