import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, type Order } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { useOrderPolling } from '../../../features/purchase/hooks/use-order-polling';
import { purchaseWordsOf, usePurchaseFlowOfOrder, type PurchaseWords } from '../../../features/purchase/purchase-flow';
import { HOME_PAGE, POLICIES_PAGE, policyDetailUrl } from '../../../routes';
import { isApiError } from '../../../services/api-error';
import { loadAppConfig, peekAppConfig } from '../../../services/app-config';
import { requestSubscription } from '../../../services/subscribe';
import { salesTrail } from '../../../services/trail';
import './index.scss';

type SubscribeState = 'idle' | 'asking' | 'accepted' | 'declined' | 'failed';

const goPolicies = () => void Taro.switchTab({ url: POLICIES_PAGE });
const goHome = () => void Taro.switchTab({ url: HOME_PAGE });

function ClaimReminder({ words }: { words: PurchaseWords }) {
  const [templateId, setTemplateId] = useState(() => peekAppConfig()?.subscribeTemplates.claimApproved ?? null);
  const [state, setState] = useState<SubscribeState>('idle');
  const [message, setMessage] = useState('');

  // Loaded before the tap: WeChat only shows the prompt when it is asked from the tap itself.
  useEffect(() => {
    if (templateId) return;
    loadAppConfig()
      .then((config) => setTemplateId(config.subscribeTemplates.claimApproved))
      .catch(() => undefined);
  }, [templateId]);

  if (!templateId) return null;

  const ask = () => {
    if (state === 'asking') return;
    setState('asking');
    requestSubscription(templateId)
      .then((result) => setState(result === 'accept' ? 'accepted' : 'declined'))
      .catch((error: unknown) => {
        setMessage(isApiError(error) ? error.message : '提醒设置失败，请稍后重试');
        setState('failed');
      });
  };

  return (
    <View className={`claim-reminder claim-reminder--${state}`}>
      <View className="claim-reminder__text">
        <Text className="claim-reminder__title">理赔到账提醒</Text>
        <Text className="claim-reminder__description">
          {state === 'accepted'
            ? words.resultCopy.reminderOn
            : state === 'declined'
              ? '您未开启提醒，赔款仍会自动发放，可在「我的保单」查看。'
              : state === 'failed'
                ? message
                : words.resultCopy.reminderIntro}
        </Text>
      </View>
      {state === 'accepted' ? (
        <Text className="claim-reminder__done">✓ 已开启</Text>
      ) : (
        <Button className="button button--ghost subscribe-claim" onClick={ask}>
          {state === 'asking' ? '请稍候…' : '开启理赔到账提醒'}
        </Button>
      )}
    </View>
  );
}

function OrderFacts({ order }: { order: Order }) {
  return (
    <View className="result-facts">
      <View className="result-facts__row">
        <Text className="result-facts__key">保险产品</Text>
        <Text className="result-facts__value">{order.productName}</Text>
      </View>
      <View className="result-facts__row">
        <Text className="result-facts__key">被保险人</Text>
        <Text className="result-facts__value">{order.insuredNameMasked}</Text>
      </View>
      <View className="result-facts__row">
        <Text className="result-facts__key">保费</Text>
        <Text className="result-facts__value">{formatCny(order.amountFen)}</Text>
      </View>
      <View className="result-facts__row">
        <Text className="result-facts__key">订单号</Text>
        <Text className="result-facts__value">{order.orderNo}</Text>
      </View>
    </View>
  );
}

export default function ResultPage() {
  const { params } = useRouter();
  const { state, restart } = useOrderPolling(params.orderId ?? '');
  const settled = state.status === 'settled';
  // Asked as soon as the order is in hand, so the words are right by the time it settles.
  const words = purchaseWordsOf(usePurchaseFlowOfOrder(state.order));

  // The pay page's view ends after its own flush: append it (and anything left) once settled.
  useEffect(() => {
    if (settled) void salesTrail.flush();
  }, [settled]);

  if (state.status === 'waiting') {
    const paid = state.order?.status === 'paid';
    return (
      <View className="page result result--pending" aria-busy="true">
        <View className="result__hero">
          <View className="result__spinner" />
          <Text className="result__title">出单中…</Text>
          <Text className="result__subtitle">正在确认支付结果并生成电子保单，请勿关闭页面</Text>
        </View>
        <View className="result-progress">
          <View className="result-progress__step result-progress__step--done">✓ 订单已提交</View>
          <View
            className={`result-progress__step${paid ? ' result-progress__step--done' : ' result-progress__step--active'}`}
          >
            {paid ? '✓ 支付已确认' : '· 确认支付结果'}
          </View>
          <View className={`result-progress__step${paid ? ' result-progress__step--active' : ''}`}>· 生成电子保单</View>
        </View>
      </View>
    );
  }

  if (state.status === 'timeout') {
    return (
      <View className="page result result--timeout">
        <View className="result__hero">
          <View className="result__icon result__icon--wait">…</View>
          <Text className="result__title">出单结果确认中</Text>
          <Text className="result__subtitle">
            {state.error ? state.error.message : '支付结果到达可能稍有延迟，如已扣款，保单生成后会出现在「我的保单」中'}
          </Text>
        </View>
        <View className="result__actions">
          <Button className="button button--primary result__refresh" onClick={restart}>
            刷新结果
          </Button>
          <Button className="button button--ghost result__my-policies" onClick={goPolicies}>
            我的保单
          </Button>
        </View>
      </View>
    );
  }

  const { order } = state;
  switch (order.status) {
    case 'issued':
      return (
        <View className="page result result--issued">
          <View className="result__hero">
            <View className="result__icon result__icon--ok">✓</View>
            <Text className="result__title">投保成功</Text>
            <Text className="result__subtitle">{words.resultCopy.issued}</Text>
            <View className="result__policy">
              <Text className="result__policy-label">保单号</Text>
              <Text className="result__policy-no">{order.policyNo}</Text>
            </View>
          </View>
          <ClaimReminder words={words} />
          <OrderFacts order={order} />
          <View className="result__actions">
            <Button
              className="button button--primary result__view-policy"
              onClick={() => order.policyNo && void Taro.navigateTo({ url: policyDetailUrl(order.policyNo) })}
            >
              查看保单
            </Button>
            <Button className="button button--ghost result__my-policies" onClick={goPolicies}>
              我的保单
            </Button>
          </View>
        </View>
      );
    case 'refunding':
    case 'refunded':
      return (
        <View className="page result result--refunded">
          <View className="result__hero">
            <View className="result__icon result__icon--refund">¥</View>
            <Text className="result__title">{order.status === 'refunded' ? '已退款' : '退款处理中'}</Text>
            <Text className="result__subtitle">
              未能为您出单，保费 {formatCny(order.amountFen)} 将原路全额退回您的微信支付账户
            </Text>
            <View className="result__reason">
              <Text className="result__reason-label">原因</Text>
              <Text className="result__refund-reason">{order.refundReason ?? '保单未能生成'}</Text>
            </View>
          </View>
          <OrderFacts order={order} />
          <View className="result__actions">
            <Button className="button button--primary" onClick={goHome}>
              {words.resultCopy.again}
            </Button>
          </View>
        </View>
      );
    case 'payment_mismatch':
      // WeChat confirmed a payment that does not match the order (amount, currency or payer): no
      // policy, and what was paid goes back the way it came.
      return (
        <View className="page result result--refunded result--mismatch">
          <View className="result__hero">
            <View className="result__icon result__icon--refund">¥</View>
            <Text className="result__title">支付异常，款项原路退回</Text>
            <Text className="result__subtitle">
              本次支付与订单信息不一致，未能为您出单，实付款项将全额原路退回付款的微信支付账户
            </Text>
            <View className="result__reason">
              <Text className="result__reason-label">原因</Text>
              <Text className="result__refund-reason">{order.refundReason ?? '支付信息与订单不符'}</Text>
            </View>
          </View>
          <OrderFacts order={order} />
          <View className="result__actions">
            <Button className="button button--primary" onClick={goHome}>
              {words.resultCopy.again}
            </Button>
          </View>
        </View>
      );
    case 'closed':
    default:
      return (
        <View className="page result result--closed">
          <View className="result__hero">
            <View className="result__icon result__icon--wait">×</View>
            <Text className="result__title">订单已关闭</Text>
            <Text className="result__subtitle">订单未在有效期内完成支付，未产生扣款，可重新投保</Text>
          </View>
          <View className="result__actions">
            <Button className="button button--primary" onClick={goHome}>
              重新投保
            </Button>
          </View>
        </View>
      );
  }
}
