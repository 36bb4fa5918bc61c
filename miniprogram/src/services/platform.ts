export type Platform = 'weapp' | 'h5';

/**
 * Which adapter to use. `TARO_ENV` is replaced at build time, so the other platform's branch is
 * dead code in each bundle; tests set it on `process.env` to exercise both.
 */
export const currentPlatform = (): Platform => (process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5');
