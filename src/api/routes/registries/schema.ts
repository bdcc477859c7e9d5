/**
 * @module api/routes/registries/schema
 * Request and response shapes of the registry routes, built per kind from the kind's own schema, so
 * that a new kind is documented in the OpenAPI document the moment it is added to the catalogue.
 */
import { z } from '@hono/zod-openapi';
import type { RegistryKind } from '../../../domain/registries/kind.ts';
import { decodeCursor } from '../../../domain/registries/list-records.ts';
import { text, ZIsoDate, ZReason } from '../../schemas.ts';

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

const ZLegalBasis = z.array(text().trim().min(3).max(300)).max(20).optional().describe('Citations the change rests on');

export const ZRegistryFormat = z.enum(['csv', 'json']);

const cache = new Map<string, ReturnType<typeof build>>();

function build(kind: RegistryKind<any>) {
  const name = pascal(kind.name);
  // The kind's own schemas are built by the domain with plain zod, possibly before this module extends
  // zod with `.openapi()`: they are used as they are (inline in the document), never named.
  const ZData = kind.schema as unknown as z.ZodType;
  const ZRecord = z.object({
    id: z.string().uuid(),
    kind: z.literal(kind.name),
    key: z.string().describe('Natural key: how imports recognise the record; usable in place of the id'),
    version: z.number().int().describe('Send it back as If-Match ("3") to change the record'),
    owner: z.string().describe('Tenant the record belongs to: its Member State, or COM for Union-level facts'),
    label: z.string(),
    state: z.string().nullable().describe('On the date asked for (default today): in-force, suspended, not-yet, ended'),
    reviewDue: z.string().nullable(),
    reviewOverdue: z.boolean(),
    summary: z.record(z.string(), z.unknown()).nullable().describe('What the record says on the date asked for: a facility\'s capacity and occupancy, a partnership\'s phase and next gate, a joint message\'s approval status'),
    data: ZData,
    createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string(),
    allowed: z.array(z.string()).describe('Actions the caller may take on this record'),
  }).openapi(`${name}Record`);
  const filterFields = Object.fromEntries(Object.entries(kind.filters).map(([filter, f]) => [filter, (f.schema as unknown as z.ZodType<string>).optional().describe(f.description)]));
  const listFields = {
    q: text().max(200).optional().describe('Words the records contain (prefixes; case and accents ignored)'),
    on: ZIsoDate.optional().describe('Only records in force on this date; also the date `state` is given for'),
    ...filterFields,
  };
  return {
    ZData,
    ZRecord,
    ZPage: z.object({ items: z.array(ZRecord), next: z.string().nullable() }).openapi(`${name}Page`),
    ZListQuery: z.strictObject({
      ...listFields,
      limit: z.coerce.number().int().min(1).max(500).optional(),
      after: z.string().max(500).refine((c) => decodeCursor(c) !== null, 'not a cursor this API issued').optional().describe('The previous page\'s `next`'),
    }),
    ZExportQuery: z.strictObject({ ...listFields, format: ZRegistryFormat.optional().describe('csv (default) or json') }),
    ZReadQuery: z.strictObject({ on: ZIsoDate.optional().describe('The date `state` is given for (default today)') }),
    ZCreateRequest: z.strictObject({ data: ZData, reason: ZReason.optional(), legalBasis: ZLegalBasis }).openapi(`Create${name}Request`),
    ZUpdateRequest: z.strictObject({
      data: (kind.patchSchema as unknown as z.ZodType).describe('The fields to replace; the others keep their value'),
      reason: ZReason,
      legalBasis: ZLegalBasis,
    }).openapi(`Update${name}Request`),
  };
}

/** The schemas of one kind (built once). */
export function schemasOf(kind: RegistryKind<any>) {
  let built = cache.get(kind.name);
  if (!built) {
    built = build(kind);
    cache.set(kind.name, built);
  }
  return built;
}

export const ZImportRequest = z.strictObject({
  format: ZRegistryFormat.describe('csv: a header of id, version and the fields, as exported; json: as exported'),
  content: text().min(1).describe('The file\'s text'),
  reason: ZReason,
  dryRun: z.boolean().optional().describe('Validate and report what would change, write nothing'),
}).openapi('RegistryImportRequest');

export const ZImportResult = z.object({
  kind: z.string(), format: ZRegistryFormat, dryRun: z.boolean(), total: z.number().int(),
  created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), key: z.string(), id: z.string().nullable(), outcome: z.enum(['created', 'updated', 'unchanged']) })),
}).openapi('RegistryImportResult');

export const ZHistory = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  key: z.string(),
  entries: z.array(z.object({
    seq: z.number().int().describe('Position in the registries\' audit chain (EU)'),
    at: z.string(), actorId: z.string(), actorTenant: z.string().nullable(), action: z.enum(['created', 'updated']),
    version: z.number().int(), reason: z.string().nullable(), legalBasis: z.array(z.string()), via: z.string().nullable(),
    row: z.number().int().nullable(), requestId: z.string().nullable(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  })),
}).openapi('RegistryHistory');

export const ZReviewsDueQuery = z.strictObject({
  on: ZIsoDate.optional().describe('The day of the check (default today)'),
  within: z.coerce.number().int().min(0).max(3650).optional().describe('Also reviews due within this many days'),
  kind: z.string().max(40).optional().describe('Only this kind (plural)'),
});

export const ZReviewDue = z.object({
  kind: z.string(), id: z.string().uuid(), key: z.string(), label: z.string(), owner: z.string(),
  reviewDue: z.string(), daysOverdue: z.number().int(), overdue: z.boolean(),
}).openapi('ReviewDue');

export const ZLawSnapshotQuery = z.strictObject({
  on: ZIsoDate.optional().describe('The assessment date (default today)'),
  nationality: z.string().regex(/^[A-Z]{2}$/).optional().describe('The applicant\'s nationality, for designations made only for some nationalities'),
});
