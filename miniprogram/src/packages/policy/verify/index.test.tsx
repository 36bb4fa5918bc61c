import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { fail, ok, stubApi } from '../../../../test/support/fake-api';
import { setRouterParams } from '../../../../test/shims/taro';
import VerifyPage from './index';

const verification = {
  policyNo: 'XAFD120202612010001',
  productName: '航班延误险',
  insurerName: '众安在线财产保险股份有限公司',
  filingNo: 'C00017932312021120823083',
  insuredNameMasked: '张*丰',
  status: 'active',
  coverStart: '2026-12-01T08:00:00+08:00',
  coverEnd: '2026-12-02T08:00:00+08:00',
  issuedAt: '2026-11-27T10:00:00+08:00',
};

const fillAndSubmit = (container: HTMLElement, policyNo: string, name: string) => {
  fireEvent.input(container.querySelector('.verify-form__policy-no')!, { target: { value: policyNo } });
  fireEvent.input(container.querySelector('.verify-form__name')!, { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: '立即验真' }));
};

describe('policy verification', () => {
  it('shows the masked facts of a real policy, without logging in', async () => {
    const api = stubApi({ 'GET /api/v1/policies/verify': () => ok(verification) });
    const { container } = render(<VerifyPage />);

    fillAndSubmit(container, 'XAFD120202612010001', '张三丰');

    expect(await screen.findByText('保单真实有效')).toBeInTheDocument();
    expect(container.querySelector('.verify-result--found')).toHaveTextContent('张*丰');
    expect(screen.getByText('C00017932312021120823083')).toBeInTheDocument();
    expect(screen.getByText('保障中')).toBeInTheDocument();
    const [call] = api.calls;
    expect(call?.query.get('policyNo')).toBe('XAFD120202612010001');
    expect(call?.query.get('insuredName')).toBe('张三丰');
    expect(call?.headers.Authorization).toBeUndefined();
  });

  it('says 未查到 when the policy number and name do not match a policy', async () => {
    stubApi({
      'GET /api/v1/policies/verify': () => fail(404, 'POLICY_NOT_FOUND', '没有查到该保单，请核对保单号和被保险人姓名'),
    });
    const { container } = render(<VerifyPage />);

    fillAndSubmit(container, 'XAFD000000000000', '王五');

    expect(await screen.findByText('未查到该保单')).toBeInTheDocument();
    expect(screen.getByText('没有查到该保单，请核对保单号和被保险人姓名')).toBeInTheDocument();
  });

  it('passes on the rate limit message', async () => {
    stubApi({ 'GET /api/v1/policies/verify': () => fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试') });
    const { container } = render(<VerifyPage />);

    fillAndSubmit(container, 'XAFD120202612010001', '张三丰');

    expect(await screen.findByText('操作太频繁，请稍后再试')).toBeInTheDocument();
  });

  it('checks the form before asking, and takes the policy number from the link', () => {
    const api = stubApi({});
    setRouterParams({ policyNo: 'XAFD120202612010001' });
    const { container } = render(<VerifyPage />);

    expect(container.querySelector<HTMLInputElement>('.verify-form__policy-no')?.value).toBe('XAFD120202612010001');
    fireEvent.click(screen.getByRole('button', { name: '立即验真' }));

    expect(screen.getByText('请输入被保险人姓名')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});
