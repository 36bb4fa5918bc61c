import { Text, View } from '@tarojs/components';
import { APP_NAME, APP_VERSION } from '../../app-info';
import './index.scss';

const ABOUT_ROWS: { label: string; value: string }[] = [
  { label: '理赔方式', value: '触发即赔，无需报案' },
  { label: '赔款去向', value: '微信红包，确认即到账' },
  { label: '版本', value: `v${APP_VERSION}` },
];

export default function MePage() {
  return (
    <View className="page me">
      <View className="me-profile">
        <View className="me-profile__avatar">安</View>
        <View>
          <Text className="me-profile__name">微信用户</Text>
          <Text className="me-profile__hint">登录功能即将开放</Text>
        </View>
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
