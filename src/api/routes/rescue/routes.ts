/**
 * @module api/routes/rescue/routes
 * Rescue at sea and interceptions: register an event, correct it, link the persons registered from it,
 * and assign each to a place of safety or a mechanism as the law engine answers.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { loadCaseLaw } from '../../../domain/cases/law-context.ts';
import { assignRescuedPerson } from '../../../domain/rescue/assign-rescued-person.ts';
import { getRescueEvent } from '../../../domain/rescue/get-rescue-event.ts';
import { linkRescuedPerson } from '../../../domain/rescue/link-rescued-person.ts';
import { listRescueEvents } from '../../../domain/rescue/list-rescue-events.ts';
import { registerRescueEvent } from '../../../domain/rescue/register-rescue-event.ts';
import { updateRescueEvent } from '../../../domain/rescue/update-rescue-event.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { presentRescueEvent } from './present.ts';
import {
  ZAssignedPerson, ZAssignRescuedPersonRequest, ZLinkRescuedPersonRequest, ZListRescueEventsQuery, ZRegisterRescueEventRequest, ZRescueEvent,
  ZRescueEventPage, ZUpdateRescueEventRequest,
} from './schema.ts';

export const rescueRoutes = new OpenAPIHono<AppEnv>();
const TAGS = ['Rescue at sea'];

rescueRoutes.openapi(createRoute({
  method: 'post', path: '/api/rescue-events', tags: TAGS, summary: 'Register a search-and-rescue or interception event', security: bearer,
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZRegisterRescueEventRequest) } },
  responses: { 201: { description: 'Registered', ...json(ZRescueEvent) }, ...problemResponses(400, 413, 415, 422) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const event = await registerRescueEvent({ tx, actor, input: body, requestId: c.var.requestId });
    return { status: 201, body: presentRescueEvent({ ...event, persons: [] }, actor), headers: { etag: etagOf(event.version), location: `/api/rescue-events/${event.id}` } };
  }) as never;
});

rescueRoutes.openapi(createRoute({
  method: 'get', path: '/api/rescue-events', tags: TAGS, summary: 'The events you may read, newest first', security: bearer,
  request: { query: ZListRescueEventsQuery },
  responses: { 200: { description: 'A page of events', ...json(ZRescueEventPage) }, ...problemResponses(400) },
}), async (c) => {
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const page = await asActor(c.var.services.storage.db, actor, (tx) => listRescueEvents({ tx, actor, ...query }));
  return c.json({ items: page.items.map((e) => presentRescueEvent(e, actor)), next: page.next }, 200);
});

rescueRoutes.openapi(createRoute({
  method: 'get', path: '/api/rescue-events/{id}', tags: TAGS, summary: 'An event, the persons registered from it and their assignments', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The event; ETag carries its version', ...json(ZRescueEvent) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  const view = await asActor(c.var.services.storage.db, actor, (tx) => getRescueEvent({ tx, actor, eventId: id }));
  c.header('etag', etagOf(view.version));
  return c.json(presentRescueEvent(view, actor) as never, 200);
});

rescueRoutes.openapi(createRoute({
  method: 'patch', path: '/api/rescue-events/{id}', tags: TAGS, summary: 'Correct an event\'s facts', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZUpdateRescueEventRequest) } },
  responses: { 200: { description: 'Changed', ...json(ZRescueEvent) }, ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    await updateRescueEvent({ tx, actor, eventId: id, expectedVersion: version, input: body, requestId: c.var.requestId });
    const view = await getRescueEvent({ tx, actor, eventId: id });
    return { status: 200, body: presentRescueEvent(view, actor), headers: { etag: etagOf(view.version) } };
  }) as never;
});

rescueRoutes.openapi(createRoute({
  method: 'post', path: '/api/rescue-events/{id}/persons', tags: TAGS, summary: 'Link a person registered from the event (and their case)', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZLinkRescuedPersonRequest) } },
  responses: { 201: { description: 'Linked', ...json(ZRescueEvent) }, ...problemResponses(400, 404, 409, 410, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => {
    const view = await linkRescuedPerson({ tx, actor, eventId: id, expectedVersion: version, input: body, requestId: c.var.requestId });
    return { status: 201, body: presentRescueEvent(view, actor), headers: { etag: etagOf(view.version) } };
  }) as never;
});

rescueRoutes.openapi(createRoute({
  method: 'post', path: '/api/rescue-events/{id}/assignments', tags: TAGS, security: bearer,
  summary: 'Assign a rescued person to a place of safety or a mechanism: only as the law engine\'s findings permit (a third country needs a yes)',
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZAssignRescuedPersonRequest) } },
  responses: {
    201: { description: 'Assigned: the findings, the law, who and why are kept', ...json(ZAssignedPerson) },
    ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428),
  },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  return runWrite(c, body, async (tx) => {
    const { event, assignment } = await assignRescuedPerson({ tx, actor, eventId: id, expectedVersion: version, input: body, law, requestId: c.var.requestId });
    return { status: 201, body: { event: presentRescueEvent(event, actor), assignment }, headers: { etag: etagOf(event.version) } };
  }) as never;
});
