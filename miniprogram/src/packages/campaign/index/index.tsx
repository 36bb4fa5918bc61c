import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCny, type CurrentCampaign, type MyInvitesResponse } from '@xiaoan/shared';
import { useCallback, useEffect, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { RedPacket } from '../../../features/claim/components/red-packet/red-packet';
import {
  fetchMyInvite,
  fetchMyInvites,
  type CampaignReward,
  type MyInviteWithExtras,
} from '../../../features/campaign/campaign.api';
import { describeRewardRule } from '../../../features/campaign/campaign-copy';
import { useCurrentCampaign } from '../../../features/campaign/hooks/use-current-campaign';
import { useRewardCollect } from '../../../features/campaign/hooks/use-reward-collect';
import { withCampaign, withInviteCode } from '../../../features/campaign/use-invite-share';
import { CAMPAIGN_PAGE, HOME_PAGE } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { currentPlatform } from '../../../services/platform';
import { currentToken } from '../../../services/session';
import { formatShanghaiDate, formatShanghaiMonthDayTime } from '../../../utils/shanghai-date';
import './index.scss';

type Mine =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; invite: MyInviteWithExtras; invites: MyInvitesResponse }
  | { status: 'error'; error: ApiError };

const REWARD_STATUS_TEXT: Record<CampaignReward['status'], string> = {
  review: '审核中',
  pending: '观察期中',
  payable: '可领取',
  paying: '到账中',
  paid: '已到账',
  rejected: '未通过审核',
};

/** Why a cash reward cannot be opened yet, in plain words. */
const waitingText = (reward: CampaignReward): string => {
  if (reward.status === 'pending') return `观察期至 ${formatShanghaiMonthDayTime(reward.payableAt)}，之后可领取`;
  if (reward.status === 'review') return '奖励正在审核，通过后进入观察期';
  if (reward.status === 'rejected') return '该奖励未通过审核，不能领取';
  return '暂不可领取';
};

function Rules({ campaign, titled = true }: { campaign: CurrentCampaign; titled?: boolean }) {
  return (
    <View className="campaign-rules" data-testid="campaign-rules">
      {titled ? <Text className="campaign-rules__title">活动规则</Text> : null}
      <Text className="campaign-rules__window">
        活动时间：{formatShanghaiDate(campaign.startsAt)} 至 {formatShanghaiDate(campaign.endsAt)}
      </Text>
      <View className="campaign-rules__rewards">
        {campaign.rewardRules.map((rule, index) => {
          const { when, then } = describeRewardRule(rule);
          return (
            <View key={index} className="campaign-rules__reward">
              <Text className="campaign-rules__when">{when}</Text>
              <Text className="campaign-rules__then">{then}</Text>
            </View>
          );
        })}
      </View>
      <Text className="campaign-rules__text">{campaign.rulesText}</Text>
      <Text className="campaign-rules__note">奖励金额固定；与是否购买保险无关；分享本身没有奖励。</Text>
    </View>
  );
}

function CashReward({ reward, onInvites }: { reward: CampaignReward; onInvites: (latest: MyInvitesResponse) => void }) {
  const collect = useRewardCollect(reward, onInvites);
  return (
    <View className="campaign-reward campaign-reward--cash" data-reward-id={reward.id} data-status={reward.status}>
      <RedPacket
        amountFen={reward.amountFen}
        headline="邀请好友活动奖励"
        greeting="活动奖励已备好"
        brand="小安保险 · 活动奖励"
        noun="奖励"
        phase={collect.phase}
        unavailableText={waitingText(reward)}
        notice={collect.notice}
        onOpen={collect.open}
        onRefresh={collect.refresh}
      />
    </View>
  );
}

function PointsReward({ reward }: { reward: CampaignReward }) {
  return (
    <View className="campaign-reward campaign-reward--points" data-status={reward.status}>
      <Text className="campaign-reward__amount">{reward.points} 积分</Text>
      <Text className="campaign-reward__status">
        {reward.status === 'pending' ? waitingText(reward) : REWARD_STATUS_TEXT[reward.status]}
      </Text>
    </View>
  );
}

function Progress({ invites }: { invites: MyInvitesResponse }) {
  const cash = invites.rewards.filter((r) => r.kind === 'cash' && r.status !== 'rejected');
  const earnedFen = cash.reduce((sum, r) => sum + r.amountFen, 0);
  const paidFen = cash.filter((r) => r.status === 'paid').reduce((sum, r) => sum + r.amountFen, 0);
  const points = invites.rewards
    .filter((r) => r.kind === 'points' && r.status !== 'rejected')
    .reduce((sum, r) => sum + r.points, 0);
  return (
    <View className="campaign-progress" data-testid="campaign-progress">
      <View className="campaign-progress__cell">
        <Text className="campaign-progress__value" data-testid="invite-count">
          {invites.invites.length}
        </Text>
        <Text className="campaign-progress__label">已邀请好友</Text>
      </View>
      <View className="campaign-progress__cell">
        <Text className="campaign-progress__value">{formatCny(earnedFen)}</Text>
        <Text className="campaign-progress__label">获得红包</Text>
      </View>
      <View className="campaign-progress__cell">
        <Text className="campaign-progress__value">{formatCny(paidFen)}</Text>
        <Text className="campaign-progress__label">已到账</Text>
      </View>
      {points > 0 ? (
        <View className="campaign-progress__cell">
          <Text className="campaign-progress__value">{points}</Text>
          <Text className="campaign-progress__label">积分</Text>
        </View>
      ) : null}
    </View>
  );
}

/** The campaign's card and link name the campaign (`cid`), so its opens and friends are counted as its own. */
function InviteTools({ invite, campaignId }: { invite: MyInviteWithExtras; campaignId: string }) {
  const weapp = currentPlatform() === 'weapp';
  const copyLink = (link: string) =>
    void Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: '链接已复制', icon: 'none' }))
      .catch(() => undefined);
  return (
    <View className="campaign-invite" data-testid="campaign-invite">
      <View className="campaign-invite__code-row">
        <Text className="campaign-invite__label">我的邀请码</Text>
        <Text className="campaign-invite__code" data-testid="invite-code">
          {invite.inviteCode}
        </Text>
      </View>
      {weapp ? (
        <Button className="button button--primary campaign-invite__share" openType="share">
          邀请好友
        </Button>
      ) : null}
      {invite.h5Link ? (
        <Button
          className="button button--ghost campaign-invite__copy"
          onClick={() => copyLink(withCampaign(invite.h5Link!, campaignId))}
        >
          复制邀请链接
        </Button>
      ) : null}
      {invite.posterUrl ? (
        <View className="campaign-invite__poster">
          <Image
            className="campaign-invite__poster-image"
            src={invite.posterUrl}
            mode="widthFix"
            onClick={() =>
              void Taro.previewImage({ urls: [invite.posterUrl!], current: invite.posterUrl! }).catch(() => undefined)
            }
          />
          <Text className="campaign-invite__poster-hint">点开海报，长按保存或发给好友</Text>
        </View>
      ) : null}
      <Text className="campaign-invite__hint">
        好友通过你的邀请首次登录，并完成活动规则中的参与后，奖励才会发放；分享本身没有奖励。
      </Text>
    </View>
  );
}

function MyPart({
  mine,
  campaignId,
  onInvites,
  onRetry,
}: {
  mine: Mine;
  campaignId: string;
  onInvites: (latest: MyInvitesResponse) => void;
  onRetry: () => void;
}) {
  if (mine.status === 'loading' || mine.status === 'idle') return <Loading text="正在加载我的邀请…" />;
  if (mine.status === 'error')
    return <ErrorState retryable={isRetryable(mine.error)} message={mine.error.message} onRetry={onRetry} />;
  // Every reward of mine, from this campaign or an ended one: what was earned stays collectable.
  const rewards = mine.invites.rewards;
  return (
    <>
      <Progress invites={mine.invites} />
      <InviteTools invite={mine.invite} campaignId={campaignId} />
      <View className="section-title">我的奖励</View>
      {rewards.length === 0 ? (
        <View className="campaign-empty">
          <Text className="campaign-empty__title">还没有奖励</Text>
          <Text className="campaign-empty__hint">好友完成参与后，奖励会出现在这里</Text>
        </View>
      ) : (
        <View className="campaign-rewards" data-testid="campaign-rewards">
          {rewards.map((reward) =>
            reward.kind === 'cash' ? (
              <CashReward key={reward.id} reward={reward} onInvites={onInvites} />
            ) : (
              <PointsReward key={reward.id} reward={reward} />
            ),
          )}
        </View>
      )}
      <View className="section-title">我邀请的好友</View>
      {mine.invites.invites.length === 0 ? (
        <View className="campaign-empty">
          <Text className="campaign-empty__title">还没有好友通过你的邀请加入</Text>
          <Text className="campaign-empty__hint">好友通过你的邀请登录后会显示在这里</Text>
        </View>
      ) : (
        <View className="campaign-friends" data-testid="campaign-friends">
          {mine.invites.invites.map((friend, index) => (
            <View key={`${friend.boundAt}-${index}`} className="campaign-friends__row">
              <Text className="campaign-friends__name">{friend.friendMasked}</Text>
              <Text className="campaign-friends__time">{formatShanghaiMonthDayTime(friend.boundAt)} 加入</Text>
            </View>
          ))}
        </View>
      )}
    </>
  );
}

/**
 * 邀请好友: the full rules first (before anyone joins), then — once the customer chooses to take
 * part — their invite code and share card, progress, the friends bound to them and their rewards,
 * each cash reward collected as a red packet. Sharing itself earns nothing, and nothing depends on
 * anyone buying.
 */
export default function CampaignPage() {
  const { state, reload } = useCurrentCampaign();
  const [mine, setMine] = useState<Mine>({ status: 'idle' });

  const loadMine = useCallback(() => {
    setMine({ status: 'loading' });
    Promise.all([fetchMyInvite(), fetchMyInvites()])
      .then(([invite, invites]) => setMine({ status: 'ready', invite, invites }))
      .catch((error: unknown) =>
        setMine({ status: 'error', error: isApiError(error) ? error : ApiError.client('NETWORK_ERROR') }),
      );
  }, []);

  // Someone already signed in has joined before: show their part straight away. Everyone else reads
  // the rules first and joins with the button below them.
  useEffect(() => {
    if (state.status === 'live' && currentToken() && mine.status === 'idle') loadMine();
  }, [state.status, mine.status, loadMine]);

  useEffect(() => {
    if (currentPlatform() === 'weapp') {
      Taro.showShareMenu({ withShareTicket: false, showShareItems: ['wechatFriends'] }).catch(() => undefined);
    }
  }, []);

  const inviteCode = mine.status === 'ready' ? mine.invite.inviteCode : null;
  Taro.useShareAppMessage(() => ({
    title: state.status === 'live' ? state.campaign.shareCard.title || state.campaign.name : '小安保险',
    path: withCampaign(
      withInviteCode(CAMPAIGN_PAGE, inviteCode),
      state.status === 'live' && inviteCode ? state.campaign.id : null,
    ),
    ...(state.status === 'live' && state.campaign.shareCard.imageUrl
      ? { imageUrl: state.campaign.shareCard.imageUrl }
      : {}),
  }));

  const onInvites = useCallback((latest: MyInvitesResponse) => {
    setMine((current) => (current.status === 'ready' ? { ...current, invites: latest } : current));
  }, []);

  switch (state.status) {
    case 'loading':
      return (
        <View className="page campaign-page">
          <Loading text="正在加载活动…" />
        </View>
      );
    case 'error':
      return (
        <View className="page campaign-page">
          <ErrorState retryable={isRetryable(state.error)} message={state.error.message} onRetry={reload} />
        </View>
      );
    case 'none':
      return (
        <View className="page campaign-page">
          <EmptyState icon="🎁" title="活动已结束" description="当前没有进行中的活动，去看看在售保障吧" />
          <Button
            className="button button--ghost campaign-page__home"
            onClick={() => void Taro.switchTab({ url: HOME_PAGE })}
          >
            返回首页
          </Button>
        </View>
      );
    case 'live':
      return (
        <View className="page campaign-page">
          <View className="campaign-hero">
            <Text className="campaign-hero__title">{state.campaign.name}</Text>
            <Text className="campaign-hero__subtitle">邀请好友了解保障 · 奖励固定 · 与购买无关</Text>
          </View>
          {mine.status === 'idle' ? (
            <>
              <Rules campaign={state.campaign} />
              <View className="campaign-join">
                <Button
                  className="button button--primary campaign-join__button"
                  data-testid="join-campaign"
                  onClick={loadMine}
                >
                  我已阅读活动规则，参加活动
                </Button>
                <Button
                  className="button button--ghost campaign-join__browse"
                  onClick={() => void Taro.switchTab({ url: HOME_PAGE })}
                >
                  先去看看在售保障
                </Button>
              </View>
            </>
          ) : (
            <>
              {/* Joined (rules read before): progress and rewards on top, the same rules kept below. */}
              <MyPart mine={mine} campaignId={state.campaign.id} onInvites={onInvites} onRetry={loadMine} />
              <View className="section-title">活动规则</View>
              <Rules campaign={state.campaign} titled={false} />
              <Button
                className="button button--ghost campaign-page__browse"
                onClick={() => void Taro.switchTab({ url: HOME_PAGE })}
              >
                去看看在售保障与条款
              </Button>
            </>
          )}
        </View>
      );
  }
}
