import { Button, Text, View } from '@tarojs/components';
import { formatCny } from '@xiaoan/shared';
import { formatShanghaiTimelineTime } from '../../../../utils/shanghai-date';
import './red-packet.scss';

/**
 * closed: ready to open (拆); opening: collect + WeChat's receive sheet in progress;
 * settling: confirmed, waiting for WeChat's notification (到账中); timeout: still no notification;
 * paid: the BFF says paid; unavailable: an envelope that cannot be opened now.
 */
export type RedPacketPhase = 'closed' | 'opening' | 'settling' | 'timeout' | 'paid' | 'unavailable';

export interface RedPacketNotice {
  tone: 'error' | 'info';
  message: string;
  requestId?: string;
}

export interface RedPacketProps {
  /** What this envelope is about: the amount to collect, on its way, or paid (see useClaimCollect). */
  amountFen: number;
  headline: string;
  phase: RedPacketPhase;
  /** The line above the amount on a closed envelope, e.g. 航班延误，赔款已备好. */
  greeting?: string;
  /** A re-offer after a failed or expired transfer: the button says 重新领取. */
  recollect?: boolean;
  /**
   * Collected before and more has accrued since (HEAT37): the button says 再领 ¥x and the lid
   * what was already received.
   */
  again?: { paidFen: number } | null;
  /** A claim still growing (高温补贴继续累计中), or capped: shown under a paid or unavailable envelope. */
  accruingText?: string | null;
  paidAt?: string | null;
  /** Why it cannot be opened, for `unavailable`. */
  unavailableText?: string;
  notice?: RedPacketNotice | null;
  onOpen: () => void;
  onRefresh?: () => void;
  /** The envelope's brand line; a campaign reward is not a claim (default 小安保险 · 理赔红包). */
  brand?: string;
  /** What the money is called in the captions: 赔款 (default) or 奖励. */
  noun?: string;
}

function Letter({
  phase,
  amountFen,
  paidAt,
  onRefresh,
  accruingText,
  noun = '赔款',
}: Pick<RedPacketProps, 'phase' | 'amountFen' | 'paidAt' | 'onRefresh' | 'accruingText' | 'noun'>) {
  if (phase === 'paid') {
    return (
      <View className="red-packet__letter">
        <View className="red-packet__paid-icon">✓</View>
        <Text className="red-packet__paid-title">已到账</Text>
        <Text className="red-packet__letter-amount">{formatCny(amountFen)}</Text>
        <Text className="red-packet__letter-note">
          已存入微信零钱{paidAt ? ` · ${formatShanghaiTimelineTime(paidAt)}` : ''}
        </Text>
        {accruingText ? <Text className="red-packet__accruing">{accruingText}</Text> : null}
      </View>
    );
  }
  return (
    <View className="red-packet__letter">
      {phase === 'timeout' ? (
        <View className="red-packet__wait-icon">…</View>
      ) : (
        <View className="red-packet__spinner" />
      )}
      <Text className="red-packet__settling-title">{phase === 'timeout' ? '到账确认中' : '到账中…'}</Text>
      <Text className="red-packet__letter-amount red-packet__letter-amount--pending">{formatCny(amountFen)}</Text>
      <Text className="red-packet__letter-note">
        {phase === 'timeout' ? '微信到账通知可能稍有延迟，稍后刷新即可查看' : `${noun}正在转入微信零钱，请稍候`}
      </Text>
      {phase === 'timeout' && onRefresh ? (
        <Button className="button red-packet__refresh" onClick={onRefresh}>
          刷新到账结果
        </Button>
      ) : null}
    </View>
  );
}

/** The payout as WeChat users know it: a red envelope with a gold 拆, opened into 已到账. */
export function RedPacket(props: RedPacketProps) {
  const {
    amountFen,
    headline,
    phase,
    recollect = false,
    again = null,
    notice,
    onOpen,
    brand = '小安保险 · 理赔红包',
    noun = '赔款',
  } = props;
  const opened = phase === 'settling' || phase === 'timeout' || phase === 'paid';
  const canOpen = phase === 'closed';
  const caption =
    phase === 'opening'
      ? '正在打开…'
      : phase === 'unavailable'
        ? (props.accruingText ?? props.unavailableText ?? '暂不可领取')
        : `点「拆」领取，${noun}直接转入微信零钱`;
  const showRecollect = recollect && phase === 'closed';
  const showAgain = !recollect && again !== null && phase === 'closed';
  const greeting = recollect ? `上次领取未完成，${noun}仍为您保留` : (props.greeting ?? `${noun}已备好`);

  return (
    <View
      className={`red-packet red-packet--${phase}${opened ? ' red-packet--opened' : ''}${showAgain ? ' red-packet--again' : ''}`}
      data-phase={phase}
    >
      <View className="red-packet__envelope">
        {opened ? (
          <>
            <View className="red-packet__flap red-packet__flap--open">
              <Text className="red-packet__brand">{brand}</Text>
            </View>
            <Letter {...props} />
            <View className="red-packet__pocket">
              <Text className="red-packet__pocket-text">{headline}</Text>
            </View>
          </>
        ) : (
          <>
            <View className="red-packet__flap">
              <Text className="red-packet__brand">{brand}</Text>
              <Text className="red-packet__greeting">{greeting}</Text>
              <Text className="red-packet__amount">{formatCny(amountFen)}</Text>
              <Text className="red-packet__headline">{headline}</Text>
              {showAgain && again ? (
                <Text className="red-packet__already">已领取 {formatCny(again.paidFen)}</Text>
              ) : null}
            </View>
            {phase === 'unavailable' ? null : (
              <Button
                className={`red-packet__open${canOpen ? '' : ' red-packet__open--busy'}`}
                aria-label="拆红包"
                disabled={!canOpen}
                onClick={canOpen ? onOpen : undefined}
              >
                拆
              </Button>
            )}
            <View className="red-packet__bottom">
              {showRecollect ? (
                <Button className="red-packet__recollect" onClick={onOpen}>
                  重新领取
                </Button>
              ) : showAgain ? (
                <Button className="red-packet__recollect red-packet__again" onClick={onOpen}>
                  再领 {formatCny(amountFen)}
                </Button>
              ) : (
                <Text className="red-packet__caption">{caption}</Text>
              )}
            </View>
          </>
        )}
      </View>
      {notice ? (
        <View
          className={`red-packet__notice red-packet__notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          <Text className="red-packet__notice-message">{notice.message}</Text>
        </View>
      ) : null}
    </View>
  );
}
