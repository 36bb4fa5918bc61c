import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SaleGuardRepository } from '../../src/modules/sale-guard/sale-guard.repository.js';
import { SaleGuardService } from '../../src/modules/sale-guard/sale-guard.service.js';
import { SetRouteStopSaleUseCase } from '../../src/modules/sale-guard/set-route-stop-sale.use-case.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';
import { fd120Version, ownRoute } from '../support/medium-sale-guard.js';

/**
 * SetRouteStopSaleUseCase on a real PostgreSQL: staff stop selling a route ahead of adverse
 * weather; the quote's guard (the same SaleGuardService, its cache already warm) refuses the route
 * at once, the opposite direction and other routes still sell; a second open stop on the route is
 * CONFLICT and changes nothing.
 */
describe('SetRouteStopSaleUseCase', () => {
  let medium: Medium;
  let guard: SaleGuardService;
  let setStop: SetRouteStopSaleUseCase;
  let version: Awaited<ReturnType<typeof fd120Version>>;

  beforeAll(async () => {
    medium = await openMedium();
    const repository = new SaleGuardRepository(medium.dataSource);
    guard = new SaleGuardService(repository);
    setStop = new SetRouteStopSaleUseCase(repository, guard);
    version = await fd120Version(medium);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stopReason = (origin: string, destination: string) => guard.stopReason({ ...version, origin, destination });
  const stopsOf = (route: { origin: string; destination: string }) =>
    snapshot(medium.db, `SELECT * FROM route_stop_sales WHERE origin = $1 AND destination = $2 ORDER BY id`, [
      route.origin,
      route.destination,
    ]);

  it('stops the route at once for the quote, with who stopped it and why; the way back still sells', async () => {
    const route = ownRoute();
    await expect(stopReason(route.origin, route.destination)).resolves.toBeNull();

    const stop = await setStop.execute({ ...route, reason: '台风“海葵”登陆' }, 'staff-7');

    expect(stop).toEqual({
      id: expect.stringMatching(/^\d+$/),
      origin: route.origin,
      destination: route.destination,
      reason: '台风“海葵”登陆',
      setBy: 'staff-7',
      setAt: expect.any(String),
    });
    await expect(stopReason(route.origin, route.destination)).resolves.toBe('ROUTE_SALES_STOPPED');
    await expect(stopReason(route.destination, route.origin)).resolves.toBeNull();
    const { rows } = await medium.db.query(`SELECT reason, set_by, lifted_at FROM route_stop_sales WHERE id = $1`, [
      stop.id,
    ]);
    expect(rows).toEqual([{ reason: '台风“海葵”登陆', set_by: 'staff-7', lifted_at: null }]);
  });

  it('a second stop on a route already stopped is CONFLICT and changes nothing', async () => {
    const route = ownRoute();
    await setStop.execute({ ...route, reason: '暴雨' }, 'staff-1');
    const before = await stopsOf(route);

    await expect(setStop.execute({ ...route, reason: '又一次' }, 'staff-2')).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    expect(await stopsOf(route)).toBe(before);
    await expect(stopReason(route.origin, route.destination)).resolves.toBe('ROUTE_SALES_STOPPED');
  });
});
