import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { routeCalls } from '../../../../test/shims/taro';
import type { ReactElement } from 'react';
import { ContactButton } from './contact-button';

const platform = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = platform;
});

describe('联系客服', () => {
  it("in WeChat opens WeChat's customer-service chat with the number as session-from", () => {
    process.env.TARO_ENV = 'weapp';
    // The test renderer drops Taro-only props (open-type), so read them off the element itself.
    const element = ContactButton({ from: 'P2026120100000019' }) as ReactElement<{
      openType?: string;
      sessionFrom?: string;
    }>;
    expect(element.props.openType).toBe('contact');
    expect(element.props.sessionFrom).toBe('P2026120100000019');
    render(<ContactButton from="P2026120100000019" />);
    fireEvent.click(screen.getByRole('button', { name: '联系客服' }));
    expect(routeCalls).toEqual([]);
  });

  it('in H5 opens the chat page carrying the number', () => {
    process.env.TARO_ENV = 'h5';
    render(<ContactButton from="C2026120100000017" label="对理赔有疑问？联系客服" />);
    fireEvent.click(screen.getByRole('button', { name: '对理赔有疑问？联系客服' }));
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/support/chat/index?from=C2026120100000017' }]);
  });
});
