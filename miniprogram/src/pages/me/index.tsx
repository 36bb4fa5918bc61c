import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { APP_NAME, APP_VERSION } from '../../app-info';
import { CampaignEntry } from '../../features/campaign/components/campaign-entry';
import { countCollectable } from '../../features/claim/claim-status';
import { useMyClaims } from '../../features/claim/hooks/use-my-claims';
import { ContactButton } from '../../features/support/contact-button/contact-button';
import {
  claimsPageUrl,
  FAQ_PAGE,
  legalPageUrl,
  ORDERS_PAGE,
  POLICIES_PAGE,
  SAVED_INSUREDS_PAGE,
  verifyPageUrl,
} from '../../routes';
import './index.scss';

const ABOUT_ROWS: { label: string; value: string }[] = [
  { label: '理赔方式', value: '触发即赔，无需报案' },
  { label: '赔款去向', value: '微信红包，确认即到账' },
  { label: '版本', value: `v${APP_VERSION}` },
];

interface MenuItem {
  key: string;
  icon: string;
  label: string;
  hint: string;
  open: () => void;
}

const MENU: MenuItem[] = [
  {
    key: 'claims',
    icon: '🧧',
    label: '我的理赔',
    hint: '理赔进度与赔款领取',
    open: () => void Taro.navigateTo({ url: claimsPageUrl() }),
  },
  {
    key: 'policies',
    icon: '📄',
    label: '我的保单',
    hint: '查看保障与理赔',
    open: () => void Taro.switchTab({ url: POLICIES_PAGE }),
  },
  {
    key: 'orders',
    icon: '🧾',
    label: '我的订单',
    hint: '待支付、已退款的订单',
    open: () => void Taro.navigateTo({ url: ORDERS_PAGE }),
  },
  {
    key: 'insureds',
    icon: '👥',
    label: '常用被保险人',
    hint: '一键投保，可随时删除',
    open: () => void Taro.navigateTo({ url: SAVED_INSUREDS_PAGE }),
  },
  {
    key: 'verify',
    icon: '🔎',
    label: '保单验真',
    hint: '凭保单号查验真伪',
    open: () => void Taro.navigateTo({ url: verifyPageUrl() }),
  },
  {
    key: 'faq',
    icon: '❓',
    label: '常见问题',
    hint: '理赔说明、到账与退保',
    open: () => void Taro.navigateTo({ url: FAQ_PAGE }),
  },
  {
    key: 'privacy',
    icon: '🔒',
    label: '隐私政策',
    hint: '我们如何保护您的信息',
    open: () => void Taro.navigateTo({ url: legalPageUrl('privacy') }),
  },
  {
    key: 'terms',
    icon: '📜',
    label: '用户协议',
    hint: '服务、退保与理赔约定',
    open: () => void Taro.navigateTo({ url: legalPageUrl('terms') }),
  },
];

export default function MePage() {
  const { claims } = useMyClaims();
  const waiting = claims ? countCollectable(claims) : 0;
  return (
    <View className="page me">
      <View className="me-profile">
        <View className="me-profile__avatar">安</View>
        <View>
          <Text className="me-profile__name">微信用户</Text>
          <Text className="me-profile__hint">投保、查看保单时自动使用微信登录</Text>
        </View>
      </View>

      <View className="me-menu">
        {MENU.map((item) => (
          <View key={item.key} className="me-menu__item" data-target={item.key} onClick={item.open}>
            <Text className="me-menu__icon">{item.icon}</Text>
            <Text className="me-menu__label">{item.label}</Text>
            {item.key === 'claims' && waiting > 0 ? (
              <Text className="me-menu__badge" data-count={waiting}>
                {waiting} 笔待领取
              </Text>
            ) : (
              <Text className="me-menu__hint">{item.hint}</Text>
            )}
            <Text className="me-menu__chevron">›</Text>
          </View>
        ))}
      </View>
      <CampaignEntry variant="me" />

      <View className="me-contact">
        <View className="me-contact__text">
          <Text className="me-contact__title">联系客服</Text>
          <Text className="me-contact__hint">理赔、退保、保单问题，在线留言</Text>
        </View>
        <ContactButton className="me-contact__button" label="联系客服" />
      </View>

      <View className="section-title">关于{APP_NAME}</View>
      <View className="me-card">
        {ABOUT_ROWS.map((row) => (
          <View key={row.label} className="me-card__row">
            <Text className="me-card__label">{row.label}</Text>
            <Text className="me-card__value">{row.value}</Text>
          </View>
        ))}
      </View>
      <Text className="me__statement">
        本平台在售产品均由持牌保险公司承保，条款、免责条款与产品备案编号请见各产品详情页。
      </Text>
    </View>
  );
}
