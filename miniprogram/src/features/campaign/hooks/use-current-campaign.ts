import type { CurrentCampaign } from '@xiaoan/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { fetchCurrentCampaign } from '../campaign.api';

export type CurrentCampaignState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'live'; campaign: CurrentCampaign }
  | { status: 'error'; error: ApiError };

/** The published campaign, if one is running now (public: asking needs no login). */
export function useCurrentCampaign(): { state: CurrentCampaignState; reload: () => void } {
  const [state, setState] = useState<CurrentCampaignState>({ status: 'loading' });
  const live = useRef(true);
  const load = useCallback(() => {
    setState({ status: 'loading' });
    fetchCurrentCampaign()
      .then((campaign) => {
        if (live.current) setState(campaign ? { status: 'live', campaign } : { status: 'none' });
      })
      .catch((error: unknown) => {
        if (live.current)
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('NETWORK_ERROR') });
      });
  }, []);
  useEffect(() => {
    live.current = true;
    load();
    return () => {
      live.current = false;
    };
  }, [load]);
  return { state, reload: load };
}
