/** Shown on the 我的 tab; the version is the package version, baked in at build time. */
export const APP_NAME = '小安保险';
export const APP_VERSION = process.env.TARO_APP_VERSION ?? '0.0.0-dev';
