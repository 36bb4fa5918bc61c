import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../index.js';

/** getwxacodeunlimit as posters use it: scene ≤ 32 characters, the image on success, JSON errors. */
describe('simulator getwxacodeunlimit', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator();
    const q = new URLSearchParams({
      grant_type: 'client_credential',
      appid: sim.keys.appid,
      secret: sim.keys.appSecret,
    });
    token = ((await (await fetch(`${sim.origin}/cgi-bin/token?${q}`)).json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim.close());

  const code = (body: unknown, accessToken = token) =>
    fetch(`${sim.origin}/wxa/getwxacodeunlimit?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a PNG of the requested width for a scene of up to 32 characters', async () => {
    const response = await code({ scene: 'ic=ABCDEFGH', page: 'pages/home/index', width: 430 });
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(430);
    expect((await code({ scene: 'x'.repeat(32), page: 'pages/home/index' })).headers.get('content-type')).toBe(
      'image/png',
    );
  });

  it('refuses a scene over 32 characters or with characters WeChat does not allow, a page with a slash or query, and a bad token', async () => {
    expect(await (await code({ scene: 'x'.repeat(33), page: 'pages/home/index' })).json()).toMatchObject({
      errcode: 40169,
    });
    expect(await (await code({ scene: '邀请码', page: 'pages/home/index' })).json()).toMatchObject({ errcode: 40169 });
    expect(await (await code({ page: 'pages/home/index' })).json()).toMatchObject({ errcode: 40169 });
    expect(await (await code({ scene: 'ic=ABCDEFGH', page: '/pages/home/index' })).json()).toMatchObject({
      errcode: 41030,
    });
    expect(await (await code({ scene: 'ic=ABCDEFGH', page: 'pages/home/index?ic=1' })).json()).toMatchObject({
      errcode: 41030,
    });
    expect(await (await code({ scene: 'ic=ABCDEFGH', width: 100 })).json()).toMatchObject({ errcode: 40097 });
    expect(await (await code({ scene: 'ic=ABCDEFGH' }, 'not-a-token')).json()).toMatchObject({ errcode: 40001 });
  });
});
