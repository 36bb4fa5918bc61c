import { weatherPlaceListResponseSchema, type WeatherPlace, type WeatherPlaceKind } from '@xiaoan/shared';
import { request } from '../../../services/http';

/** The cities (HEAT37) or scenic spots (RAIN) on sale, in the BFF's order. Public: no login needed. */
export const fetchWeatherPlaces = async (kind: WeatherPlaceKind): Promise<WeatherPlace[]> => {
  const body = await request(weatherPlaceListResponseSchema, '/api/v1/weather/places', { data: { kind } });
  return body.items;
};
