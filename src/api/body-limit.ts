/**
 * @module api/body-limit
 * The request-body size limit. A body that declares its length (`Content-Length`, no
 * `Transfer-Encoding`) is judged on the header alone, before anything is read: the HTTP parser has
 * already checked that the body has exactly that length. Only a body without a declared length
 * (chunked) is counted as it streams in, by Hono's `bodyLimit`.
 *
 * Why not Hono's `bodyLimit` for everything: it first asks whether the request has a body
 * (`c.req.raw.body`), which makes @hono/node-server build a full web `Request` with a web stream
 * around Node's socket stream for every request. That cost about a tenth of the server's CPU per
 * audited write (bench/RESULTS.md); reading the header keeps node-server's direct body path.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface LimitBodyOptions {
  maxSize: number;
  /** Called when the body is over the limit; throws or returns the answer. */
  onError: (c: Context) => Response | Promise<Response>;
}

/**
 * @example app.use('/api/*', limitBody({ maxSize: 1_048_576, onError: () => { throw tooLarge(); } }));
 */
export function limitBody({ maxSize, onError }: LimitBodyOptions): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > maxSize ? onError(c) : next();
    }
    return counting(c, next);
  };
}
