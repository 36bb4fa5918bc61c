import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chatPageUrl } from '../../../routes';
import { currentPlatform } from '../../../services/platform';
import './contact-button.scss';

export interface ContactButtonProps {
  /** The policy or claim number the conversation is about; it reaches the agent's inbox. */
  from?: string;
  label?: string;
  className?: string;
}

/**
 * 联系客服. In WeChat it opens WeChat's own customer-service chat (`open-type="contact"`), with the
 * number as `session-from`: WeChat pushes it to the BFF when the user enters, and the inbox shows
 * it. In H5 there is no WeChat chat: it opens our chat page, which sends the number with the
 * user's messages.
 */
export function ContactButton({ from, label = '联系客服', className = '' }: ContactButtonProps) {
  if (currentPlatform() === 'weapp') {
    return (
      <Button
        className={`button button--ghost contact-button ${className}`}
        openType="contact"
        sessionFrom={from ?? ''}
        data-from={from ?? ''}
      >
        {label}
      </Button>
    );
  }
  return (
    <Button
      className={`button button--ghost contact-button ${className}`}
      data-from={from ?? ''}
      onClick={() => void Taro.navigateTo({ url: chatPageUrl(from) })}
    >
      {label}
    </Button>
  );
}
