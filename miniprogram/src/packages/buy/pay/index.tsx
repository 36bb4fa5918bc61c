import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, type Order } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { resumeOrderPayment } from '../../../features/order/api/order.api';
import { fetchOrder } from '../../../features/purchase/api/purchase.api';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { useTrailPage } from '../../../features/purchase/hooks/use-trail-page';
import { purchaseDraft } from '../../../features/purchase/purchase-draft';
import { usePurchaseFlowOfOrder } from '../../../features/purchase/purchase-flow';
import { resultPageUrl } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { canPayHere, payOrder } from '../../../services/pay';
import { currentPlatform } from '../../../services/platform';
import { salesTrail } from '../../../services/trail';
import { formatCountdown } from '../../../utils/shanghai-date';
import './index.scss';

type LoadState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; order: Order };

const toApiError = (error: unknown): ApiError => (isApiError(error) ? error : ApiError.client('PAYMENT_FAILED'));

export default function PayPage() {
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  useTrailPage('pay');

  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [payable, setPayable] = useState<boolean | null>(null);
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(Date.now);
  const flow = usePurchaseFlowOfOrder(state.status === 'ready' ? state.order : null);

  useEffect(() => {
    let current = true;
    const held = purchaseDraft.get()?.order;
    // From 我的订单 (继续支付) the order is fetched; one that never got its prepay gets one now, for the same order.
    const load =
      held && held.id === orderId && held.payment
        ? Promise.resolve(held)
        : fetchOrder(orderId).then((order) =>
            order.status === 'pending_payment' && !order.payment && Date.parse(order.expiresAt) > Date.now()
              ? resumeOrderPayment(order.id)
              : order,
          );
    load
      .then((order) => {
        if (!current) return;
        // Already paid (or closed): the result page tells the rest.
        if (order.status !== 'pending_payment') {
          void Taro.redirectTo({ url: resultPageUrl(order.id) });
          return;
        }
        setState({ status: 'ready', order });
      })
      .catch((error: unknown) => current && setState({ status: 'error', error: toApiError(error) }));
    canPayHere()
      .then((value) => current && setPayable(value))
      .catch(() => current && setPayable(false));
    return () => {
      current = false;
    };
  }, [orderId, attempt]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (state.status === 'loading') {
    return (
      <View className="page pay-page">
        <Loading text="正在加载订单…" />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="page pay-page">
        <ErrorState
          retryable={isRetryable(state.error)}
          message={state.error.message}
          requestId={state.error.requestId}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      </View>
    );
  }

  const { order } = state;
  const remaining = Date.parse(order.expiresAt) - now;
  const expired = remaining <= 0;
  const disabled = paying || expired || payable !== true || !order.payment;

  const pay = async () => {
    if (disabled) return;
    setPaying(true);
    setPayError(null);
    salesTrail.record('payment_started', 'pay', currentPlatform() === 'weapp' ? 'wx.requestPayment' : 'simulator');
    try {
      const outcome = await payOrder(order);
      salesTrail.record('payment_result', 'pay', outcome.kind);
      void salesTrail.flush();
      if (outcome.kind === 'cancelled') {
        void Taro.showToast({ title: '已取消支付', icon: 'none' });
        return;
      }
      // Whatever the payment sheet said, only the BFF knows: the result page polls the order.
      void Taro.redirectTo({ url: resultPageUrl(order.id) });
    } catch (error) {
      const apiError = toApiError(error);
      salesTrail.record('payment_result', 'pay', `failed: ${apiError.code}`);
      void salesTrail.flush();
      setPayError(apiError);
    } finally {
      setPaying(false);
    }
  };

  return (
    <View className="page pay-page">
      <PurchaseSteps flow={flow} current={3} />

      <View className="pay-amount">
        <Text className="pay-amount__label">应付保费</Text>
        <Text className="pay-amount__value">{formatCny(order.amountFen)}</Text>
        <Text className={`pay-amount__expiry${expired ? ' pay-amount__expiry--expired' : ''}`}>
          {expired ? '订单已超时，请重新投保' : `请在 ${formatCountdown(remaining)} 内完成支付`}
        </Text>
      </View>

      <View className="pay-details">
        <View className="pay-details__row">
          <Text className="pay-details__key">保险产品</Text>
          <Text className="pay-details__value">{order.productName}</Text>
        </View>
        <View className="pay-details__row">
          <Text className="pay-details__key">被保险人</Text>
          <Text className="pay-details__value">{order.insuredNameMasked}</Text>
        </View>
        <View className="pay-details__row">
          <Text className="pay-details__key">订单号</Text>
          <Text className="pay-details__value pay-order-no">{order.orderNo}</Text>
        </View>
      </View>

      {payable === false ? (
        <View className="pay-notice pay-notice--unsupported" role="alert">
          当前页面无法使用微信支付。请在微信中打开「小安保险」小程序完成支付，我们不会在此页面扣款。
        </View>
      ) : null}
      {payError ? (
        <View className="pay-notice" role="alert">
          {payError.message}
        </View>
      ) : null}

      <Button
        className={`button button--primary pay-button${disabled ? ' button--disabled' : ''}`}
        disabled={disabled}
        onClick={() => void pay()}
      >
        {paying ? '正在支付…' : `微信支付 ${formatCny(order.amountFen)}`}
      </Button>
      <Text className="pay-page__note">支付成功后保单即时生成；如未能出单，保费将原路全额退回。</Text>
    </View>
  );
}
