import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: 10086,
      // In development the H5 app runs on its own port; the BFF keeps the API on :3000.
      proxy: {
        '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
