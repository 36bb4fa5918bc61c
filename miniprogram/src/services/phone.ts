import { devPhoneCodeResponseSchema } from '@xiaoan/shared';
import { ApiError } from './api-error';
import { loadAppConfig } from './app-config';
import { request } from './http';
import { currentPlatform } from './platform';

/**
 * 使用微信手机号 in H5. The weapp's <Button open-type="getPhoneNumber"> hands the page a one-time
 * code; H5 has no such button, so in development the simulator plays the phone and mints the
 * code for the simulated user's bound number. The code then goes the same way as in the weapp
 * (`POST /api/v1/me/phone-number`, where the BFF asks WeChat). Without the simulator there is no
 * phone to ask: the customer types the number.
 */
export const simulatedPhoneCode = async (): Promise<string> => {
  if (currentPlatform() === 'weapp' || !(await loadAppConfig()).simulator) throw ApiError.client('WECHAT_REQUIRED');
  return (await request(devPhoneCodeResponseSchema, '/api/dev/sim/phone-code', { method: 'POST', auth: true })).code;
};

/** Whether this H5 build can offer 使用微信手机号 (development, with the simulator). */
export const canUseSimulatedPhone = async (): Promise<boolean> =>
  currentPlatform() === 'h5' &&
  (await loadAppConfig().then(
    (config) => config.simulator,
    () => false,
  ));
