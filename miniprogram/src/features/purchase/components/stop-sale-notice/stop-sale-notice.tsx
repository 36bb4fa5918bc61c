import { Button, Text, View } from '@tarojs/components';
import type { ApiError } from '../../../../services/api-error';
import { quoteRefusalOf } from '../../stop-sale';
import './stop-sale-notice.scss';

export interface StopSaleNoticeProps {
  error: ApiError;
  /** Pick another flight, city, spot, date or season. */
  onChangeSubject: () => void;
  /** The words on that button: 换个航班, 换个城市, 换个日期, 改投下一季… */
  changeSubjectText: string;
  onRetry: () => void;
}

/** Why this cannot be insured right now, in the BFF's words, and what to do instead. */
export function StopSaleNotice({ error, onChangeSubject, changeSubjectText, onRetry }: StopSaleNoticeProps) {
  const refusal = quoteRefusalOf(error.code);
  return (
    <View className="quote-error" data-code={error.code} role="alert">
      <View className="quote-error__icon">{refusal.icon}</View>
      <Text className="quote-error__title">{refusal.title}</Text>
      <Text className="quote-error__message">{error.message}</Text>
      {refusal.recovery === 'change_subject' ? (
        <Button className="button button--ghost quote-error__action" onClick={onChangeSubject}>
          {changeSubjectText}
        </Button>
      ) : null}
      {refusal.recovery === 'retry' ? (
        <Button className="button button--ghost quote-error__action" onClick={onRetry}>
          重新报价
        </Button>
      ) : null}
    </View>
  );
}
