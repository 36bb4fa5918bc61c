import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCny, type OrderSummary } from '@xiaoan/shared';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ListError, ListLoading } from '../../../components/list-states/list-states';
import { fetchMyOrders } from '../../../features/order/api/order.api';
import { ORDER_STATUS_META } from '../../../features/order/order-status';
import { useShownList } from '../../../hooks/use-shown-list';
import { HOME_PAGE, payPageUrl, policyDetailUrl } from '../../../routes';
import { formatShanghaiDateTime } from '../../../utils/shanghai-date';
import './index.scss';

function OrderCard({ order }: { order: OrderSummary }) {
  const meta = ORDER_STATUS_META[order.status];
  const payable = order.payable;
  const open = () => {
    if (order.policyNo) void Taro.navigateTo({ url: policyDetailUrl(order.policyNo) });
  };
  return (
    <View
      className={`order-card order-card--${meta.tone}`}
      data-order-no={order.orderNo}
      data-status={order.status}
      onClick={open}
    >
      <View className="order-card__head">
        <Text className="order-card__product">{order.productName}</Text>
        <Text className={`order-card__status order-card__status--${meta.tone}`}>
          {payable || order.status !== 'pending_payment' ? meta.label : '已超时'}
        </Text>
      </View>
      <Text className="order-card__subject">{order.subject}</Text>
      <View className="order-card__row">
        <Text className="order-card__key">被保险人 {order.insuredNameMasked}</Text>
        <Text className="order-card__amount">{formatCny(order.amountFen)}</Text>
      </View>
      <Text className="order-card__time">下单时间 {formatShanghaiDateTime(order.createdAt)}</Text>
      {order.statusReason ? <Text className="order-card__reason">{order.statusReason}</Text> : null}
      {payable ? (
        <Button
          className="button button--primary order-card__pay"
          onClick={(event) => {
            event.stopPropagation?.();
            void Taro.navigateTo({ url: payPageUrl(order.id) });
          }}
        >
          继续支付
        </Button>
      ) : null}
      {order.policyNo ? <Text className="order-card__policy">查看保单 ›</Text> : null}
    </View>
  );
}

/** 我的 → 我的订单: every order, including unpaid (继续支付), refunded and closed ones with the reason. */
export default function OrdersPage() {
  const { state, retry } = useShownList(fetchMyOrders);
  switch (state.status) {
    case 'loading':
      return (
        <View className="page orders">
          <ListLoading text="正在加载订单…" />
        </View>
      );
    case 'error':
      return (
        <View className="page orders">
          <ListError error={state.error} wechatTitle="请在微信中查看订单" onRetry={retry} />
        </View>
      );
    case 'success':
      if (state.items.length === 0) {
        return (
          <View className="page orders">
            <EmptyState
              icon="🧾"
              title="还没有订单"
              description="投保下单后，订单会显示在这里"
              actionText="去看看保障"
              onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
            />
          </View>
        );
      }
      return (
        <View className="page orders">
          {state.items.map((order) => (
            <OrderCard key={order.id} order={order} />
          ))}
        </View>
      );
  }
}
