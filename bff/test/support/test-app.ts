import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/core/config/app-config.js';
import { createApp } from '../../src/create-app.js';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real BFF on a free port, on the run's database, over real HTTP. */
export const startTestApp = async (env: Record<string, string> = {}): Promise<TestApp> => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the jest global setup did not run');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env, DATABASE_URL: databaseUrl });
  const app = await createApp({ ...config, databaseUrl });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
};
