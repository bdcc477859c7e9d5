/**
 * @module api/routes/persons/routes
 * Personal data: every read is logged; erasure leaves a tombstone event; the retention run erases
 * what its policy says is due.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { erasePerson } from '../../../domain/persons/erase-person.ts';
import { readPerson } from '../../../domain/persons/read-person.ts';
import { runRetention } from '../../../domain/persons/run-retention.ts';
import { DomainError } from '../../../domain/errors.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, problemResponses, text, ZIsoDate, ZReason, ZUuidParam } from '../../schemas.ts';
import { runWrite } from '../../write.ts';
import { ZPersonData } from '../cases/schema.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const ZPerson = z.object({
  id: z.string().uuid(), tenantId: z.string(), recordType: z.string(), data: ZPersonData.nullable(),
  createdAt: z.string(), retainUntil: z.string().nullable(), erasedAt: z.string().nullable(),
}).openapi('Person');

export const personsRoutes = new OpenAPIHono<AppEnv>();

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
  return c.json(person, 200);
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
