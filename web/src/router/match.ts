/**
 * @module web/router/match
 * Matching a URL path against the route table's patterns (`/countries/:code`): literal segments must
 * be equal, `:name` takes one non-empty segment (decoded). No wildcards, no optional segments: every
 * screen has one address.
 */

export type Params = Record<string, string>;

/**
 * The parameters of `path` under `pattern`, or null when it does not match.
 * @example matchPath('/countries/:code', '/countries/TR') // { code: 'TR' }
 */
export function matchPath(pattern: string, path: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i]!;
    if (segment.startsWith(':')) {
      let decoded: string;
      try { decoded = decodeURIComponent(actual); } catch { return null; }
      params[segment.slice(1)] = decoded;
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches the path, with its parameters. */
export function resolveRoute<R extends { path: string }>(routes: readonly R[], path: string): { route: R; params: Params } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/**
 * The path of a pattern with its parameters filled in (encoded).
 * @example pathOf('/countries/:code', { code: 'TR' }) // "/countries/TR"
 */
export function pathOf(pattern: string, params: Params = {}): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf(${pattern}): no value for :${name}`);
    return encodeURIComponent(value);
  });
}
