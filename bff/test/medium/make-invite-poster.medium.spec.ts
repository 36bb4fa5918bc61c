import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import pngjs from 'pngjs';
import QRCode from 'qrcode';
import { createWechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import type { UnlimitedCodeClient } from '../../src/integrations/wechat/unlimited-code.client.js';
import { InvitePosterRepository } from '../../src/modules/campaign/invite-poster.repository.js';
import { InviteRepository } from '../../src/modules/campaign/invite.repository.js';
import { MakeInvitePosterUseCase, POSTER_QUEUE } from '../../src/modules/campaign/make-invite-poster.use-case.js';
import { PosterComposer } from '../../src/modules/campaign/poster/poster-composer.js';
import { addCustomer, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * MakeInvitePosterUseCase on a real PostgreSQL and the WeChat simulator over real HTTP
 * (getwxacodeunlimit draws a real QR code of `page?scene=…`), with the real poster composer (its
 * worker thread). A code's poster is made once: the mini-program code carrying `ic=CODE`, on the
 * 750×1100 poster; an existing poster never asks WeChat again; racing views share one call (counted by a
 * thin wrapper around the real client); a
 * WeChat refusal stores nothing, and the job's next try makes it.
 */
describe('MakeInvitePosterUseCase', () => {
  let medium: Medium;
  let pool: pg.Pool;
  let composer: PosterComposer;
  let posters: MakeInvitePosterUseCase;
  /** The same, with each getwxacodeunlimit call (still real HTTP to the simulator) noted in `calls` by its scene. */
  let racing: MakeInvitePosterUseCase;
  const calls: string[] = [];

  beforeAll(async () => {
    medium = await openMedium();
    pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
    composer = new PosterComposer();
    const codes = createWechatAdapters(medium.integrations.wechat, pool).unlimitedCodes;
    posters = new MakeInvitePosterUseCase(new InvitePosterRepository(medium.dataSource), codes, medium.queue, composer);
    const noted = {
      create: (input: Parameters<UnlimitedCodeClient['create']>[0]) => {
        calls.push(input.scene);
        return codes.create(input);
      },
    } as UnlimitedCodeClient;
    racing = new MakeInvitePosterUseCase(new InvitePosterRepository(medium.dataSource), noted, medium.queue, composer);
  });
  afterEach(() => {
    medium.sim.faults.clear();
  });
  afterAll(async () => {
    await composer?.onModuleDestroy();
    await pool?.end();
    await medium?.close();
  });

  /** A customer's invite code, as it is handed out. */
  const newCode = async () =>
    (await new InviteRepository(medium.dataSource).codeOf((await addCustomer(medium.db)).id)).code;
  const posterRow = (code: string) =>
    snapshot(medium.db, `SELECT * FROM invite_posters WHERE invite_code = $1`, [code]);
  const rowsOf = async (code: string) =>
    (
      await medium.db.query<{ scene: string; page: string; code_png: Buffer; poster_png: Buffer }>(
        `SELECT scene, page, code_png, poster_png FROM invite_posters WHERE invite_code = $1`,
        [code],
      )
    ).rows;
  /** The mini-program code WeChat draws for the home page with the invite code as its scene. */
  const codeImageFor = (code: string) =>
    QRCode.toBuffer(`pages/home/index?scene=${encodeURIComponent(`ic=${code}`)}`, {
      width: 430,
      errorCorrectionLevel: 'M',
      margin: 1,
    });

  it("makes the code's poster once: WeChat's mini-program code for ic=CODE on the home page, on a 750×1100 poster", async () => {
    const code = await newCode();

    await posters.ensure(code);

    const rows = await rowsOf(code);
    expect(rows.map((r) => [r.scene, r.page])).toEqual([[`ic=${code}`, 'pages/home/index']]);
    expect(rows[0]!.code_png.equals(await codeImageFor(code))).toBe(true);
    const poster = pngjs.PNG.sync.read(rows[0]!.poster_png);
    expect([poster.width, poster.height]).toEqual([750, 1100]);
    // The code itself is on the poster (centred, 60 px into the white panel).
    const qr = pngjs.PNG.sync.read(rows[0]!.code_png);
    const codeX = Math.floor((750 - qr.width) / 2);
    const panelY = Math.floor((1100 - (qr.height + 160)) / 2);
    const at = (png: pngjs.PNG, x: number, y: number) => png.data.readUInt32BE((png.width * y + x) * 4);
    for (const [x, y] of [
      [0, 0],
      [qr.width >> 1, qr.height >> 1],
      [qr.width - 1, qr.height - 1],
      [17, 40],
    ] as const) {
      expect(at(poster, codeX + x, panelY + 60 + y)).toBe(at(qr, x, y));
    }
  });

  it('a code that already has its poster is not asked of WeChat again, and its poster is unchanged', async () => {
    const code = await newCode();
    await posters.ensure(code);
    const before = await posterRow(code);
    // Were WeChat asked, it would refuse.
    medium.sim.faults.set('wx.wxacode_unlimit', { kind: 'system_error' });

    await posters.ensure(code);

    expect(await posterRow(code)).toBe(before);
  });

  it('views racing ahead of the job share one WeChat call, and the poster is stored once', async () => {
    const code = await newCode();

    await Promise.all([racing.ensure(code), racing.ensure(code), racing.ensure(code)]);

    expect(calls.filter((scene) => scene === `ic=${code}`)).toHaveLength(1);
    expect((await rowsOf(code)).map((r) => r.scene)).toEqual([`ic=${code}`]);
  });

  it("WeChat's refusal (daily quota) stores nothing and fails the job; its next try makes the poster once", async () => {
    const code = await newCode();
    medium.sim.faults.set('wx.wxacode_unlimit', { kind: 'rate_limited' }, { times: 1 });

    await expect(posters.ensure(code)).rejects.toMatchObject({ name: 'WechatApiError', code: '45009' });
    expect(await rowsOf(code)).toEqual([]);

    await posters.ensure(code);

    expect((await rowsOf(code)).map((r) => r.scene)).toEqual([`ic=${code}`]);
  });

  it('schedule queues the poster job for the code', async () => {
    const code = await newCode();
    const jobsBefore = medium.jobs.length;

    await posters.schedule(code);

    expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: POSTER_QUEUE, data: { inviteCode: code } }]);
    expect(await rowsOf(code)).toEqual([]);
  });
});
