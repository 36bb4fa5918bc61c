import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type PolicyVerification } from '@xiaoan/shared';
import { useState } from 'react';
import { verifyPolicy } from '../../../features/policy/api/policy.api';
import { POLICY_STATUS_META } from '../../../features/policy/policy-status';
import { ApiError, isApiError } from '../../../services/api-error';
import { formatShanghaiDate, formatShanghaiDateTime } from '../../../utils/shanghai-date';
import './index.scss';

type VerifyState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'found'; policy: PolicyVerification }
  | { status: 'not_found'; message: string }
  | { status: 'error'; error: ApiError };

function FoundPolicy({ policy }: { policy: PolicyVerification }) {
  const rows: [string, string][] = [
    ['保单号', policy.policyNo],
    ['保险产品', policy.productName],
    ['承保公司', policy.insurerName],
    ['产品备案编号', policy.filingNo],
    ['被保险人', policy.insuredNameMasked],
    ['保单状态', POLICY_STATUS_META[policy.status].label],
    ['保险期间', `${formatShanghaiDate(policy.coverStart)} 至 ${formatShanghaiDate(policy.coverEnd)}`],
    ['签发时间', formatShanghaiDateTime(policy.issuedAt)],
  ];
  return (
    <View className="verify-result verify-result--found">
      <View className="verify-result__head">
        <Text className="verify-result__icon">✓</Text>
        <View>
          <Text className="verify-result__title">保单真实有效</Text>
          <Text className="verify-result__subtitle">以下为该保单的脱敏信息</Text>
        </View>
      </View>
      {rows.map(([label, value]) => (
        <View key={label} className="verify-result__row">
          <Text className="verify-result__label">{label}</Text>
          <Text className="verify-result__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 保单验真 (compliance row 9): anyone holding a policy number and the insured's name can check
 * that the policy is real. Public, no login; the answer is masked.
 */
export default function VerifyPage() {
  const { params } = useRouter();
  const [policyNo, setPolicyNo] = useState(params.policyNo ?? '');
  const [name, setName] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [state, setState] = useState<VerifyState>({ status: 'idle' });

  const submit = async () => {
    const no = policyNo.trim();
    const insuredName = name.trim();
    if (no.length < 6 || no.length > 32) {
      setFormError('请输入正确的保单号');
      return;
    }
    if (!insuredName) {
      setFormError('请输入被保险人姓名');
      return;
    }
    setFormError(null);
    setState({ status: 'checking' });
    try {
      setState({ status: 'found', policy: await verifyPolicy(no, insuredName) });
    } catch (error) {
      const apiError = isApiError(error) ? error : ApiError.client('INVALID_RESPONSE');
      if (apiError.code === 'POLICY_NOT_FOUND') setState({ status: 'not_found', message: apiError.message });
      else setState({ status: 'error', error: apiError });
    }
  };

  return (
    <View className="page verify-page">
      <View className="verify-intro">
        <Text className="verify-intro__title">保单真伪查询</Text>
        <Text className="verify-intro__body">输入保单号和被保险人姓名，查验保单是否由持牌保险公司真实签发。</Text>
      </View>

      <View className="verify-form">
        <View className="verify-form__field">
          <Text className="verify-form__label">保单号</Text>
          <Input
            className="verify-form__input verify-form__policy-no"
            value={policyNo}
            placeholder="请输入保单号"
            maxlength={32}
            onInput={(event) => setPolicyNo(event.detail.value)}
          />
        </View>
        <View className="verify-form__field">
          <Text className="verify-form__label">被保险人</Text>
          <Input
            className="verify-form__input verify-form__name"
            value={name}
            placeholder="请输入被保险人姓名"
            maxlength={30}
            onInput={(event) => setName(event.detail.value)}
          />
        </View>
        {formError ? <Text className="verify-form__error">{formError}</Text> : null}
        <Button
          className={`button button--primary verify-submit${state.status === 'checking' ? ' button--disabled' : ''}`}
          disabled={state.status === 'checking'}
          onClick={() => void submit()}
        >
          {state.status === 'checking' ? '查询中…' : '立即验真'}
        </Button>
      </View>

      {state.status === 'found' ? <FoundPolicy policy={state.policy} /> : null}
      {state.status === 'not_found' ? (
        <View className="verify-result verify-result--not-found" role="alert">
          <Text className="verify-result__title">未查到该保单</Text>
          <Text className="verify-result__subtitle">{state.message}</Text>
          <Text className="verify-result__subtitle">
            如对保单真实性有疑问，请勿支付任何费用，并联系承保公司客服核实。
          </Text>
        </View>
      ) : null}
      {state.status === 'error' ? (
        <View className="verify-result verify-result--error" role="alert">
          <Text className="verify-result__subtitle">{state.error.message}</Text>
        </View>
      ) : null}
    </View>
  );
}
