/**
 * @module identity/local-issuer
 * The built-in demo OpenID issuer, used when no external issuer is configured: an ES256 key kept in
 * the database (so the CLI and the server sign and verify with the same key), tokens for the seeded
 * demo users, and a JWKS. It refuses to run with NODE_ENV=production unless explicitly enabled.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { Database } from '../storage/schema.ts';

/** The `iss` of tokens the local issuer signs. */
export const LOCAL_ISSUER = 'urn:waypoint:local-issuer';
const ALG = 'ES256';

export interface LocalKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Throws unless the local issuer may run under this configuration. */
export function assertLocalIssuerAllowed(config: Pick<Config, 'isProduction' | 'localIssuerInProduction' | 'oidcIssuer'>): void {
  if (config.oidcIssuer) {
    throw new DomainError('LOCAL_ISSUER_DISABLED', 'an external OIDC issuer is configured (WAYPOINT_OIDC_ISSUER): the local issuer is off');
  }
  if (config.isProduction && !config.localIssuerInProduction) {
    throw new DomainError('LOCAL_ISSUER_DISABLED',
      'refusing to start the local demo issuer with NODE_ENV=production: configure WAYPOINT_OIDC_ISSUER, or set WAYPOINT_LOCAL_ISSUER=enable to allow it');
  }
}

/** Returns the signing key, creating it on first use. */
export async function ensureLocalKey(db: Kysely<Database>): Promise<LocalKey> {
  const existing = await db.selectFrom('local_issuer_keys').selectAll().orderBy('created_at').executeTakeFirst();
  if (existing) {
    return { kid: existing.kid, privateJwk: existing.private_jwk as unknown as JWK, publicJwk: existing.public_jwk as unknown as JWK };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  await db.insertInto('local_issuer_keys').values({ kid, private_jwk: JSON.stringify(privateJwk), public_jwk: JSON.stringify(publicJwk) })
    .onConflict((oc) => oc.doNothing()).execute();
  return { kid, privateJwk, publicJwk };
}

export interface IssueTokenOptions {
  db: Kysely<Database>;
  username: string;
  audience: string;
  /** Lifetime in seconds (default 8 hours). */
  ttlSeconds?: number;
}

/**
 * Signs an access token for a seeded user.
 * @throws DomainError NOT_FOUND when no such user exists.
 */
export async function issueLocalToken({ db, username, audience, ttlSeconds = 8 * 3600 }: IssueTokenOptions): Promise<string> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', username).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', `no user ${username}: run \`npx waypoint seed\` or pick one of the demo users`);
  const key = await ensureLocalKey(db);
  const signingKey = await importJWK(key.privateJwk, ALG);
  return new SignJWT({ name: user.display_name, waypoint_tenant: user.tenant_id, waypoint_roles: user.roles, waypoint_unit: user.unit_id })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER).setAudience(audience).setSubject(user.id)
    .setIssuedAt().setExpirationTime(`${ttlSeconds}s`)
    .sign(signingKey);
}
