import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Libraries that change rarely, cached apart from the console's own code: refine (with TanStack
 * Query and CASL), antd (with React, which it carries along), and the rest. Only what the first
 * page needs ($initial); ECharts is left to the dashboard's own chunk. Groups keep their
 * dependencies (the default): splitting a CommonJS module from its wrapper broke start-up.
 */
const VENDOR_GROUPS: { name: string; test: RegExp; priority: number; tags?: '$initial'[] }[] = [
  {
    name: 'vendor-refine',
    tags: ['$initial'],
    test: /node_modules[\\/](@refinedev|@tanstack|@casl)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-antd',
    tags: ['$initial'],
    test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component|dayjs)[\\/]/,
    priority: 20,
  },
  { name: 'vendor', tags: ['$initial'], test: /node_modules[\\/]/, priority: 0 },
];

/**
 * The console is served by the BFF at /console/ (one server for users to run). `npm run dev -w
 * @xiaoan/console` serves it with hot reload and sends /api to a BFF on :3000.
 *
 * Each page is its own chunk (React.lazy in pages/lazy-pages.tsx), the signed-in layout too, and the
 * libraries are split into vendor chunks, so signing in loads about 3/4 of what it used to
 * (1.32 MB instead of 1.78 MB; 414 kB gzipped instead of 550 kB) and ECharts only on the dashboard.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_GROUPS } } },
  },
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
