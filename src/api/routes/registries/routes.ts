/**
 * @module api/routes/registries/routes
 * The shared registries over HTTP, the same routes for every kind of the catalogue
 * (`/api/registries/<plural>`): list and search, export (CSV, JSON), import, read, change with
 * If-Match, and a record's field-by-field history. Then the cross-kind routes: reviews due, a
 * country's page-worth of related records, the registry facts in the law engine's shapes, and (in
 * `checks.ts`) the funding and asylum-access checks and a partnership's profile.
 * Each route is a thin pipeline: validate → transaction → domain operation (which authorises) → present.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { countryKind, holdsOn, type Country } from '../../../domain/countries/country.ts';
import { DomainError } from '../../../domain/errors.ts';
import { REGISTRY_KINDS, findRegistryKind } from '../../../domain/registries/catalog.ts';
import { readRegistries } from '../../../domain/registries/chain.ts';
import { createRegistryRecord } from '../../../domain/registries/create-record.ts';
import { exportRegistry } from '../../../domain/registries/export-records.ts';
import { getRegistryRecord } from '../../../domain/registries/get-record.ts';
import { importRegistry } from '../../../domain/registries/import-records.ts';
import type { RegistryKind } from '../../../domain/registries/kind.ts';
import { loadLawSnapshot } from '../../../domain/registries/law-snapshot.ts';
import { listRegistryRecords } from '../../../domain/registries/list-records.ts';
import { listRelatedRecords } from '../../../domain/registries/list-related-records.ts';
import { listReviewsDue } from '../../../domain/registries/list-reviews-due.ts';
import { getRegistryHistory } from '../../../domain/registries/record-history.ts';
import { updateRegistryRecord } from '../../../domain/registries/update-record.ts';
import { authorize } from '../../../domain/access/authorize.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, ZIsoDate } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { checksRoutes } from './checks.ts';
import { presentRecord, today } from './present.ts';
import { schemasOf, ZHistory, ZImportRequest, ZImportResult, ZLawSnapshotQuery, ZReviewDue, ZReviewsDueQuery } from './schema.ts';

const ZIdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, description: 'The record\'s id, or its key', example: 'TR' }),
});

/** Splits a validated list query into the list options and the kind's filters. */
function listOptions(kind: RegistryKind<any>, query: Record<string, unknown>) {
  const filters: Record<string, string | undefined> = {};
  for (const name of Object.keys(kind.filters)) filters[name] = query[name] as string | undefined;
  return { q: query.q as string | undefined, on: query.on as string | undefined, filters };
}

/** The routes of one registry kind. */
function kindRoutes(kind: RegistryKind<any>): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  const base = `/api/registries/${kind.plural}`;
  const tags = [`Registries: ${kind.title}`];
  const s = schemasOf(kind);

  routes.openapi(createRoute({
    method: 'get', path: base, tags, summary: `List and search ${kind.plural}`, description: kind.description, security: bearer,
    request: { query: s.ZListQuery },
    responses: { 200: { description: 'A page of records, in key order', ...json(s.ZPage) }, ...problemResponses(400) },
  }), async (c) => {
    const query = c.req.valid('query') as Record<string, unknown>;
    const actor = c.var.actor;
    const page = await asActor(c.var.services.storage.db, actor, (tx) => listRegistryRecords({
      tx, actor, kind, ...listOptions(kind, query), limit: query.limit as number | undefined, after: query.after as string | undefined,
    }));
    const on = (query.on as string | undefined) ?? today();
    return c.json({ items: page.items.map((r) => presentRecord(kind, r, actor, on)), next: page.next } as never, 200);
  });

  routes.openapi(createRoute({
    method: 'get', path: `${base}/export`, tags, summary: `Export ${kind.plural} as CSV or JSON`, security: bearer,
    description: 'The records a list with the same query would show, every one. CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are written with a leading \'; an export imports back unchanged.',
    request: { query: s.ZExportQuery },
    responses: {
      200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.object({ kind: z.string(), exportedAt: z.string(), count: z.number().int(), records: z.array(z.unknown()) }) } } },
      ...problemResponses(400),
    },
  }), async (c) => {
    const query = c.req.valid('query') as Record<string, unknown>;
    const actor = c.var.actor;
    const file = await asActor(c.var.services.storage.db, actor, (tx) => exportRegistry({
      tx, actor, kind, format: (query.format as 'csv' | 'json' | undefined) ?? 'csv', ...listOptions(kind, query),
    }));
    return c.body(file.body, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'x-record-count': String(file.count) }) as never;
  });

  routes.openapi(createRoute({
    method: 'post', path: `${base}/import`, tags, summary: `Import ${kind.plural} from CSV or JSON (all or nothing)`, security: bearer,
    description: 'Each row is matched by id, else by key: unchanged rows are left alone (importing a file twice changes nothing), changed rows update their record, new rows create one. A malformed file is refused with the line and column of every problem, and nothing is written.',
    parameters: [idempotencyHeader],
    request: { body: { required: true, ...json(ZImportRequest) } },
    responses: { 200: { description: 'What the import did (or would do, with dryRun)', ...json(ZImportResult) }, ...problemResponses(400, 409, 413, 415, 422) },
  }), async (c) => {
    const body = c.req.valid('json');
    const actor = c.var.actor;
    return runWrite(c, body, async (tx) => {
      const result = await importRegistry({ tx, actor, kind, format: body.format, content: body.content, reason: body.reason, dryRun: body.dryRun ?? false, requestId: c.var.requestId });
      return { status: 200, body: result };
    }) as never;
  });

  if (kind.creatable) {
    routes.openapi(createRoute({
      method: 'post', path: base, tags, summary: `Create a ${kind.name}`, security: bearer,
      parameters: [idempotencyHeader],
      request: { body: { required: true, ...json(s.ZCreateRequest) } },
      responses: { 201: { description: 'Created', ...json(s.ZRecord) }, ...problemResponses(400, 409, 413, 415, 422) },
    }), async (c) => {
      const body = c.req.valid('json');
      const actor = c.var.actor;
      return runWrite(c, body, async (tx) => {
        const created = await createRegistryRecord({ tx, actor, kind, data: body.data, reason: body.reason ?? null, legalBasis: body.legalBasis ?? [], requestId: c.var.requestId });
        return { status: 201, body: presentRecord(kind, created, actor), headers: { etag: etagOf(created.version), location: `${base}/${created.id}` } };
      }) as never;
    });
  }

  routes.openapi(createRoute({
    method: 'get', path: `${base}/{id}`, tags, summary: `Read a ${kind.name}`, security: bearer,
    request: { params: ZIdParam, query: s.ZReadQuery },
    responses: { 200: { description: 'The record; ETag carries its version', ...json(s.ZRecord) }, ...problemResponses(400, 404) },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const { on } = c.req.valid('query');
    const actor = c.var.actor;
    const found = await asActor(c.var.services.storage.db, actor, (tx) => getRegistryRecord({ tx, actor, kind, idOrKey: id }));
    c.header('etag', etagOf(found.version));
    return c.json(presentRecord(kind, found, actor, on ?? today()) as never, 200);
  });

  routes.openapi(createRoute({
    method: 'patch', path: `${base}/{id}`, tags, summary: `Change a ${kind.name}`, security: bearer,
    description: 'The fields given replace the record\'s fields of the same name. Send If-Match with the ETag you read: if somebody changed the record since, the answer is 412 and nothing is written.',
    parameters: [idempotencyHeader, ifMatchHeader],
    request: { params: ZIdParam, body: { required: true, ...json(s.ZUpdateRequest) } },
    responses: { 200: { description: 'Changed', ...json(s.ZRecord) }, ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428) },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const version = expectedVersion(c);
    const actor = c.var.actor;
    return runWrite(c, body, async (tx) => {
      const updated = await updateRegistryRecord({ tx, actor, kind, idOrKey: id, expectedVersion: version, changes: body.data as Record<string, unknown>, reason: body.reason, legalBasis: body.legalBasis ?? [], requestId: c.var.requestId });
      return { status: 200, body: presentRecord(kind, updated, actor), headers: { etag: etagOf(updated.version) } };
    }) as never;
  });

  routes.openapi(createRoute({
    method: 'get', path: `${base}/{id}/history`, tags, summary: `A ${kind.name}'s history, field by field`, security: bearer,
    description: 'Derived from the registries\' audit chain: who changed which field from what to what, when, from which tenant, why.',
    request: { params: ZIdParam },
    responses: { 200: { description: 'Oldest first', ...json(ZHistory) }, ...problemResponses(404) },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const actor = c.var.actor;
    const history = await readRegistries(c.var.services.storage.db, actor, (tx) => getRegistryHistory({ tx, actor, kind, idOrKey: id }));
    return c.json({ id: history.record.id, kind: kind.name, key: history.record.key, entries: history.entries } as never, 200);
  });
  return routes;
}

export const registriesRoutes = new OpenAPIHono<AppEnv>();

registriesRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/reviews-due', tags: ['Registries'], summary: 'Records whose review date has come (review reminders)', security: bearer,
  description: 'Records still in force whose review date is on or before `on` (plus `within` days), most overdue first.',
  request: { query: ZReviewsDueQuery },
  responses: { 200: { description: 'Reviews due', ...json(z.array(ZReviewDue)) }, ...problemResponses(400) },
}), async (c) => {
  const { on, within, kind: only } = c.req.valid('query');
  const kind = only ? findRegistryKind(only) : undefined;
  if (only && !kind) throw new DomainError('VALIDATION_FAILED', `no registry ${only}`, [{ path: 'query.kind', message: `one of ${REGISTRY_KINDS.map((k) => k.plural).join(', ')}` }]);
  const actor = c.var.actor;
  const due = await asActor(c.var.services.storage.db, actor, (tx) => listReviewsDue({ tx, actor, kinds: kind ? [kind] : REGISTRY_KINDS, on: on ?? today(), within: within ?? 0 }));
  return c.json(due, 200);
});

registriesRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/law-snapshot', tags: ['Registries'], summary: 'The registry facts the law engine reads, in its shapes', security: bearer,
  description: 'Designations, readmission, agreements and crisis authorisations as `context` of an assessment on `on` (../shared/DOMAIN.md), verified facts only; and the candidate countries on that date.',
  request: { query: ZLawSnapshotQuery },
  responses: { 200: { description: 'The snapshot', ...json(z.object({ on: z.string(), revision: z.number().int(), candidates: z.array(z.string()), context: z.record(z.string(), z.unknown()) })) }, ...problemResponses(400) },
}), async (c) => {
  const { on = today(), nationality } = c.req.valid('query');
  for (const resource of ['designation', 'readmission', 'partnership', 'mechanism', 'border-situation'] as const) authorize({ actor: c.var.actor, action: 'read', resource });
  const snapshot = await loadLawSnapshot({ db: c.var.services.storage.db });
  return c.json({ on, revision: snapshot.revision, candidates: snapshot.candidatesOn(on), context: snapshot.contextOn(on, nationality ? { nationality } : {}) }, 200);
});

registriesRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/countries/{id}/profile', tags: ['Registries: Countries'], summary: 'A country and every record that names it, on a date', security: bearer,
  description: 'The country\'s EU, Schengen and candidate status on `on`, and the designations, readmission status (and, as the registries grow, agreements, mechanisms, facilities and funding) that name it, each with its state on that date.',
  request: { params: ZIdParam, query: z.strictObject({ on: ZIsoDate.optional().describe('Default today') }) },
  responses: { 200: { description: 'The country\'s profile', ...json(z.object({ on: z.string(), country: schemasOf(countryKind).ZRecord, status: z.object({ euMember: z.boolean(), schengen: z.string().nullable(), candidate: z.boolean() }), related: z.record(z.string(), z.array(z.unknown())) })) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const on = c.req.valid('query').on ?? today();
  const actor = c.var.actor;
  const { country, related } = await asActor(c.var.services.storage.db, actor, async (tx) => {
    const found = await getRegistryRecord({ tx, actor, kind: countryKind, idOrKey: id });
    return { country: found, related: await listRelatedRecords({ tx, actor, kinds: REGISTRY_KINDS.filter((k) => k !== countryKind), ref: `country:${found.key}` }) };
  });
  const data = country.data as Country;
  const schengen = data.schengen.find((p) => p.from <= on && (p.to === null || on <= p.to));
  return c.json({
    on,
    country: presentRecord(countryKind, country, actor, on),
    status: { euMember: holdsOn(data.euMembership, on), schengen: schengen?.scope ?? null, candidate: holdsOn(data.candidate, on) },
    related: Object.fromEntries([...related].map(([kind, records]) => [kind.plural, records.map((r) => presentRecord(kind, r, actor, on))])),
  } as never, 200);
});

registriesRoutes.route('/', checksRoutes);
for (const kind of REGISTRY_KINDS) registriesRoutes.route('/', kindRoutes(kind));
