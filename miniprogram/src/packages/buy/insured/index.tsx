import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  formatCny,
  ID_TYPE_LABELS,
  maskDocumentNumber,
  RELATIONSHIP_LABELS,
  type CreateOrderRequest,
  type IdType,
  type InsuredRelationship,
  type Quote,
  type SavedInsured,
} from '@xiaoan/shared';
import { useEffect, useRef, useState } from 'react';
import { exchangePhoneCode, fetchSavedInsureds } from '../../../features/insured/api/saved-insureds.api';
import { currentPlatform } from '../../../services/platform';
import { canUseSimulatedPhone, simulatedPhoneCode } from '../../../services/phone';
import { EmptyState } from '../../../components/empty-state/empty-state';
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
import { purchaseFlowOf } from '../../../features/purchase/purchase-flow';
import { productKindUi } from '../../../products';
// After products: the flight's folder loads flight-route's styles first, and the weapp build's shared CSS
// chunk warns when pages import the two style sheets in different orders.
import { OrderSummary } from '../../../features/purchase/components/order-summary/order-summary';
import { agreeToCurrentTerms } from '../../../features/legal/consent.api';
import { legalPageUrl, payPageUrl, productPageUrl } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import { randomUuid } from '../../../services/id';
import { salesTrail } from '../../../services/trail';
import './index.scss';

type Relation = 'self' | 'other';
type OtherRelation = Exclude<InsuredRelationship, 'self'>;
const OTHER_RELATIONS: readonly OtherRelation[] = ['spouse', 'child', 'parent', 'other'];
/** Flight cover takes the documents a passenger boards with; weather cover the 身份证. */
const SHORT_ID_LABELS: Record<IdType, string> = {
  id_card: '身份证',
  passport: '护照',
  hk_macao_permit: '港澳通行证',
  taiwan_permit: '台胞证',
};
const ID_PLACEHOLDERS: Record<IdType, string> = {
  id_card: '18位居民身份证号码',
  passport: '护照号码',
  hk_macao_permit: '如 H12345678',
  taiwan_permit: '8位通行证号码',
};

interface CompanionValues {
  name: string;
  idNumber: string;
  /** A 常用被保险人 picked for this person instead of typing (masked; the BFF fills in the identity). */
  picked: SavedInsured | null;
}

const emptyCompanion = (): CompanionValues => ({ name: '', idNumber: '', picked: null });

/** What is being bought, drawn by the quote's kind: by default its two lines and when it pays. */
function QuoteSummary({ quote }: { quote: Quote }) {
  const ui = productKindUi(quote.subject.kind);
  if (ui.OrderSummary) return <ui.OrderSummary quote={quote} />;
  const lines = ui.lines(quote.subject);
  return (
    <OrderSummary productName={quote.productName} payoutLabel={ui.payoutLabel} payoutFen={quote.payoutFen}>
      <View className="order-summary__subject">
        <Text className="order-summary__subject-title">{lines.title}</Text>
        <Text className="order-summary__subject-detail">{lines.detail}</Text>
        <Text className="order-summary__trigger">{ui.triggerText(quote.subject)}</Text>
      </View>
    </OrderSummary>
  );
}

/** 常用被保险人 chips (masked): one tap picks; a person already picked for another place is greyed. */
function SavedPicker({
  people,
  selectedId,
  takenIds,
  onPick,
}: {
  people: SavedInsured[];
  selectedId: string | undefined;
  takenIds: ReadonlySet<string>;
  onPick: (person: SavedInsured) => void;
}) {
  return (
    <View className="saved-insureds">
      <Text className="saved-insureds__title">常用被保险人</Text>
      <View className="saved-insureds__list">
        {people.map((person) => {
          const selected = selectedId === person.id;
          const taken = !selected && takenIds.has(person.id);
          return (
            <View
              key={person.id}
              className={`saved-insureds__chip${selected ? ' saved-insureds__chip--selected' : ''}${taken ? ' saved-insureds__chip--taken' : ''}`}
              aria-disabled={taken}
              onClick={() => onPick(person)}
            >
              <Text className="saved-insureds__name">{person.nameMasked}</Text>
              <Text className="saved-insureds__id">{person.idMasked}</Text>
            </View>
          );
        })}
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

function Field({
  field,
  label,
  value,
  placeholder,
  error,
  type = 'text',
  maxlength,
  hint,
  onChange,
  onBlur,
}: FieldProps) {
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
  const [otherRelation, setOtherRelation] = useState<OtherRelation | null>(null);
  const [idType, setIdType] = useState<IdType>('id_card');
  const [companions, setCompanions] = useState<CompanionValues[]>([]);
  const [companionErrors, setCompanionErrors] = useState<Record<number, Partial<Record<'name' | 'idNumber', string>>>>(
    {},
  );
  const [saveInsured, setSaveInsured] = useState(false);
  const [saved, setSaved] = useState<SavedInsured[]>([]);
  const [picked, setPicked] = useState<SavedInsured | null>(null);
  const [simulatedPhone, setSimulatedPhone] = useState(false);
  const consentRecorded = useRef(false);
  const persons = draft ? productKindUi(draft.quote.subject.kind).personsOf(draft.quote.subject) : 1;

  useEffect(() => {
    setCompanions((current) =>
      Array.from({ length: Math.max(0, persons - 1) }, (_, i) => current[i] ?? emptyCompanion()),
    );
  }, [persons]);
  useEffect(() => {
    // 常用被保险人 (masked): picked in one tap. A failure only means typing, never a blocked purchase.
    fetchSavedInsureds().then(setSaved, () => setSaved([]));
    // H5 in development: 使用微信手机号 through the simulator (the weapp has WeChat's own button).
    void canUseSimulatedPhone().then(setSimulatedPhone);
  }, []);
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
  /** Weather cover takes a 身份证: a saved passport holder is offered for flight cover only. */
  const { idTypes } = productKindUi(flow);
  const pickable = saved.filter((person) => idTypes.includes(person.idType));
  /** Each saved person covers one place on the order: who is already picked for another one. */
  const pickedIds = new Set(
    [picked?.id, ...companions.map((companion) => companion.picked?.id)].filter((id): id is string => !!id),
  );

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
      case 'DOCUMENT_NUMBER_INVALID':
      case 'INSURED_NOT_ADULT':
      case 'ID_TYPE_NOT_ACCEPTED':
      case 'DUPLICATE_INSURED_ON_FLIGHT':
      case 'DUPLICATE_INSURED_ON_PLACE':
        setErrors((current) => ({ ...current, idNumber: error.message }));
        return;
      case 'INSURED_ORDER_PENDING': {
        // The same person already has an order awaiting payment: when it is ours, offer to pay it.
        setErrors((current) => ({ ...current, idNumber: error.message }));
        const pending = (error.details as { orderId?: unknown } | undefined)?.orderId;
        if (typeof pending === 'string') {
          setBanner({
            message: '您已为该被保险人下过一笔待支付订单',
            action: { text: '去支付', run: () => void Taro.redirectTo({ url: payPageUrl(pending) }) },
          });
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

  const pick = (person: SavedInsured) => {
    if (picked?.id === person.id) {
      setPicked(null);
      return;
    }
    if (pickedIds.has(person.id)) return;
    setPicked(person);
    setErrors({});
    if (person.relationship === 'self') setRelation('self');
    else {
      setRelation('other');
      setOtherRelation(person.relationship);
    }
  };

  const fillPhone = async (code: string | undefined) => {
    if (!code) return;
    try {
      change('phone', await exchangePhoneCode(code));
    } catch {
      void Taro.showToast({ title: '获取手机号失败，请手动填写', icon: 'none' });
    }
  };

  const fillPhoneOfWeChat = async () => {
    let code: string;
    try {
      code = await simulatedPhoneCode();
    } catch {
      void Taro.showToast({ title: '获取手机号失败，请手动填写', icon: 'none' });
      return;
    }
    await fillPhone(code);
  };

  /** A saved person for companion `index`, in one tap; tapping the picked one again goes back to typing. */
  const pickCompanion = (index: number, person: SavedInsured) => {
    const current = companions[index]?.picked;
    if (current?.id !== person.id && pickedIds.has(person.id)) return;
    setCompanions((all) =>
      all.map((companion, i) =>
        i === index ? { ...companion, picked: current?.id === person.id ? null : person } : companion,
      ),
    );
    setCompanionErrors((all) => ({ ...all, [index]: {} }));
  };

  const changeCompanion = (index: number, field: 'name' | 'idNumber', value: string) => {
    setCompanions((current) =>
      current.map((companion, i) => (i === index ? { ...companion, [field]: value } : companion)),
    );
    setCompanionErrors((current) => ({ ...current, [index]: { ...current[index], [field]: undefined } }));
  };

  const submit = async () => {
    if (submitting) return;
    // A picked saved person needs no typing; a phone typed here replaces the stored one.
    const fields = picked ? (values.phone || !picked.phoneMasked ? (['phone'] as const) : ([] as const)) : undefined;
    const found = validateInsured(values, idType, fields);
    const foundCompanions: Record<number, Partial<Record<'name' | 'idNumber', string>>> = {};
    companions.forEach((companion, index) => {
      if (companion.picked) return;
      const name = validateInsuredField('name', companion.name);
      const idNumber = validateInsuredField('idNumber', companion.idNumber);
      if (name || idNumber) foundCompanions[index] = { name, idNumber };
    });
    setErrors(found);
    setCompanionErrors(foundCompanions);
    setBanner(null);
    if (Object.keys(found).length > 0 || Object.keys(foundCompanions).length > 0) {
      void Taro.showToast({ title: '请检查被保险人信息', icon: 'none' });
      return;
    }
    if (relation === 'other' && !otherRelation) {
      void Taro.showToast({ title: '请选择被保险人是您的什么人', icon: 'none' });
      return;
    }
    // Consent before personal information leaves the phone (compliance row 8); never pre-ticked.
    if (!agreed) {
      void Taro.showToast({ title: '请先阅读并同意《用户协议》和《隐私政策》', icon: 'none' });
      return;
    }
    const relationship: InsuredRelationship = relation === 'self' ? 'self' : otherRelation!;
    const typed = normaliseInsured(values);
    const insured: CreateOrderRequest['insured'] = picked
      ? { savedId: picked.id, relationship, ...(typed.phone ? { phone: typed.phone } : {}) }
      : { ...typed, idType, relationship };
    const others: NonNullable<CreateOrderRequest['companions']> = companions.map((companion) =>
      companion.picked
        ? { savedId: companion.picked.id, relationship: companion.picked.relationship }
        : {
            name: companion.name.trim(),
            idNumber: companion.idNumber.trim().toUpperCase(),
            idType: 'id_card' as const,
            relationship: 'other' as const,
          },
    );
    const identity = JSON.stringify({ quoteId: quote.id, insured, others, saveInsured });
    if (idempotency.current?.body !== identity) idempotency.current = { body: identity, key: randomUuid() };

    salesTrail.record('form_submitted', 'insured', relation === 'self' ? '为本人投保' : '为他人投保');
    const body: CreateOrderRequest = {
      quoteId: quote.id,
      insured,
      ...(others.length > 0 ? { companions: others } : {}),
      exclusionsReadVersion: draft.exclusionsReadVersion,
      salesTrail: salesTrail.eventsForOrder(),
      saveInsured,
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

  const idPreview =
    !errors.idNumber && validateInsuredField('idNumber', values.idNumber, idType) === undefined
      ? `保单上将显示为 ${maskDocumentNumber(idType, values.idNumber.trim().toUpperCase().replace(/\s+/g, ''))}`
      : undefined;

  return (
    <View className="page insured-page insured-page--with-bar">
      <PurchaseSteps flow={flow} current={2} />

      <QuoteSummary quote={quote} />

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
      <Text className="insured-relation__hint">{productKindUi(flow).relationHint[relation]}</Text>
      {relation === 'other' ? (
        <View className="insured-kin">
          <Text className="insured-kin__label">被保险人是您的</Text>
          {OTHER_RELATIONS.map((option) => (
            <View
              key={option}
              className={`insured-kin__option${otherRelation === option ? ' insured-kin__option--selected' : ''}`}
              data-kin={option}
              onClick={() => setOtherRelation(option)}
            >
              {RELATIONSHIP_LABELS[option]}
            </View>
          ))}
        </View>
      ) : null}

      {pickable.length > 0 ? (
        <SavedPicker people={pickable} selectedId={picked?.id} takenIds={pickedIds} onPick={pick} />
      ) : null}

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
        {picked ? (
          <View className="insured-form__picked">
            <Text className="insured-form__picked-text">
              {picked.nameMasked} · {ID_TYPE_LABELS[picked.idType]} {picked.idMasked}
            </Text>
            <Text className="insured-form__picked-change" onClick={() => setPicked(null)}>
              改为填写
            </Text>
          </View>
        ) : (
          <>
            {idTypes.length > 1 ? (
              <View className="insured-idtype">
                {idTypes.map((option) => (
                  <View
                    key={option}
                    className={`insured-idtype__option${idType === option ? ' insured-idtype__option--selected' : ''}`}
                    data-idtype={option}
                    onClick={() => {
                      setIdType(option);
                      setErrors((current) => ({ ...current, idNumber: undefined }));
                    }}
                  >
                    {SHORT_ID_LABELS[option]}
                  </View>
                ))}
              </View>
            ) : null}
            <Field
              field="name"
              label="姓名"
              value={values.name}
              placeholder={idType === 'id_card' ? '与身份证一致' : '与证件一致，如 ZHANG SAN'}
              error={errors.name}
              maxlength={40}
              onChange={change}
              onBlur={blur}
            />
            <Field
              field="idNumber"
              label={idType === 'id_card' ? '身份证号' : '证件号码'}
              type={idType === 'id_card' ? 'idcard' : 'text'}
              value={values.idNumber}
              placeholder={ID_PLACEHOLDERS[idType]}
              error={errors.idNumber}
              maxlength={idType === 'id_card' ? 18 : 20}
              hint={idPreview}
              onChange={change}
              onBlur={(field) => {
                if (!values[field]) return;
                setErrors((current) => ({ ...current, [field]: validateInsuredField(field, values[field], idType) }));
              }}
            />
          </>
        )}
        <Field
          field="phone"
          label="手机号"
          type="number"
          value={values.phone}
          placeholder={picked?.phoneMasked ? `${picked.phoneMasked}（可不填）` : '用于接收保单和理赔通知'}
          error={errors.phone}
          maxlength={11}
          onChange={change}
          onBlur={blur}
        />
        {currentPlatform() === 'weapp' ? (
          <Button
            className="insured-form__wx-phone"
            openType="getPhoneNumber"
            onGetPhoneNumber={(event) => void fillPhone(event.detail.code)}
          >
            使用微信手机号
          </Button>
        ) : simulatedPhone ? (
          <Button className="insured-form__wx-phone" onClick={() => void fillPhoneOfWeChat()}>
            使用微信手机号
          </Button>
        ) : null}
      </View>

      {companions.map((companion, index) => (
        <View key={index} className="insured-form insured-companion" data-companion={index}>
          <Text className="insured-companion__title">第 {index + 2} 位被保险人</Text>
          {pickable.length > 0 ? (
            <SavedPicker
              people={pickable}
              selectedId={companion.picked?.id}
              takenIds={pickedIds}
              onPick={(person) => pickCompanion(index, person)}
            />
          ) : null}
          {companion.picked ? (
            <View className="insured-form__picked">
              <Text className="insured-form__picked-text">
                {companion.picked.nameMasked} · {ID_TYPE_LABELS[companion.picked.idType]} {companion.picked.idMasked}
              </Text>
              <Text className="insured-form__picked-change" onClick={() => pickCompanion(index, companion.picked!)}>
                改为填写
              </Text>
            </View>
          ) : (
            <>
              <View
                className={`insured-form__field${companionErrors[index]?.name ? ' insured-form__field--invalid' : ''}`}
              >
                <View className="insured-form__row">
                  <Text className="insured-form__label">姓名</Text>
                  <Input
                    className="insured-form__input insured-companion__name"
                    value={companion.name}
                    placeholder="与身份证一致"
                    maxlength={30}
                    onInput={(event) => changeCompanion(index, 'name', event.detail.value)}
                  />
                </View>
                {companionErrors[index]?.name ? (
                  <Text className="insured-form__error">{companionErrors[index]?.name}</Text>
                ) : null}
              </View>
              <View
                className={`insured-form__field${companionErrors[index]?.idNumber ? ' insured-form__field--invalid' : ''}`}
              >
                <View className="insured-form__row">
                  <Text className="insured-form__label">身份证号</Text>
                  <Input
                    className="insured-form__input insured-companion__id"
                    type="idcard"
                    value={companion.idNumber}
                    placeholder="18位居民身份证号码"
                    maxlength={18}
                    onInput={(event) => changeCompanion(index, 'idNumber', event.detail.value)}
                  />
                </View>
                {companionErrors[index]?.idNumber ? (
                  <Text className="insured-form__error">{companionErrors[index]?.idNumber}</Text>
                ) : null}
              </View>
            </>
          )}
        </View>
      ))}

      <View
        className={`insured-save${saveInsured ? ' insured-save--checked' : ''}`}
        role="checkbox"
        aria-checked={saveInsured}
        onClick={() => setSaveInsured((value) => !value)}
      >
        <Text className="insured-consent__box">{saveInsured ? '✓' : ''}</Text>
        <Text className="insured-save__text">保存为常用被保险人（加密保存，下次一键选择，可在「我的」中删除）</Text>
      </View>
      <Text className="insured-page__privacy">证件号码仅用于投保、核保和理赔，加密存储，页面上只显示脱敏信息。</Text>

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
