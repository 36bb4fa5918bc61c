import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny } from '@xiaoan/shared';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ListError, ListLoading } from '../../../components/list-states/list-states';
import { fetchMyClaims } from '../../../features/claim/api/claim.api';
import { collectableAmountOf } from '../../../features/claim/claim-status';
import { ClaimCard } from '../../../features/claim/components/claim-card/claim-card';
import { useShownList } from '../../../hooks/use-shown-list';
import { claimDetailUrl, claimsPageUrl, HOME_PAGE } from '../../../routes';
import './index.scss';

export default function ClaimsPage() {
  const { params } = useRouter();
  // From a policy: only that policy's claims (the list is small, so it is filtered here).
  const policyNo = params.policyNo ?? '';
  // Loaded on every show, also on coming back from a claim: its status has likely changed (已到账).
  const { state, retry } = useShownList(fetchMyClaims);

  const open = (claimId: string) => void Taro.navigateTo({ url: claimDetailUrl(claimId) });

  if (state.status === 'loading') {
    return (
      <View className="page claims">
        <ListLoading text="正在加载理赔…" />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="page claims">
        <ListError error={state.error} wechatTitle="请在微信中查看理赔" onRetry={retry} />
      </View>
    );
  }

  const claims = policyNo ? state.items.filter((claim) => claim.policyNo === policyNo) : state.items;
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
