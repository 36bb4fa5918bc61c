import { afterAll, describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { PosterComposer } from './poster-composer.js';

describe('PosterComposer (a worker thread)', () => {
  const composer = new PosterComposer();
  afterAll(() => composer.onModuleDestroy());

  it('puts the mini-program code, pixel for pixel, on a 750×1100 poster', async () => {
    const code = await QRCode.toBuffer('pages/home/index?scene=ic%3DABCD2345', { width: 430, margin: 1 });
    const poster = PNG.sync.read(await composer.compose(code));
    const decoded = PNG.sync.read(code);
    expect([poster.width, poster.height]).toEqual([750, 1100]);
    // The code is centred horizontally, 60 px into the white card centred vertically.
    const codeX = Math.floor((750 - decoded.width) / 2);
    const codeY = Math.floor((1100 - (decoded.height + 160)) / 2) + 60;
    for (const [x, y] of [
      [0, 0],
      [5, 5],
      [decoded.width - 1, decoded.height - 1],
      [Math.floor(decoded.width / 3), Math.floor(decoded.height / 2)],
    ] as const) {
      const from = (decoded.width * y + x) << 2;
      const to = (750 * (codeY + y) + codeX + x) << 2;
      expect([...poster.data.subarray(to, to + 4)]).toEqual([...decoded.data.subarray(from, from + 4)]);
    }
    // The brand background around it.
    expect([...poster.data.subarray((750 * 600 + 2) << 2, ((750 * 600 + 2) << 2) + 4)]).toEqual([
      0x16, 0x77, 0xff, 255,
    ]);
  });

  it('answers many requests in order of their own ids, and returns a non-PNG code image as it is', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const codes = await Promise.all(
      ['A', 'B', 'C'].map((s) => QRCode.toBuffer(`pages/home/index?scene=ic%3D${s}`, { width: 280, margin: 1 })),
    );
    const [first, odd, ...rest] = await Promise.all([
      composer.compose(codes[0]!),
      composer.compose(jpeg),
      composer.compose(codes[1]!),
      composer.compose(codes[2]!),
    ]);
    expect(odd).toEqual(jpeg);
    for (const poster of [first!, ...rest]) expect(PNG.sync.read(poster).width).toBe(750);
    expect(first).not.toEqual(rest[0]);
  });
});
