import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { PolicySummary } from '@xiaoan/shared';
import { useCallback, useRef, useState } from 'react';
import { EmptyState } from '../../components/empty-state/empty-state';
import { ErrorState } from '../../components/error-state/error-state';
import { Loading } from '../../components/loading/loading';
import { countCollectable } from '../../features/claim/claim-status';
import { useMyClaims } from '../../features/claim/hooks/use-my-claims';
import { fetchMyPolicies } from '../../features/policy/api/policy.api';
import { PolicyCard } from '../../features/policy/components/policy-card/policy-card';
import { claimsPageUrl, HOME_PAGE, policyDetailUrl } from '../../routes';
import { ApiError, isApiError } from '../../services/api-error';
import './index.scss';

type PoliciesState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; policies: PolicySummary[] };

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
  const [state, setState] = useState<PoliciesState>({ status: 'loading' });
  const { claims } = useMyClaims();
  const claimOf = (policyNo: string) => claims?.find((claim) => claim.policyNo === policyNo);
  const loaded = useRef(false);

  /** The first load shows a spinner; later ones (tab shown again, pull-down) refresh in place. */
  const load = useCallback(async () => {
    if (!loaded.current) setState({ status: 'loading' });
    try {
      const policies = await fetchMyPolicies();
      loaded.current = true;
      setState({ status: 'success', policies });
    } catch (error) {
      if (loaded.current) {
        void Taro.showToast({ title: isApiError(error) ? error.message : '刷新失败', icon: 'none' });
        return;
      }
      setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') });
    }
  }, []);

  // Every time the tab is shown: a policy bought a minute ago must be here.
  useDidShow(() => {
    void load();
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const goHome = () => void Taro.switchTab({ url: HOME_PAGE });
  const open = (policyNo: string) => void Taro.navigateTo({ url: policyDetailUrl(policyNo) });

  switch (state.status) {
    case 'loading':
      return (
        <View className="page policies">
          <Loading text="正在加载保单…" skeletonCards={2} />
        </View>
      );
    case 'error':
      return (
        <View className="page policies">
          {state.error.code === 'WECHAT_REQUIRED' ? (
            <EmptyState icon="💬" title="请在微信中查看保单" description={state.error.message} />
          ) : (
            <ErrorState
              message={state.error.message}
              requestId={state.error.requestId}
              onRetry={() => {
                loaded.current = false;
                void load();
              }}
            />
          )}
        </View>
      );
    case 'success':
      if (state.policies.length === 0) {
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
          <Text className="policies__count">共 {state.policies.length} 份保单</Text>
          {state.policies.map((policy) => (
            <PolicyCard key={policy.policyNo} policy={policy} onOpen={open} claim={claimOf(policy.policyNo)} />
          ))}
          <Text className="policies__footnote">下拉可刷新 · 赔付由航班、气象等客观数据自动判定</Text>
        </View>
      );
  }
}
