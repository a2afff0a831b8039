import { Readable } from 'node:stream';
import type { Connection as OsConnection } from '@opensearch-project/opensearch';

export interface MockRequest {
  readonly method: string;
  readonly path: string;
  readonly querystring: string;
  readonly body: unknown;
}
export type MockAnswer = { statusCode?: number; body: unknown } | Error;

/**
 * The OpenSearch client's mock layer, the way @elastic/elasticsearch-mock works for Elasticsearch: a Connection
 * class the client uses instead of HTTP, answering each request from the route registered for its method and
 * path (`:name` matches one path segment). The client's own transport, serializer and error handling all run.
 */
export class OpenSearchMock {
  readonly #routes: { method: string; pattern: RegExp; answer: (request: MockRequest) => MockAnswer }[] = [];
  readonly calls: MockRequest[] = [];

  add(method: string, path: string, answer: (request: MockRequest) => MockAnswer): this {
    const pattern = new RegExp(`^${path.replace(/:[a-z]+/g, '[^/]+')}$`);
    this.#routes.unshift({ method, pattern, answer });
    return this;
  }

  connection(Base: typeof OsConnection): typeof OsConnection {
    const mock = this;
    return class MockConnection extends Base {
      override request(
        params: { method?: string; path?: string | null; querystring?: string; body?: unknown },
        callback: (error: Error | null, response: never) => void,
      ): never {
        const raw =
          typeof params.body === 'string'
            ? params.body
            : Buffer.isBuffer(params.body)
              ? params.body.toString()
              : undefined;
        const request: MockRequest = {
          method: params.method ?? 'GET',
          path: decodeURIComponent(params.path ?? '/'),
          querystring: params.querystring ?? '',
          body: raw ? JSON.parse(raw) : undefined,
        };
        mock.calls.push(request);
        const route = mock.#routes.find((r) => r.method === request.method && r.pattern.test(request.path));
        const answer: MockAnswer = route
          ? route.answer(request)
          : { statusCode: 404, body: { error: 'no mock for this route', request } };
        process.nextTick(() => {
          if (answer instanceof Error) return callback(answer, null as never);
          const text = JSON.stringify(answer.body);
          const stream = Readable.from([Buffer.from(text)]) as Readable & {
            statusCode: number;
            headers: Record<string, string>;
          };
          stream.statusCode = answer.statusCode ?? 200;
          stream.headers = {
            'content-type': 'application/json; charset=UTF-8',
            'content-length': String(Buffer.byteLength(text)),
          };
          callback(null, stream as never);
        });
        return { abort() {} } as never;
      }
    } as unknown as typeof OsConnection;
  }
}
