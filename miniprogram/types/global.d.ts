/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built, set by `taro build --type`. */
    TARO_ENV?: 'weapp' | 'h5';
    /** The BFF origin the weapp calls; replaced at build time (config/index.ts). */
    TARO_APP_API_BASE?: string;
    /** package.json version, replaced at build time. */
    TARO_APP_VERSION?: string;
  }
}
