import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served by the BFF at /console/ (one server for users to run). `npm run dev -w
 * @xiaoan/console` serves it with hot reload and sends /api to a BFF on :3000.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
