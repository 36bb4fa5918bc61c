import http from 'node:http';

export interface LoadResult {
  ok: number;
  failed: number;
  statuses: Map<number, number>;
  latenciesMs: number[];
  elapsedMs: number;
}

export interface LoadRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A closed-loop load generator on keep-alive sockets: `concurrency` workers each send the next
 * request as soon as the previous one is answered, until `next()` runs dry or the time is up.
 */
export const runLoad = async (options: {
  concurrency: number;
  durationMs: number;
  next: () => LoadRequest | undefined;
  okStatus: number;
}): Promise<LoadResult> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = { ok: 0, failed: 0, statuses: new Map(), latenciesMs: [], elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    for (;;) {
      if (performance.now() > deadline) return;
      const request = options.next();
      if (!request) return;
      const sent = performance.now();
      const status = await send(agent, request);
      result.latenciesMs.push(performance.now() - sent);
      result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      if (status === options.okStatus) result.ok += 1;
      else result.failed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  result.latenciesMs.sort((a, b) => a - b);
  return result;
};

const send = (agent: http.Agent, request: LoadRequest): Promise<number> =>
  new Promise((resolve) => {
    const req = http.request(request.url, { method: request.method, headers: request.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    if (request.body) req.write(request.body);
    req.end();
  });
