import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './core/config/app-config.js';
import type { IntegrationsConfig } from './core/config/integrations-config.js';
import { clientErrorHandler, frameworkErrorHandler } from './core/http/client-error.js';
import { CONSOLE_PREFIX, defaultConsoleDistDir, registerConsole } from './core/http/console-static.js';
import { requestIdOf } from './core/logging/logging.module.js';

const BODY_LIMIT_BYTES = 256 * 1024;

/** The mini-program's H5 build, relative to this package whether run from src (tests) or dist. */
export const defaultH5DistDir = (): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../miniprogram/dist/h5'), resolve(here, '../../../miniprogram/dist/h5')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
};

export interface CreateAppOptions {
  /** Quiet logs in tests. */
  bufferLogs?: boolean;
  /**
   * Nest's own SIGTERM/SIGINT hooks (default on). The `npm start` entry point turns them off and
   * handles the signals itself: Nest's hook re-raises the signal once the app is closed, which
   * killed the process before the simulator and the embedded database were stopped.
   */
  shutdownHooks?: boolean;
}

/** The `worker` role: modules, jobs and schedules, no HTTP listener. */
export const createWorkerContext = async (
  config: AppConfig & { databaseUrl: string },
  integrations: IntegrationsConfig,
  options: Pick<CreateAppOptions, 'shutdownHooks'> = {},
): Promise<INestApplicationContext> => {
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, integrations), {
    bufferLogs: true,
  });
  context.useLogger(context.get(Logger));
  if (options.shutdownHooks ?? true) context.enableShutdownHooks();
  return context;
};

/** Build the HTTP application: API under /api, OpenAPI at /api/docs, the staff console at /console/, the H5 build at /. */
export const createApp = async (
  config: AppConfig & { databaseUrl: string },
  integrations: IntegrationsConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    requestIdHeader: false,
    clientErrorHandler,
    // Replaces Nest's default, which only runs its HTTP security hook (unused here) before Fastify's own error body.
    frameworkErrors: frameworkErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, integrations), adapter, {
    bufferLogs: options.bufferLogs ?? true,
    rawBody: true,
    // Every endpoint speaks JSON: no form-urlencoded parser (Nest's default) and no text/plain
    // (Fastify's), so any other body type is refused with UNSUPPORTED_MEDIA_TYPE before a handler runs.
    bodyParser: false,
  });
  adapter.getInstance().removeAllContentTypeParsers();
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('小安保险 BFF')
      .setDescription('Catalogue, quotes, orders, policies, claims and payouts of a WeChat-native insurer.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const consoleDir = config.consoleDistDir ?? defaultConsoleDistDir();
  if (existsSync(join(consoleDir, 'index.html'))) {
    await registerConsole(app, consoleDir);
  } else {
    app
      .get(Logger)
      .warn({ consoleDir }, `staff console build not found; run \`npm run build\` to serve it at ${CONSOLE_PREFIX}/`);
  }

  const h5Dir = config.h5DistDir ?? defaultH5DistDir();
  if (existsSync(join(h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: h5Dir, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    app.get(Logger).warn({ h5Dir }, 'H5 build not found; run `npm run build` to serve the app at /');
  }
  return app;
};
