import Taro from '@tarojs/taro';
import { myInviteSchema } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { request } from '../../services/http';
import { currentPlatform } from '../../services/platform';
import { currentToken } from '../../services/session';

/** `path` with the sharer's invite code added as `ic` (wechat.md §7: the referral code goes in the path). */
export const withInviteCode = (path: string, inviteCode: string | null): string => {
  if (!inviteCode) return path;
  return `${path}${path.includes('?') ? '&' : '?'}ic=${encodeURIComponent(inviteCode)}`;
};

/**
 * `path` (or an H5 link) with the campaign it was shared from added as `cid`: the BFF records it on
 * the card's opens and on the friend's binding, so that each campaign's funnel counts its own cards.
 */
export const withCampaign = (path: string, campaignId: string | null): string => {
  if (!campaignId) return path;
  return `${path}${path.includes('?') ? '&' : '?'}cid=${encodeURIComponent(campaignId)}`;
};

/**
 * Makes the page shareable (转发, and the ··· menu's share entries in the weapp) with a card whose
 * path carries the sharer's invite code. The code is fetched only for someone already logged in:
 * opening a page never forces a login just to share it. The card rewards nothing by itself.
 */
export function useInviteShare(card: { title: string; path: string; imageUrl?: string }): void {
  const [inviteCode, setInviteCode] = useState<string | null>(null);

  useEffect(() => {
    if (currentPlatform() === 'weapp') {
      Taro.showShareMenu({ withShareTicket: false, showShareItems: ['wechatFriends', 'wechatMoment'] }).catch(
        () => undefined,
      );
    }
    if (!currentToken()) return;
    let live = true;
    request(myInviteSchema, '/api/v1/campaigns/me/invite', { auth: true })
      .then((mine) => {
        if (live) setInviteCode(mine.inviteCode);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  Taro.useShareAppMessage(() => ({
    title: card.title,
    path: withInviteCode(card.path, inviteCode),
    ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}),
  }));
}
