import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Hand-written Taro config (`taro init` needs the internet). Each platform builds into its own
 * folder, `dist/weapp` and `dist/h5`, so one `npm run build` leaves both side by side: the BFF
 * serves `dist/h5`, WeChat DevTools opens `dist/weapp` through project.config.json.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  // Taro empties outputRoot when it starts; the H5 dev server gets its own folder so `npm run dev`
  // does not wipe the dist/h5 that the BFF serves.
  const outputRoot = platform === 'h5' && process.argv.includes('--watch') ? 'dist/h5-dev' : `dist/${platform}`;
  // Taro runs from the package folder (npm -w sets the cwd), so package.json is right here.
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    version: string;
  };

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiaoan-miniprogram',
    date: '2025-11-27',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      // The weapp has no origin of its own: the BFF's address is baked in at build time.
      // H5 ignores it and calls the same origin (see src/services/api-base.ts).
      'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'),
      'process.env.TARO_APP_VERSION': JSON.stringify(version),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      // Keep the main package small (WeChat's 2 MB limit): one shared vendor chunk, no source maps.
      enableSourceMap: false,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
