import { jest } from '@jest/globals';

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Outcome = FakeResponse | Error;
type Handler = (url: string, init: RequestInit | undefined) => Outcome | Promise<Outcome>;

/**
 * Just enough of a fetch Response for the Taro.request shim and the e-policy download. A `Blob`
 * body (a PDF) is binary: `blob()` gives it back and `json()` fails, as it would on a real PDF.
 */
const toResponse = ({ status, body, headers = {} }: FakeResponse) => ({
  status,
  ok: status >= 200 && status < 300,
  headers: {
    forEach: (visit: (value: string, key: string) => void) =>
      Object.entries(headers).forEach(([key, value]) => visit(value, key.toLowerCase())),
    get: (name: string): string | null =>
      Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null,
  },
  json: async () => {
    if (body === undefined || body instanceof Blob) throw new SyntaxError('Unexpected end of JSON input');
    return body;
  },
  blob: async (): Promise<Blob> =>
    body instanceof Blob
      ? body
      : new Blob(body === undefined ? [] : [JSON.stringify(body)], { type: 'application/json' }),
});

/**
 * Replaces the global `fetch` with `handler`. Return an `Error` from the handler to simulate no
 * answer at all (airplane mode, DNS failure). Returns the mock, to count and inspect calls.
 */
export const stubFetch = (handler: Handler) => {
  const mock = jest.fn(async (input: unknown, init?: RequestInit) => {
    const outcome = await handler(String(input), init);
    if (outcome instanceof Error) throw outcome;
    return toResponse(outcome);
  });
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
};

/** Never answers: the screen stays in its loading state. */
export const stubFetchPending = () => stubFetch(() => new Promise<Outcome>(() => undefined));

/** Answers the responses in order, repeating the last one. */
export const stubFetchSequence = (...responses: Outcome[]) => {
  let index = 0;
  return stubFetch(() => responses[Math.min(index++, responses.length - 1)]!);
};

export const errorEnvelope = (code: string, message: string, requestId = 'req-test-1') => ({
  code,
  message,
  requestId,
});
