import type { WeatherPlace, WeatherPlaceKind } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { fetchWeatherPlaces } from '../api/weather.api';

export type WeatherPlacesState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; places: WeatherPlace[] };

export interface UseWeatherPlacesResult {
  state: WeatherPlacesState;
  reload: () => void;
}

/** The places one weather product is sold for; `enabled` false skips the request (e.g. no exclusions read yet). */
export function useWeatherPlaces(kind: WeatherPlaceKind, enabled = true): UseWeatherPlacesResult {
  const [state, setState] = useState<WeatherPlacesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState({ status: 'loading' });
    fetchWeatherPlaces(kind)
      .then((places) => current && setState({ status: 'success', places }))
      .catch(
        (error: unknown) =>
          current &&
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
      );
    return () => {
      current = false;
    };
  }, [kind, enabled, attempt]);

  return { state, reload: () => setAttempt((n) => n + 1) };
}
