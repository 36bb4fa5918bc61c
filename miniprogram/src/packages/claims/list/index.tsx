import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { formatCny, type ClaimSummary } from '@xiaoan/shared';
import { useCallback, useRef, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { fetchMyClaims } from '../../../features/claim/api/claim.api';
import { collectableAmountOf } from '../../../features/claim/claim-status';
import { ClaimCard } from '../../../features/claim/components/claim-card/claim-card';
import { claimDetailUrl, claimsPageUrl, HOME_PAGE } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import './index.scss';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; claims: ClaimSummary[] };

export default function ClaimsPage() {
  const { params } = useRouter();
  // From a policy: only that policy's claims (the list is small, so it is filtered here).
  const policyNo = params.policyNo ?? '';
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const loaded = useRef(false);

  const load = useCallback(async () => {
    if (!loaded.current) setState({ status: 'loading' });
    try {
      const claims = await fetchMyClaims();
      loaded.current = true;
      setState({ status: 'success', claims });
    } catch (error) {
      if (loaded.current) {
        void Taro.showToast({ title: isApiError(error) ? error.message : '刷新失败', icon: 'none' });
        return;
      }
      setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') });
    }
  }, []);

  // Also on coming back from a claim: its status has likely changed (已到账).
  useDidShow(() => {
    void load();
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const open = (claimId: string) => void Taro.navigateTo({ url: claimDetailUrl(claimId) });

  if (state.status === 'loading') {
    return (
      <View className="page claims">
        <Loading text="正在加载理赔…" skeletonCards={2} />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="page claims">
        {state.error.code === 'WECHAT_REQUIRED' ? (
          <EmptyState icon="💬" title="请在微信中查看理赔" description={state.error.message} />
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
  }

  const claims = policyNo ? state.claims.filter((claim) => claim.policyNo === policyNo) : state.claims;
  const collectable = claims.filter((claim) => claim.collectable);
  const collectableFen = collectable.reduce((sum, claim) => sum + collectableAmountOf(claim), 0);

  return (
    <View className="page claims">
      {policyNo ? (
        <View className="claims__filter">
          <Text className="claims__filter-text">保单 {policyNo} 的理赔</Text>
          <Text className="claims__filter-all" onClick={() => void Taro.redirectTo({ url: claimsPageUrl() })}>
            查看全部 ›
          </Text>
        </View>
      ) : null}

      {claims.length === 0 ? (
        <EmptyState
          icon="✈️"
          title="暂无理赔"
          description="航班延误、高温或下雨达到赔付条件后，理赔会自动出现在这里"
          actionText={policyNo ? undefined : '去看看保障'}
          onAction={policyNo ? undefined : () => void Taro.switchTab({ url: HOME_PAGE })}
        />
      ) : (
        <>
          {collectable.length > 0 ? (
            <View className="claims__pending" onClick={() => open(collectable[0]!.id)}>
              <Text className="claims__pending-icon">🧧</Text>
              <View className="claims__pending-text">
                <Text className="claims__pending-title">{collectable.length} 笔赔款待领取</Text>
                <Text className="claims__pending-amount">共 {formatCny(collectableFen)}，拆开红包即可到账微信零钱</Text>
              </View>
              <Text className="claims__pending-chevron">›</Text>
            </View>
          ) : null}
          {claims.map((claim) => (
            <ClaimCard key={claim.id} claim={claim} onOpen={open} />
          ))}
          <Text className="claims__footnote">下拉可刷新 · 达到赔付条件自动理赔，无需报案</Text>
        </>
      )}
    </View>
  );
}
