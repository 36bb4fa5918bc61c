import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState } from '../../components/empty-state/empty-state';
import { HOME_PAGE } from '../../routes';

export default function PoliciesPage() {
  return (
    <View className="page policies">
      <EmptyState
        icon="📄"
        title="还没有保单"
        description="投保成功后，保单和理赔进度会显示在这里"
        actionText="去看看保障"
        onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
      />
    </View>
  );
}
