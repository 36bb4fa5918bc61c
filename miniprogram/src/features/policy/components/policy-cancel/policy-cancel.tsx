import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCny, type PolicyDetail, type RefundStatus } from '@xiaoan/shared';
import { useRef, useState } from 'react';
import { cancelPolicy } from '../../api/policy.api';
import { CLIENT_ERROR_MESSAGES, isApiError } from '../../../../services/api-error';
import { formatShanghaiDateTime } from '../../../../utils/shanghai-date';
import './policy-cancel.scss';

export interface PolicyCancelProps {
  policy: PolicyDetail;
  /** The policy as the BFF answered the cancellation (cancelled, with its refund). */
  onCancelled: (policy: PolicyDetail) => void;
}

const REFUND_STATUS_TEXT: Record<RefundStatus, string> = {
  pending: '退款处理中',
  processing: '退款处理中',
  succeeded: '已退款',
  closed: '退款未成功，客服将尽快联系您处理',
  abnormal: '退款未成功，客服将尽快联系您处理',
};

/** The refund of a cancelled policy's premium, as WeChat Pay reports it. */
export function PremiumRefundCard({ policy }: { policy: PolicyDetail }) {
  const { refund } = policy;
  if (!refund) return null;
  const done = refund.status === 'succeeded';
  const failed = refund.status === 'closed' || refund.status === 'abnormal';
  return (
    <>
      <View className="section-title">退款</View>
      <View
        className={`policy-refund policy-refund--${done ? 'done' : failed ? 'failed' : 'pending'}`}
        data-refund-status={refund.status}
      >
        <View className="policy-refund__head">
          <Text className="policy-refund__status">{REFUND_STATUS_TEXT[refund.status]}</Text>
          <Text className="policy-refund__amount">{formatCny(refund.amountFen)}</Text>
        </View>
        <Text className="policy-refund__reason">{refund.reason}</Text>
        <Text className="policy-refund__time">
          {done && refund.completedAt
            ? `${formatShanghaiDateTime(refund.completedAt)} 已原路退回微信支付`
            : `${formatShanghaiDateTime(refund.requestedAt)} 申请，预计 1–3 个工作日原路退回`}
        </Text>
      </View>
    </>
  );
}

/**
 * 退保: one tap, a confirmation that states the amount, then the BFF's answer. While cover has not
 * started the whole premium goes back; afterwards the reason it cannot be done is shown instead.
 */
export function PolicyCancel({ policy, onCancelled }: PolicyCancelProps) {
  const busy = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  if (policy.status !== 'active') return null;
  const { cancellation } = policy;

  if (!cancellation.available) {
    return cancellation.unavailableReason ? (
      <View className="policy-cancel policy-cancel--closed">
        <Text className="policy-cancel__title">退保</Text>
        <Text className="policy-cancel__note">{cancellation.unavailableReason}</Text>
      </View>
    ) : null;
  }

  const cancel = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const { confirm } = await Taro.showModal({
        title: '确认退保',
        content: `退保后保障立即终止，保费${formatCny(cancellation.refundFen)}将全额原路退回您的微信支付账户。`,
        confirmText: '确认退保',
        cancelText: '再想想',
      });
      if (!confirm) return;
      setSubmitting(true);
      const cancelled = await cancelPolicy(policy.policyNo);
      onCancelled(cancelled);
      void Taro.showToast({ title: '已退保，退款处理中', icon: 'none' }).catch(() => undefined);
    } catch (error) {
      void Taro.showToast({
        title: isApiError(error) ? error.message : CLIENT_ERROR_MESSAGES.NETWORK_ERROR,
        icon: 'none',
      }).catch(() => undefined);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };

  return (
    <View className="policy-cancel">
      <View className="policy-cancel__text">
        <Text className="policy-cancel__title">不需要这份保障了？</Text>
        <Text className="policy-cancel__note">
          {cancellation.deadline ? `${formatShanghaiDateTime(cancellation.deadline)}前` : '保障开始前'}可退保，保费
          {formatCny(cancellation.refundFen)}全额退回
        </Text>
      </View>
      <Button
        className="button button--ghost policy-cancel__button"
        disabled={submitting}
        onClick={() => void cancel()}
      >
        {submitting ? '正在退保…' : '退保'}
      </Button>
    </View>
  );
}
