import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { REDACT_PATHS } from './redaction.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keep a caller's request id when it looks like one; otherwise mint our own. */
export const requestIdOf = (request: IncomingMessage): string => {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
};

type RequestWithId = IncomingMessage & { id?: string };

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // WeChat's customer-service pushes skip the per-request logger (a child logger and a line
          // per push, on the path WeChat times at 5 s, 200 times a second): the ack path logs one
          // line per stored batch instead (ADR 0014), and a rejected push with its request id.
          exclude: [{ path: 'v1/wechat/cs-push', method: RequestMethod.POST }],
          pinoHttp: [
            {
              level: config.logLevel,
              redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
              // Fastify assigned request.id already (genReqId on the adapter): one id per request.
              genReqId: (request: RequestWithId) => request.id ?? requestIdOf(request),
              customProps: (request: RequestWithId) => ({ requestId: request.id }),
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url,
                }),
              },
              // Nest's middleware sees the URL below its mount point ('/' for '/api/…'): the full
              // path is in originalUrl. Only API requests are logged, not the H5 and console files.
              autoLogging: {
                ignore: (request: IncomingMessage & { originalUrl?: string }) =>
                  !(request.originalUrl ?? request.url)?.startsWith('/api'),
              },
            },
            // Lines are written asynchronously (sonic-boom gathers them while a write is under way)
            // instead of one blocking write(2) per line; pino flushes what is left synchronously when
            // the process exits. A kill -9 may lose the last lines, never a record: evidence and
            // audit are in the database.
            pino.destination({ dest: 1, sync: false }),
          ],
        }),
      ],
    };
  }
}
