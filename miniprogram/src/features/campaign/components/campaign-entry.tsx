import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CAMPAIGN_PAGE } from '../../../routes';
import { useCurrentCampaign } from '../hooks/use-current-campaign';
import './campaign-entry.scss';

/**
 * The way into the campaign page, shown only while a campaign is published and running (nothing
 * while loading, when there is none, or when asking failed: an entry must never lead nowhere).
 */
export function CampaignEntry({ variant }: { variant: 'home' | 'me' }) {
  const { state } = useCurrentCampaign();
  if (state.status !== 'live') return null;
  const open = () => void Taro.navigateTo({ url: CAMPAIGN_PAGE });
  if (variant === 'me') {
    return (
      <View className="me-menu campaign-entry--me">
        <View className="me-menu__item" data-target="campaign" onClick={open}>
          <Text className="me-menu__icon">🎁</Text>
          <Text className="me-menu__label">邀请好友</Text>
          <Text className="me-menu__hint">{state.campaign.name}</Text>
          <Text className="me-menu__chevron">›</Text>
        </View>
      </View>
    );
  }
  return (
    <View className="campaign-entry" data-target="campaign" onClick={open}>
      <View className="campaign-entry__text">
        <Text className="campaign-entry__title">{state.campaign.name}</Text>
        <Text className="campaign-entry__hint">邀请好友了解保障，查看活动规则</Text>
      </View>
      <Text className="campaign-entry__go">去看看 ›</Text>
    </View>
  );
}
