/**
 * @module api/routes/persons/routes
 * Personal data: every read is logged; erasure leaves a tombstone event; the retention run erases
 * what its policy says is due.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { erasePerson } from '../../../domain/persons/erase-person.ts';
import { findDuplicates } from '../../../domain/persons/find-duplicates.ts';
import { linkFamily } from '../../../domain/persons/link-family.ts';
import { listPersonEvents } from '../../../domain/persons/list-person-events.ts';
import { mergePersons } from '../../../domain/persons/merge-persons.ts';
import { readPerson } from '../../../domain/persons/read-person.ts';
import { runRetention } from '../../../domain/persons/run-retention.ts';
import { searchPersons } from '../../../domain/persons/search-persons.ts';
import { updatePerson } from '../../../domain/persons/update-person.ts';
import { DomainError } from '../../../domain/errors.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, text, ZIsoDate, ZReason, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { ZAuditEvent } from '../cases/schema.ts';
import {
  ZDuplicateCandidate, ZFamily, ZLinkRequest, ZMergeRequest, ZMergeResult, ZPerson, ZPersonHits, ZSearchPersonsQuery, ZUpdatePersonRequest,
} from './schema.ts';


export const personsRoutes = new OpenAPIHono<AppEnv>();

personsRoutes.openapi(createRoute({
  method: 'get', path: '/api/persons', tags: ['Persons'], summary: 'Search persons by name, in any spelling, with or without accents (each person found is a logged read)', security: bearer,
  request: { query: ZSearchPersonsQuery },
  responses: { 200: { description: 'The persons you may read whose names match, best first', ...json(ZPersonHits) }, ...problemResponses(400) },
}), async (c) => {
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const items = await asActor(c.var.services.storage.db, actor, (tx) => searchPersons({ tx, actor, ...query, requestId: c.var.requestId }));
  return c.json({ items } as never, 200);
});

personsRoutes.openapi(createRoute({
  method: 'get', path: '/api/persons/{id}', tags: ['Persons'], summary: 'Read a person\'s data (the read is logged)', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The person', ...json(ZPerson) }, ...problemResponses(404, 410) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  const person = await asActor(c.var.services.storage.db, actor, (tx) =>
    readPerson({ tx, actor, personId: id, purpose: 'GET /api/persons/{id}', requestId: c.var.requestId }));
  if (person.erasedAt) throw new DomainError('ERASED', `the data of person ${id} was erased on ${person.erasedAt.slice(0, 10)}`);
  c.header('etag', etagOf(person.version));
  return c.json(person as never, 200);
});

personsRoutes.openapi(createRoute({
  method: 'patch', path: '/api/persons/{id}', tags: ['Persons'], summary: 'Change a person\'s data (the event names the fields, never their values)', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZUpdatePersonRequest) } },
  responses: { 200: { description: 'Changed', ...json(ZPerson) }, ...problemResponses(400, 404, 409, 410, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const person = await updatePerson({ tx, actor, personId: id, expectedVersion: version, changes: body.changes, reason: body.reason, requestId: c.var.requestId });
    return { status: 200, body: person, headers: { etag: etagOf(person.version) } };
  }) as never;
});

personsRoutes.openapi(createRoute({
  method: 'get', path: '/api/persons/{id}/duplicates', tags: ['Persons'], summary: 'Persons who may be the same person registered twice (a logged read)', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'Candidates, best first, with what matched', ...json(z.array(ZDuplicateCandidate)) }, ...problemResponses(404, 410) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => findDuplicates({ tx, actor, personId: id, requestId: c.var.requestId })), 200);
});

personsRoutes.openapi(createRoute({
  method: 'post', path: '/api/persons/{id}/merge', tags: ['Persons'], summary: 'Merge this duplicate into another person: it becomes a pointer, its cases move, both histories stay', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZMergeRequest) } },
  responses: { 200: { description: 'Merged', ...json(ZMergeResult) }, ...problemResponses(400, 404, 409, 410, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const result = await mergePersons({ tx, actor, personId: id, intoId: body.into, expectedVersion: version, reason: body.reason, requestId: c.var.requestId });
    return { status: 200, body: result, headers: { etag: etagOf(result.merged.version) } };
  }) as never;
});

personsRoutes.openapi(createRoute({
  method: 'post', path: '/api/persons/{id}/links', tags: ['Persons'], summary: 'Link a family member (stored both ways)', security: bearer,
  parameters: [idempotencyHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZLinkRequest) } },
  responses: { 201: { description: 'Linked: the person\'s family', ...json(ZFamily) }, ...problemResponses(400, 404, 409, 410, 413, 415, 422) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => ({
    status: 201,
    body: await linkFamily({ tx, actor, personId: id, relatedId: body.personId, relation: body.relation, reason: body.reason, requestId: c.var.requestId }),
  })) as never;
});

personsRoutes.openapi(createRoute({
  method: 'get', path: '/api/persons/{id}/events', tags: ['Persons'], summary: 'A person\'s history, with the history of every duplicate merged into it', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'Audit events, in chain order', ...json(z.array(ZAuditEvent)) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listPersonEvents({ tx, actor, personId: id })), 200);
});

const ZErasureRequest = z.strictObject({
  reason: ZReason,
  legalBasis: z.array(text().min(3).max(300)).min(1).max(10).describe('The provision the erasure executes (e.g. GDPR Art. 17(1)(a))'),
}).openapi('ErasureRequest');

personsRoutes.openapi(createRoute({
  method: 'post', path: '/api/persons/{id}/erasure', tags: ['Persons'], summary: 'Erase a person\'s data, leaving a tombstone event', security: bearer,
  request: { params: ZUuidParam, body: { required: true, ...json(ZErasureRequest) } },
  responses: { 200: { description: 'Erased', ...json(z.object({ personId: z.string(), erased: z.literal(true) })) }, ...problemResponses(400, 404, 410, 415) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    await erasePerson({ tx, actor, personId: id, reason: body.reason, legalBasis: body.legalBasis, requestId: c.var.requestId });
    return { status: 200, body: { personId: id, erased: true } };
  }) as never;
});

const ZRetentionRequest = z.strictObject({ on: ZIsoDate.optional().describe('Erase what expired before this date (default today)') }).openapi('RetentionRunRequest');

personsRoutes.openapi(createRoute({
  method: 'post', path: '/api/retention/run', tags: ['Persons'], summary: 'Erase every record of your tenant whose retention period ended', security: bearer,
  request: { body: { required: true, ...json(ZRetentionRequest) } },
  responses: { 200: { description: 'Erased records', ...json(z.object({ erased: z.array(z.string()) })) }, ...problemResponses(400, 415) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const result = await runRetention({ tx, actor, on: body.on ?? new Date().toISOString().slice(0, 10), requestId: c.var.requestId });
    return { status: 200, body: result };
  }) as never;
});
