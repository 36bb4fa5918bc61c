import Taro from '@tarojs/taro';
import type { HeatQuoteRequest, Quote, RainQuoteRequest } from '@xiaoan/shared';
import { useCallback, useRef, useState } from 'react';
import { insuredPageUrl } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import { createQuote } from '../api/purchase.api';
import { purchaseDraft } from '../purchase-draft';
import { useNow } from './use-now';

export type WeatherQuoteState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'success'; quote: Quote }
  | { status: 'error'; error: ApiError };

export interface WeatherQuote {
  state: WeatherQuoteState;
  quote: Quote | null;
  now: number;
  expired: boolean;
  /** The version quoted is not the one whose exclusions were read: read them again first. */
  versionChanged: boolean;
  canContinue: boolean;
  request: (body: HeatQuoteRequest | RainQuoteRequest) => void;
  /** Forget the quote: the choice it priced has changed. */
  reset: () => void;
  /** Hand the quote to the insured form (the shared purchase flow from here on). */
  proceed: () => void;
}

/**
 * A HEAT37 or RAIN quote on the page where the cover is chosen. A change of choice drops the quote
 * (its premium would no longer be what is bought), and only the latest request may answer.
 */
export function useWeatherQuote(ack: string): WeatherQuote {
  const [state, setState] = useState<WeatherQuoteState>({ status: 'idle' });
  const latest = useRef(0);
  const now = useNow(state.status === 'success');

  const request = useCallback((body: HeatQuoteRequest | RainQuoteRequest) => {
    const id = ++latest.current;
    setState({ status: 'loading' });
    createQuote(body)
      .then((quote) => id === latest.current && setState({ status: 'success', quote }))
      .catch(
        (error: unknown) =>
          id === latest.current &&
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
      );
  }, []);

  const reset = useCallback(() => {
    latest.current += 1;
    setState({ status: 'idle' });
  }, []);

  const quote = state.status === 'success' ? state.quote : null;
  const expired = quote ? Date.parse(quote.expiresAt) <= now : false;
  const versionChanged = quote !== null && quote.productVersionId !== ack;
  const canContinue = quote !== null && !expired && !versionChanged;

  const proceed = () => {
    if (!quote || !canContinue) return;
    purchaseDraft.startWithQuote(quote, ack);
    void Taro.navigateTo({ url: insuredPageUrl(quote.id) });
  };

  return { state, quote, now, expired, versionChanged, canContinue, request, reset, proceed };
}
