import { afterEach, describe, expect, it } from '@jest/globals';
import { sessionRoutes, stubApi } from '../../test/support/fake-api';
import { attributionFromLaunch, reportCardOpen } from './invite-attribution';
import { ensureSession } from './session';

describe('invite attribution at launch', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('reads the invite code from a share card path, with the path and scene for attribution', () => {
    expect(attributionFromLaunch({ path: 'pages/home/index', query: { ic: 'abcdefgh' }, scene: 1007 })).toEqual({
      inviteCode: 'ABCDEFGH',
      sharePath: '/pages/home/index?ic=abcdefgh',
      scene: 1007,
    });
  });

  it('keeps the campaign a campaign card names (cid) in the share path the BFF attributes by', () => {
    const cid = '00000000-0000-4000-8000-00000000c001';
    expect(
      attributionFromLaunch({ path: 'packages/campaign/index/index', query: { ic: 'ABCDEFGH', cid }, scene: 1007 }),
    ).toEqual({
      inviteCode: 'ABCDEFGH',
      sharePath: `/packages/campaign/index/index?ic=ABCDEFGH&cid=${cid}`,
      scene: 1007,
    });
  });

  it('sends the campaign of the opened H5 link with the login', async () => {
    const cid = '00000000-0000-4000-8000-00000000c001';
    window.history.replaceState(null, '', `/#/packages/campaign/index/index?ic=ABCDEFGH&cid=${cid}`);
    const api = stubApi(sessionRoutes(true));
    await ensureSession();
    expect(api.callsTo('POST /api/v1/auth/wechat-login')[0]?.body).toMatchObject({
      inviteCode: 'ABCDEFGH',
      sharePath: `/packages/campaign/index/index?ic=ABCDEFGH&cid=${cid}`,
    });
  });

  it('reads it from a poster code’s scene, encoded or bare', () => {
    expect(
      attributionFromLaunch({ path: 'pages/home/index', query: { scene: 'ic%3DABCDEFGH' }, scene: 1047 }).inviteCode,
    ).toBe('ABCDEFGH');
    expect(attributionFromLaunch({ query: { scene: 'ABCDEFGH' } }).inviteCode).toBe('ABCDEFGH');
  });

  it('ignores anything that is not an invite code', () => {
    expect(attributionFromLaunch({ path: 'pages/home/index', query: { ic: 'ABC' } })).toEqual({});
    expect(attributionFromLaunch({ query: { scene: 'promo=1' } })).toEqual({});
    expect(attributionFromLaunch({})).toEqual({});
  });

  it('sends the code of the opened link with the H5 login', async () => {
    window.history.replaceState(null, '', '/?ic=ABCDEFGH');
    const api = stubApi(sessionRoutes(true));
    await ensureSession();
    expect(api.callsTo('POST /api/v1/auth/wechat-login')[0]?.body).toMatchObject({
      code: 'sim-code-1',
      inviteCode: 'ABCDEFGH',
    });
  });

  it('reports the opened card once per launch, with its code, and only when it carries one', async () => {
    const api = stubApi({
      ...sessionRoutes(true),
      'POST /api/v1/campaigns/card-opens': () => ({ status: 204, body: '' }),
    });
    await reportCardOpen();
    expect(api.callsTo('POST /api/v1/campaigns/card-opens')).toHaveLength(0);
    // The H5 link from 我的邀请 (hash routing).
    window.history.replaceState(null, '', '/#/pages/home/index?ic=ABCDEFGH');
    await reportCardOpen();
    await reportCardOpen();
    const calls = api.callsTo('POST /api/v1/campaigns/card-opens');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ inviteCode: 'ABCDEFGH', sharePath: '/pages/home/index?ic=ABCDEFGH' });
  });
});
