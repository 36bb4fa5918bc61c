import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONSOLE_PREFIX = '/console';

/** The staff console's build, relative to this package whether run from src (tests) or dist. */
export const defaultConsoleDistDir = (): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../../../console/dist'), resolve(here, '../../../../../console/dist')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
};

/**
 * Serves the console's files under `/console/` and, for any other path below it (a client-side
 * route such as `/console/audit-log` opened directly or reloaded), its `index.html`. Hashed assets
 * are cached for good; `index.html` never, so a new build is picked up on the next load.
 */
export const registerConsole = async (app: NestFastifyApplication, root: string): Promise<void> => {
  const indexPath = join(root, 'index.html');
  await app.register(
    async (scope: FastifyInstance) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false,
        index: false,
        decorateReply: false,
        setHeaders: (reply: FastifyReply, path: string) => {
          reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
        // A missing hashed asset is a 404, not the page (a stale tab must not parse HTML as JS).
        if (request.url.startsWith(`${CONSOLE_PREFIX}/assets/`)) return reply.callNotFound();
        reply.header('cache-control', 'no-cache');
        reply.type('text/html; charset=utf-8');
        return reply.send(await readFile(indexPath));
      };
      scope.get('/', sendIndex);
      scope.get('/*', sendIndex);
    },
    { prefix: CONSOLE_PREFIX },
  );
};
