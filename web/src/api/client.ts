/**
 * @module web/api/client
 * The browser's only way into Waypoint's data: HTTP calls to the API with the bearer token, JSON in
 * and out, ETags kept for the next write, and every failure turned into an {@link ApiError} holding
 * the problem to show. The fetch function and the token source are given, so the client is tested
 * without a browser.
 */
import { ApiError, networkProblem, problemFromResponse } from './problem.ts';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiResult<T> {
  data: T;
  /** The ETag of the answer (the record's version), for an If-Match on the next write. */
  etag: string | null;
}

export interface WriteOptions {
  /** The ETag read: the server answers 412 if the record changed since. */
  ifMatch?: string | null;
  idempotencyKey?: string;
}

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<ApiResult<T>>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, options?: WriteOptions): Promise<ApiResult<T>>;
  /** A document that is not JSON (a report as HTML or PDF), fetched with the same token and errors. */
  file(path: string, accept: string): Promise<Blob>;
}

export interface ApiClientOptions {
  fetch: typeof fetch;
  token: () => string | null;
  /**
   * Renews the token when the API answers 401 (an OpenID Connect refresh): true when there is a new
   * token to send the request again with, once. Without it, or when it answers false (or fails), the
   * 401 stands. Calls that meet a 401 while a renewal is under way wait for that one.
   */
  refresh?: () => Promise<boolean>;
  /** Called when the API answers 401 (token expired or revoked) and no refresh helped, before the error is thrown. */
  onUnauthenticated?: () => void;
}

/**
 * Adds the query to a path, leaving out empty values.
 * @example withQuery('/api/law/rules', { on: '2026-07-01', q: '' }) // "/api/law/rules?on=2026-07-01"
 */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

export function createApiClient({ fetch: doFetch, token, refresh, onUnauthenticated }: ApiClientOptions): ApiClient {
  let renewing: Promise<boolean> | null = null;
  /** One renewal at a time, shared by the calls that need it. */
  function renew(): Promise<boolean> {
    if (!refresh) return Promise.resolve(false);
    renewing ??= refresh().catch(() => false).finally(() => { renewing = null; });
    return renewing;
  }

  /**
   * Sends with the token; a refusal becomes an {@link ApiError} holding the API's problem. A 401 is
   * answered once by a new token, renewed here or by a concurrent call in the meantime, and a second
   * send (a 401 wrote nothing, so sending again is safe); only then does it end the session.
   */
  async function request(method: string, path: string, accept: string, body?: unknown, options: WriteOptions = {}, retried = false): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await doFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(networkProblem(error));
    }
    if (response.status === 401 && !retried && bearer !== null && (token() !== bearer || await renew())) {
      await response.body?.cancel();
      return request(method, path, accept, body, options, true);
    }
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated?.();
      throw new ApiError(problemFromResponse(response.status, response.headers.get('x-request-id'), await response.text()));
    }
    return response;
  }

  async function call<T>(method: string, path: string, body?: unknown, options: WriteOptions = {}): Promise<ApiResult<T>> {
    const response = await request(method, path, 'application/json', body, options);
    const text = await response.text();
    let data: T;
    try {
      data = (text ? JSON.parse(text) : null) as T;
    } catch {
      throw new ApiError({ ...problemFromResponse(response.status, response.headers.get('x-request-id'), ''), code: 'BAD_RESPONSE', title: 'BAD_RESPONSE', detail: `${method} ${path}: the answer is not JSON` });
    }
    return { data, etag: response.headers.get('etag') };
  }
  return {
    get: (path, query) => call('GET', withQuery(path, query)),
    send: (method, path, body, options) => call(method, path, body, options),
    file: async (path, accept) => (await request('GET', path, accept)).blob(),
  };
}
