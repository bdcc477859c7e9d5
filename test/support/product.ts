/**
 * @module test/support/product
 * The whole product in-process for HTTP tests: `app.request()` without a socket, on fresh storage,
 * with the local issuer and its demo users, and a token per demo user.
 */
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { issueLocalToken } from '../../src/identity/local-issuer.ts';
import { buildProduct, type Product } from '../../src/server.ts';
import { openTestStorage, type TestStorage } from './storage.ts';

export interface TestProduct {
  product: Product;
  storage: TestStorage;
  config: Config;
  /** A bearer token for a demo user (cached). */
  tokenFor(username: string): Promise<string>;
  /** `app.request` with the user's token and JSON body handling. */
  call(username: string | null, method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; rawBody?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestProduct(env: NodeJS.ProcessEnv = {}): Promise<TestProduct> {
  const storage = await openTestStorage();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const product = await buildProduct({ config, storage, logger: pino({ level: 'silent' }) });
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    let token = tokens.get(username);
    if (!token) {
      token = await issueLocalToken({ db: storage.db, username, audience: config.oidcAudience });
      tokens.set(username, token);
    }
    return token;
  };
  return {
    product, storage, config, tokenFor,
    async call(username, method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (username) headers.authorization = `Bearer ${await tokenFor(username)}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      return product.app.request(path, { method, headers, body });
    },
    async close() {
      await product.close();
      await storage.close();
    },
  };
}

/** A valid body for opening a case. */
export function openCaseBody(overrides: Record<string, unknown> = {}) {
  return { kind: 'asylum', person: { givenNames: 'Test', familyName: 'Person', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' }, ...overrides };
}
