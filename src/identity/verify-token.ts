/**
 * @module identity/verify-token
 * Turns a bearer token into an {@link Actor}: signature checked against the issuer's JWKS (an external
 * OIDC issuer found by discovery, or the local issuer's key), then `iss`, `aud` and `exp` checked, then
 * claims mapped to user, tenant, unit and roles. Verified tokens are cached until they expire, so a
 * burst of requests pays for one signature check per token.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { isRole, type Actor } from '../domain/access/roles.ts';
import { DomainError } from '../domain/errors.ts';
import { TENANT_CODES } from '../domain/tenants/tenants.ts';
import type { Database } from '../storage/schema.ts';
import { ensureLocalKey, LOCAL_ISSUER } from './local-issuer.ts';

export type VerifyToken = (token: string) => Promise<Actor>;

type ClaimNames = Pick<Config, 'tenantClaim' | 'rolesClaim' | 'unitClaim'>;

/** Maps verified claims to an actor; unknown roles are dropped, an unknown tenant is refused. */
export function actorFromClaims(payload: JWTPayload, claims: ClaimNames): Actor {
  const tenantId = payload[claims.tenantClaim];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new DomainError('UNAUTHENTICATED', 'token has no subject');
  if (typeof tenantId !== 'string' || !TENANT_CODES.has(tenantId)) {
    throw new DomainError('UNAUTHENTICATED', `token's ${claims.tenantClaim} claim names no Waypoint tenant`);
  }
  const rawRoles = payload[claims.rolesClaim];
  const roles = (Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? rawRoles.split(/[ ,]+/) : [])
    .filter((r): r is string => typeof r === 'string').filter(isRole);
  const unit = payload[claims.unitClaim];
  const name = payload.name;
  return {
    id: payload.sub,
    displayName: typeof name === 'string' ? name : payload.sub,
    tenantId,
    unitId: typeof unit === 'string' && unit !== '' ? unit : null,
    roles,
  };
}

/** What Waypoint reads of an issuer's discovery document (OpenID Connect Discovery 1.0 §3). */
export interface ProviderMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  end_session_endpoint?: string;
}

/**
 * Fetches the issuer's discovery document (OpenID Connect Discovery 1.0 §4).
 * @example const provider = await discoverProvider('https://login.example.eu/realms/eu');
 */
export async function discoverProvider(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`OIDC discovery at ${url} answered ${response.status}`);
  const document = (await response.json()) as Partial<Record<keyof ProviderMetadata, unknown>>;
  // §4.3: the document's issuer MUST be identical to the URL it was fetched from; anything else is a
  // misconfiguration or a mix-up, and keys from it must not be trusted.
  if (document.issuer !== issuer) throw new Error(`OIDC discovery at ${url} names issuer ${String(document.issuer)}, not ${issuer}`);
  if (typeof document.jwks_uri !== 'string' || !document.jwks_uri) throw new Error(`OIDC discovery at ${url} has no jwks_uri`);
  const optional = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    issuer, jwks_uri: document.jwks_uri,
    authorization_endpoint: optional(document.authorization_endpoint),
    token_endpoint: optional(document.token_endpoint),
    end_session_endpoint: optional(document.end_session_endpoint),
  };
}

export interface CreateVerifierOptions {
  config: Config;
  db: Kysely<Database>;
  /** Cached tokens at most (default 10,000). */
  cacheSize?: number;
  /** The external issuer's discovery document, when the caller has fetched it already. */
  provider?: ProviderMetadata | null;
}

/**
 * Builds the token verifier for this configuration.
 * @example const verify = await createVerifier({ config, db }); const actor = await verify(token);
 */
export async function createVerifier({ config, db, cacheSize = 10_000, provider }: CreateVerifierOptions): Promise<VerifyToken> {
  let keys: JWTVerifyGetKey;
  let issuer: string;
  if (config.oidcIssuer) {
    issuer = config.oidcIssuer;
    keys = createRemoteJWKSet(new URL((provider ?? await discoverProvider(config.oidcIssuer)).jwks_uri));
  } else {
    issuer = LOCAL_ISSUER;
    keys = createLocalJWKSet({ keys: [(await ensureLocalKey(db)).publicJwk] });
  }
  const cache = new Map<string, { actor: Actor; expiresAt: number }>();
  return async (token) => {
    const cached = cache.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience: config.oidcAudience, algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'] }));
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', `invalid token: ${error instanceof Error ? error.message : String(error)}`);
    }
    const actor = actorFromClaims(payload, config);
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(token, { actor, expiresAt: (payload.exp ?? 0) * 1000 });
    return actor;
  };
}
