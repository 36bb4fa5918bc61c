import '@testing-library/jest-dom/jest-globals';
import { beforeEach } from '@jest/globals';
import { catalogStore } from '../src/features/catalog/hooks/catalog-store';
import { resetAppConfig } from '../src/services/app-config';
import { salesTrail } from '../src/services/trail';
import { resetWeatherClock } from '../src/services/weather-clock';
import { resetTaroShim } from './shims/taro';

// Component tests play the H5 build: API calls stay on the same origin.
process.env.TARO_ENV = 'h5';

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  catalogStore.reset();
  resetAppConfig();
  resetWeatherClock();
  resetTaroShim();
  salesTrail.begin();
});
