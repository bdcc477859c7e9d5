/**
 * @module config
 * Every setting Waypoint reads from its environment, validated once at start-up. The README's
 * configuration table is generated from {@link SETTINGS}; adding a variable here documents it.
 */
import { z } from 'zod';

/** One documented environment variable. */
export interface Setting {
  name: string;
  description: string;
  default: string;
}

/** The documented settings, in the order the README lists them. */
export const SETTINGS: Setting[] = [
  { name: 'DATABASE_URL', description: 'PostgreSQL (15+) connection string. When unset, Waypoint runs on embedded PGlite.', default: '(unset: PGlite)' },
  { name: 'WAYPOINT_DATA_DIR', description: 'Folder holding the embedded PGlite database (ignored with DATABASE_URL).', default: './data' },
  { name: 'PORT', description: 'HTTP port for the API and the web app.', default: '3000' },
  { name: 'HOST', description: 'Address the HTTP server binds to.', default: '127.0.0.1' },
  { name: 'WAYPOINT_PUBLIC_URL', description: 'Base URL users reach Waypoint at: printed at start-up, and used by `waypoint token` to ask a running server for a token.', default: 'http://HOST:PORT' },
  { name: 'WAYPOINT_MAX_BODY_BYTES', description: 'Largest request body accepted; larger bodies get 413.', default: '1048576' },
  { name: 'WAYPOINT_WRITE_BATCH_MAX', description: 'Most case registrations of one Member State written in one transaction (group commit: registrations arriving while an earlier one of the same tenant is being written wait and go together, each with its own audit event and answer); `1` writes each alone.', default: '64' },
  { name: 'WAYPOINT_OIDC_ISSUER', description: 'External OpenID Connect issuer URL. When set, tokens are verified against its JWKS and the local issuer is off.', default: '(unset: local issuer)' },
  { name: 'WAYPOINT_OIDC_AUDIENCE', description: 'Expected `aud` of access tokens.', default: 'waypoint' },
  { name: 'WAYPOINT_OIDC_TENANT_CLAIM', description: 'Claim carrying the tenant code (e.g. `IT`, `FRONTEX`).', default: 'waypoint_tenant' },
  { name: 'WAYPOINT_OIDC_ROLES_CLAIM', description: 'Claim carrying the list of Waypoint roles.', default: 'waypoint_roles' },
  { name: 'WAYPOINT_OIDC_UNIT_CLAIM', description: 'Claim carrying the organisational unit.', default: 'waypoint_unit' },
  { name: 'WAYPOINT_OIDC_CLIENT_ID', description: 'Client id of the web app at the external issuer (a public client: Authorization Code flow with PKCE, no secret). Register `<public URL>/signin/callback` as its redirect URI and `<public URL>/signin` as its post-logout redirect URI, and let that origin call its discovery and token endpoints (CORS). When unset, the sign-in screen asks for a pasted access token.', default: '(unset: paste a token)' },
  { name: 'WAYPOINT_OIDC_SCOPE', description: 'Scopes the web app asks the external issuer for (space-separated).', default: 'openid' },
  { name: 'WAYPOINT_OIDC_RESOURCE', description: 'Resource indicator (RFC 8707) the web app names in its authorization and token requests, for a provider that issues access tokens for Waypoint\'s API only when asked for it by name (an absolute URI, e.g. `urn:waypoint:api`).', default: '(unset: none sent)' },
  { name: 'WAYPOINT_LOCAL_ISSUER', description: 'Set to `enable` to allow the built-in demo issuer when NODE_ENV=production.', default: '(unset)' },
  { name: 'WAYPOINT_DEMO', description: 'Seed the demo caseload on first start (`on`/`off`).', default: 'on' },
  { name: 'WAYPOINT_DEMO_CASES', description: 'How many synthetic cases the demo caseload opens (in IT, GR and ES; nationality, sex and age after Eurostat\'s asylum applicants).', default: '300' },
  { name: 'WAYPOINT_STATS_DIR', description: 'Folder of public statistics files (Eurostat, UNHCR, Frontex, IOM) that `waypoint start` imports when they are new; `off` to skip.', default: '../shared/data' },
  { name: 'WAYPOINT_EUROSTAT_API', description: 'Base URL of Eurostat\'s dissemination API (SDMX 2.1) for `waypoint stats import --from-publisher`.', default: 'https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1' },
  { name: 'WAYPOINT_SMALL_CELL_MIN', description: 'Smallest count shown as it is in statistics derived from case data; smaller counts are suppressed and marked.', default: '5' },
  { name: 'WAYPOINT_DEADLINE_WARNING_DAYS', description: 'Days before a statutory deadline when a task is raised for the case\'s assignee (passed deadlines escalate to the unit\'s supervisors).', default: '3' },
  { name: 'WAYPOINT_DEADLINE_SWEEP_MINUTES', description: 'How often the running server raises deadline tasks and escalations (`waypoint case deadlines sweep` does it once); `off` to leave it to the operator.', default: '15' },
  { name: 'LOG_LEVEL', description: 'pino log level (`fatal` … `trace`, `silent`).', default: 'info' },
  { name: 'NODE_ENV', description: '`production` refuses the local demo issuer unless WAYPOINT_LOCAL_ISSUER=enable.', default: '(unset)' },
];

const ZConfig = z.object({
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  publicUrl: z.string().url().optional(),
  maxBodyBytes: z.coerce.number().int().positive(),
  /** Most registrations of one tenant written in one transaction (group commit). */
  writeBatchMax: z.coerce.number().int().min(1).max(1000),
  oidcIssuer: z.string().url().optional(),
  oidcAudience: z.string().min(1),
  tenantClaim: z.string().min(1),
  rolesClaim: z.string().min(1),
  unitClaim: z.string().min(1),
  /** The web app's client id at the external issuer; null: no redirect sign-in. */
  oidcClientId: z.string().min(1).nullable(),
  oidcScope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'space-separated scope tokens (RFC 6749 §3.3)'),
  /** The resource indicator the web app asks tokens for (RFC 8707 §2: an absolute URI without a fragment); null: none. */
  oidcResource: z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s#]+$/, 'an absolute URI without a fragment (RFC 8707 §2)').nullable(),
  localIssuerInProduction: z.boolean(),
  isProduction: z.boolean(),
  demo: z.boolean(),
  demoCases: z.coerce.number().int().min(0).max(100_000),
  statsDir: z.string().min(1).nullable(),
  eurostatApi: z.string().url(),
  smallCellMin: z.coerce.number().int().min(1).max(1000),
  deadlineWarningDays: z.coerce.number().int().min(0).max(90),
  /** Minutes between deadline sweeps of the running server; null: none. */
  deadlineSweepMinutes: z.coerce.number().int().min(1).max(1440).nullable(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

/** Waypoint's validated configuration. */
export type Config = z.infer<typeof ZConfig>;

/**
 * Reads the configuration from an environment (default `process.env`).
 * @throws Error naming the variable when a value is malformed.
 * @example const config = loadConfig({ PORT: '8080' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ZConfig.safeParse({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.WAYPOINT_DATA_DIR || './data',
    port: env.PORT ?? '3000',
    host: env.HOST || '127.0.0.1',
    publicUrl: env.WAYPOINT_PUBLIC_URL || undefined,
    maxBodyBytes: env.WAYPOINT_MAX_BODY_BYTES ?? '1048576',
    writeBatchMax: env.WAYPOINT_WRITE_BATCH_MAX ?? '64',
    oidcIssuer: env.WAYPOINT_OIDC_ISSUER || undefined,
    oidcAudience: env.WAYPOINT_OIDC_AUDIENCE || 'waypoint',
    tenantClaim: env.WAYPOINT_OIDC_TENANT_CLAIM || 'waypoint_tenant',
    rolesClaim: env.WAYPOINT_OIDC_ROLES_CLAIM || 'waypoint_roles',
    unitClaim: env.WAYPOINT_OIDC_UNIT_CLAIM || 'waypoint_unit',
    oidcClientId: env.WAYPOINT_OIDC_CLIENT_ID || null,
    oidcScope: (env.WAYPOINT_OIDC_SCOPE || 'openid').trim().replace(/\s+/g, ' '),
    oidcResource: env.WAYPOINT_OIDC_RESOURCE?.trim() || null,
    localIssuerInProduction: env.WAYPOINT_LOCAL_ISSUER === 'enable',
    isProduction: env.NODE_ENV === 'production',
    demo: (env.WAYPOINT_DEMO ?? 'on') !== 'off',
    demoCases: env.WAYPOINT_DEMO_CASES ?? '300',
    statsDir: env.WAYPOINT_STATS_DIR === 'off' ? null : (env.WAYPOINT_STATS_DIR || '../shared/data'),
    eurostatApi: env.WAYPOINT_EUROSTAT_API || 'https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1',
    smallCellMin: env.WAYPOINT_SMALL_CELL_MIN ?? '5',
    deadlineWarningDays: env.WAYPOINT_DEADLINE_WARNING_DAYS ?? '3',
    deadlineSweepMinutes: env.WAYPOINT_DEADLINE_SWEEP_MINUTES === 'off' ? null : (env.WAYPOINT_DEADLINE_SWEEP_MINUTES ?? '15'),
    logLevel: env.LOG_LEVEL || 'info',
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const names: Record<string, string> = {
      databaseUrl: 'DATABASE_URL', dataDir: 'WAYPOINT_DATA_DIR', port: 'PORT', host: 'HOST',
      publicUrl: 'WAYPOINT_PUBLIC_URL', maxBodyBytes: 'WAYPOINT_MAX_BODY_BYTES', writeBatchMax: 'WAYPOINT_WRITE_BATCH_MAX', oidcIssuer: 'WAYPOINT_OIDC_ISSUER',
      logLevel: 'LOG_LEVEL', demoCases: 'WAYPOINT_DEMO_CASES', eurostatApi: 'WAYPOINT_EUROSTAT_API', smallCellMin: 'WAYPOINT_SMALL_CELL_MIN',
      deadlineWarningDays: 'WAYPOINT_DEADLINE_WARNING_DAYS', deadlineSweepMinutes: 'WAYPOINT_DEADLINE_SWEEP_MINUTES',
      oidcClientId: 'WAYPOINT_OIDC_CLIENT_ID', oidcScope: 'WAYPOINT_OIDC_SCOPE', oidcResource: 'WAYPOINT_OIDC_RESOURCE',
    };
    const key = String(issue.path[0]);
    throw new Error(`invalid configuration: ${names[key] ?? key}: ${issue.message}`);
  }
  if (result.data.oidcClientId && !result.data.oidcIssuer) {
    throw new Error('invalid configuration: WAYPOINT_OIDC_CLIENT_ID: needs WAYPOINT_OIDC_ISSUER (the issuer the client is registered at)');
  }
  return result.data;
}
