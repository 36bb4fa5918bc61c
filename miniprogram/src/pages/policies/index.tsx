import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState } from '../../components/empty-state/empty-state';
import { ListError, ListLoading } from '../../components/list-states/list-states';
import { countCollectable } from '../../features/claim/claim-status';
import { useMyClaims } from '../../features/claim/hooks/use-my-claims';
import { fetchMyPolicies } from '../../features/policy/api/policy.api';
import { PolicyCard } from '../../features/policy/components/policy-card/policy-card';
import { useShownList } from '../../hooks/use-shown-list';
import { claimsPageUrl, HOME_PAGE, policyDetailUrl } from '../../routes';
import './index.scss';

function ClaimsEntry({ waiting }: { waiting: number }) {
  return (
    <View
      className={`policies__claims-entry${waiting > 0 ? ' policies__claims-entry--waiting' : ''}`}
      onClick={() => void Taro.navigateTo({ url: claimsPageUrl() })}
    >
      <Text className="policies__claims-icon">🧧</Text>
      <Text className="policies__claims-label">我的理赔</Text>
      <Text className="policies__claims-hint">{waiting > 0 ? `${waiting} 笔赔款待领取` : '理赔进度与赔款领取'}</Text>
      <Text className="policies__claims-chevron">›</Text>
    </View>
  );
}

export default function PoliciesPage() {
  // Every time the tab is shown: a policy bought a minute ago must be here.
  const { state, retry } = useShownList(fetchMyPolicies);
  const { claims } = useMyClaims();
  const claimOf = (policyNo: string) => claims?.find((claim) => claim.policyNo === policyNo);

  const goHome = () => void Taro.switchTab({ url: HOME_PAGE });
  const open = (policyNo: string) => void Taro.navigateTo({ url: policyDetailUrl(policyNo) });

  switch (state.status) {
    case 'loading':
      return (
        <View className="page policies">
          <ListLoading text="正在加载保单…" />
        </View>
      );
    case 'error':
      return (
        <View className="page policies">
          <ListError error={state.error} wechatTitle="请在微信中查看保单" onRetry={retry} />
        </View>
      );
    case 'success':
      if (state.items.length === 0) {
        return (
          <View className="page policies">
            <EmptyState
              icon="📄"
              title="还没有保单"
              description="投保成功后，保单和理赔进度会显示在这里"
              actionText="去看看保障"
              onAction={goHome}
            />
          </View>
        );
      }
      return (
        <View className="page policies">
          {claims && claims.length > 0 ? <ClaimsEntry waiting={countCollectable(claims)} /> : null}
          <Text className="policies__count">共 {state.items.length} 份保单</Text>
          {state.items.map((policy) => (
            <PolicyCard key={policy.policyNo} policy={policy} onOpen={open} claim={claimOf(policy.policyNo)} />
          ))}
          <Text className="policies__footnote">下拉可刷新 · 赔付由航班、气象等客观数据自动判定</Text>
        </View>
      );
  }
}
