import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: string;
  receivedAt: number;
}

export type Responder = (
  request: ReceivedRequest,
) => Promise<{ status: number; body?: string }> | { status: number; body?: string };

/**
 * A stand-in for the BFF's webhook endpoints: records every callback with its raw body
 * and answers with whatever the test's responder decides (default 204).
 */
export class NotificationReceiver {
  readonly received: ReceivedRequest[] = [];
  private responder: Responder = () => ({ status: 204 });
  private waiters: { predicate: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest) => void }[] = [];
  private server: Server | undefined;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', this.origin);
        const record: ReceivedRequest = {
          path: url.pathname,
          url,
          headers: req.headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        };
        this.received.push(record);
        const answer = await this.responder(record);
        res.writeHead(answer.status, answer.body ? { 'content-type': 'application/json' } : {});
        res.end(answer.body ?? '');
        this.waiters = this.waiters.filter((w) => (w.predicate(record) ? (w.resolve(record), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Resolves with the first request (already received or future) matching the predicate. */
  next(predicate: (r: ReceivedRequest) => boolean, timeoutMs = 5000): Promise<ReceivedRequest> {
    const seen = this.received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching request within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  reset(): void {
    this.received.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
