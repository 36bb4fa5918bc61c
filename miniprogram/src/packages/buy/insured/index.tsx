import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, maskIdNumber, type CreateOrderRequest, type Quote } from '@xiaoan/shared';
import { useRef, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { FlightRoute } from '../../../components/flight-route/flight-route';
import { createOrder } from '../../../features/purchase/api/purchase.api';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { useTrailPage } from '../../../features/purchase/hooks/use-trail-page';
import {
  normaliseInsured,
  serverFieldErrors,
  validateInsured,
  validateInsuredField,
  type InsuredErrors,
  type InsuredField,
  type InsuredValues,
} from '../../../features/purchase/insured-form';
import { purchaseDraft } from '../../../features/purchase/purchase-draft';
import { purchaseFlowOf, type PurchaseFlow } from '../../../features/purchase/purchase-flow';
import { describeWeatherSubject, payoutLabelOf, weatherTriggerText } from '../../../features/weather/weather-subject';
import { agreeToCurrentTerms } from '../../../features/legal/consent.api';
import { legalPageUrl, payPageUrl, productPageUrl } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import { randomUuid } from '../../../services/id';
import { salesTrail } from '../../../services/trail';
import { formatLocalDate } from '../../../utils/shanghai-date';
import './index.scss';

type Relation = 'self' | 'other';

const RELATION_HINT: Record<PurchaseFlow, Record<Relation, string>> = {
  flight: {
    self: '请填写您本人的信息，须与登机所用证件一致。',
    other: '被保险人须为该航班的实际乘机人，请确认已征得其同意，并填写其本人信息。',
  },
  heat: {
    self: '请填写您本人的信息，须与身份证件一致。',
    other: '请确认已征得被保险人同意，并填写其本人信息。',
  },
  rain: {
    self: '请填写您本人的信息，须与身份证件一致；保单按投保人数赔付。',
    other: '请确认已征得被保险人同意，并填写其本人信息；保单按投保人数赔付。',
  },
};

/** What is being bought: the flight's route, or the city-season / spot-day with its trigger. */
function OrderSummary({ quote }: { quote: Quote }) {
  if (quote.flight) {
    return (
      <View className="order-summary">
        <View className="order-summary__head">
          <Text className="order-summary__product">{quote.productName}</Text>
          <Text className="order-summary__date">{formatLocalDate(quote.flight.flightDate)}</Text>
        </View>
        <FlightRoute flight={quote.flight} compact />
        <View className="order-summary__facts">
          <Text>
            赔付 <Text className="order-summary__strong">{formatCny(quote.payoutFen)}</Text>
          </Text>
          <Text>延误≥{quote.delayThresholdMinutes ?? '—'}分钟 / 取消 / 备降</Text>
        </View>
      </View>
    );
  }
  const subject = quote.weather;
  const lines = subject ? describeWeatherSubject(subject) : null;
  return (
    <View className="order-summary order-summary--weather">
      <View className="order-summary__head">
        <Text className="order-summary__product">{quote.productName}</Text>
      </View>
      {subject && lines ? (
        <View className="order-summary__subject">
          <Text className="order-summary__subject-title">{lines.title}</Text>
          <Text className="order-summary__subject-detail">{lines.detail}</Text>
          <Text className="order-summary__trigger">{weatherTriggerText(subject)}</Text>
        </View>
      ) : null}
      <View className="order-summary__facts">
        <Text>
          {payoutLabelOf(subject)} <Text className="order-summary__strong">{formatCny(quote.payoutFen)}</Text>
        </Text>
        <Text>第 {quote.productVersion} 版条款</Text>
      </View>
    </View>
  );
}

interface Banner {
  message: string;
  action?: { text: string; run: () => void };
}

interface FieldProps {
  field: InsuredField;
  label: string;
  value: string;
  placeholder: string;
  error?: string;
  type?: 'text' | 'idcard' | 'number';
  maxlength: number;
  hint?: string;
  onChange: (field: InsuredField, value: string) => void;
  onBlur: (field: InsuredField) => void;
}

const FIELD_CLASS: Record<InsuredField, string> = {
  name: 'insured-form__name',
  idNumber: 'insured-form__id',
  phone: 'insured-form__phone',
};

function Field({ field, label, value, placeholder, error, type = 'text', maxlength, hint, onChange, onBlur }: FieldProps) {
  return (
    <View className={`insured-form__field${error ? ' insured-form__field--invalid' : ''}`}>
      <View className="insured-form__row">
        <Text className="insured-form__label">{label}</Text>
        <Input
          className={`insured-form__input ${FIELD_CLASS[field]}`}
          type={type}
          value={value}
          placeholder={placeholder}
          maxlength={maxlength}
          onInput={(event) => onChange(field, event.detail.value)}
          onBlur={() => onBlur(field)}
        />
      </View>
      {error ? (
        <Text className="insured-form__error" data-field={field}>
          {error}
        </Text>
      ) : hint ? (
        <Text className="insured-form__hint">{hint}</Text>
      ) : null}
    </View>
  );
}

export default function InsuredPage() {
  const { params } = useRouter();
  useTrailPage('insured');
  const [draft] = useState(() => purchaseDraft.get());
  const [relation, setRelation] = useState<Relation>('self');
  const [values, setValues] = useState<InsuredValues>({ name: '', idNumber: '', phone: '' });
  const [errors, setErrors] = useState<InsuredErrors>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const consentRecorded = useRef(false);
  /** One key per distinct submission; a retry of the same body reuses it (no second order). */
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  if (!draft || draft.quote.id !== params.quoteId) {
    return (
      <View className="page insured-page">
        <EmptyState
          icon="⏱️"
          title="报价已失效"
          description="请返回重新选择保障并获取报价"
          actionText="返回"
          onAction={() => void Taro.navigateBack()}
        />
      </View>
    );
  }
  const { quote } = draft;
  const flow = purchaseFlowOf(quote);

  const change = (field: InsuredField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const blur = (field: InsuredField) => {
    if (!values[field]) return;
    setErrors((current) => ({ ...current, [field]: validateInsuredField(field, values[field]) }));
  };

  const handleOrderError = (error: ApiError) => {
    switch (error.code) {
      case 'ID_NUMBER_INVALID':
      case 'DUPLICATE_INSURED_ON_FLIGHT':
      case 'DUPLICATE_INSURED_ON_PLACE':
        setErrors((current) => ({ ...current, idNumber: error.message }));
        return;
      case 'INSURED_ORDER_PENDING': {
        // The same person already has an order awaiting payment: when it is ours, offer to pay it.
        setErrors((current) => ({ ...current, idNumber: error.message }));
        const pending = (error.details as { orderId?: unknown } | undefined)?.orderId;
        if (typeof pending === 'string') {
          setBanner({ message: '您已为该被保险人下过一笔待支付订单', action: { text: '去支付', run: () => void Taro.redirectTo({ url: payPageUrl(pending) }) } });
        }
        return;
      }
      case 'VALIDATION_FAILED': {
        const fieldErrors = serverFieldErrors(error.details);
        setErrors((current) => ({ ...current, ...fieldErrors }));
        if (Object.keys(fieldErrors).length === 0) setBanner({ message: error.message });
        return;
      }
      case 'QUOTE_EXPIRED':
      case 'QUOTE_NOT_FOUND':
        setBanner({ message: error.message, action: { text: '重新报价', run: () => void Taro.navigateBack() } });
        return;
      case 'EXCLUSIONS_NOT_READ':
        setBanner({
          message: error.message,
          action: { text: '阅读免责条款', run: () => void Taro.redirectTo({ url: productPageUrl(quote.productCode) }) },
        });
        return;
      default:
        setBanner({ message: error.message });
    }
  };

  const submit = async () => {
    if (submitting) return;
    const found = validateInsured(values);
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: '请检查被保险人信息', icon: 'none' });
      return;
    }
    // Consent before personal information leaves the phone (compliance row 8); never pre-ticked.
    if (!agreed) {
      void Taro.showToast({ title: '请先阅读并同意《用户协议》和《隐私政策》', icon: 'none' });
      return;
    }
    const insured = normaliseInsured(values);
    const identity = JSON.stringify({ quoteId: quote.id, insured });
    if (idempotency.current?.body !== identity) idempotency.current = { body: identity, key: randomUuid() };

    salesTrail.record('form_submitted', 'insured', relation === 'self' ? '为本人投保' : '为他人投保');
    const body: CreateOrderRequest = {
      quoteId: quote.id,
      insured,
      exclusionsReadVersion: draft.exclusionsReadVersion,
      salesTrail: salesTrail.eventsForOrder(),
    };
    setSubmitting(true);
    try {
      if (!consentRecorded.current) {
        await agreeToCurrentTerms();
        consentRecorded.current = true;
      }
      const order = await createOrder(body, idempotency.current.key);
      salesTrail.attachOrder(order.id);
      purchaseDraft.saveOrder(order);
      void Taro.navigateTo({ url: payPageUrl(order.id) });
    } catch (error) {
      handleOrderError(isApiError(error) ? error : ApiError.client('INVALID_RESPONSE'));
    } finally {
      setSubmitting(false);
    }
  };

  const idPreview = !errors.idNumber && validateInsuredField('idNumber', values.idNumber) === undefined
    ? `保单上将显示为 ${maskIdNumber(values.idNumber.trim().toUpperCase())}`
    : undefined;

  return (
    <View className="page insured-page insured-page--with-bar">
      <PurchaseSteps flow={flow} current={2} />

      <OrderSummary quote={quote} />

      <View className="section-title">被保险人信息</View>
      <View className="insured-relation">
        {(['self', 'other'] as const).map((option) => (
          <View
            key={option}
            className={`insured-relation__option${relation === option ? ' insured-relation__option--selected' : ''}`}
            data-relation={option}
            onClick={() => setRelation(option)}
          >
            {option === 'self' ? '为本人投保' : '为他人投保'}
          </View>
        ))}
      </View>
      <Text className="insured-relation__hint">{RELATION_HINT[flow][relation]}</Text>

      {banner ? (
        <View className="insured-form__banner" role="alert">
          <Text className="insured-form__banner-text">{banner.message}</Text>
          {banner.action ? (
            <Text className="insured-form__banner-action" onClick={banner.action.run}>
              {banner.action.text}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="insured-form">
        <Field field="name" label="姓名" value={values.name} placeholder="与身份证一致" error={errors.name} maxlength={30} onChange={change} onBlur={blur} />
        <Field
          field="idNumber"
          label="身份证号"
          type="idcard"
          value={values.idNumber}
          placeholder="18位居民身份证号码"
          error={errors.idNumber}
          maxlength={18}
          hint={idPreview}
          onChange={change}
          onBlur={blur}
        />
        <Field field="phone" label="手机号" type="number" value={values.phone} placeholder="用于接收保单和理赔通知" error={errors.phone} maxlength={11} onChange={change} onBlur={blur} />
      </View>
      <Text className="insured-page__privacy">身份证号仅用于投保、核保和理赔，加密存储，页面上只显示脱敏信息。</Text>

      <View
        className={`insured-consent${agreed ? ' insured-consent--checked' : ''}`}
        role="checkbox"
        aria-checked={agreed}
        onClick={() => setAgreed((value) => !value)}
      >
        <Text className="insured-consent__box">{agreed ? '✓' : ''}</Text>
        <Text className="insured-consent__text">
          我已阅读并同意
          <Text
            className="insured-consent__link"
            onClick={(event) => {
              event.stopPropagation();
              void Taro.navigateTo({ url: legalPageUrl('terms') });
            }}
          >
            《用户协议》
          </Text>
          和
          <Text
            className="insured-consent__link"
            onClick={(event) => {
              event.stopPropagation();
              void Taro.navigateTo({ url: legalPageUrl('privacy') });
            }}
          >
            《隐私政策》
          </Text>
        </Text>
      </View>

      <View className="insured-bar">
        <View className="insured-bar__price">
          <Text className="insured-bar__label">保费</Text>
          <Text className="insured-bar__amount">{formatCny(quote.premiumFen)}</Text>
        </View>
        <Button
          className={`button button--primary submit-order${submitting ? ' button--disabled' : ''}`}
          disabled={submitting}
          onClick={() => void submit()}
        >
          {submitting ? '提交中…' : '提交订单'}
        </Button>
      </View>
    </View>
  );
}
