/**
 * @module api/routes/transfers/routes
 * Transfer routes — plan, read, list, confirm (four eyes), execute (the last-moment check), cancel,
 * record departures — and a facility's occupancy over time: thin pipelines of authenticate →
 * validate → transaction → operation (which authorises) → present.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { loadCaseLaw } from '../../../domain/cases/law-context.ts';
import { cancelTransfer } from '../../../domain/transfers/cancel-transfer.ts';
import { confirmTransfer } from '../../../domain/transfers/confirm-transfer.ts';
import { executeTransfer } from '../../../domain/transfers/execute-transfer.ts';
import { recordingRefusal } from '../../../domain/transfers/record-refused-execution.ts';
import { getFacilityOccupancy } from '../../../domain/transfers/get-facility-occupancy.ts';
import { listTransfers } from '../../../domain/transfers/list-transfers.ts';
import { planTransfer } from '../../../domain/transfers/plan-transfer.ts';
import { recordDeparture } from '../../../domain/transfers/record-departure.ts';
import { loadTransfer, type Transfer } from '../../../domain/transfers/transfer.ts';
import { addDays } from '../../../rules/engine/dates.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, runWrite } from '../../write.ts';
import { presentTransfer } from './present.ts';
import {
  ZDepartureRequest, ZExecuteTransferRequest, ZFacilityOccupancy, ZListTransfersQuery, ZOccupancyQuery, ZPlanTransferRequest, ZTransfer,
  ZTransferList, ZTransferReasonRequest,
} from './schema.ts';

export const transfersRoutes = new OpenAPIHono<AppEnv>();

const WRITE_PROBLEMS = problemResponses(400, 404, 409, 412, 413, 415, 422, 428);

transfersRoutes.openapi(createRoute({
  method: 'post', path: '/api/transfers', tags: ['Transfers'], security: bearer,
  summary: 'Plan a transfer: the law is asked for every person on its date, and each holds a place at the facility',
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZPlanTransferRequest) } },
  responses: { 201: { description: 'Planned; it waits for a second person\'s confirmation', ...json(ZTransfer) }, ...problemResponses(400, 404, 409, 413, 415, 422) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  return runWrite(c, body, async (tx) => {
    const planned = await planTransfer({ tx, actor, input: body, law, requestId: c.var.requestId });
    return { status: 201, body: presentTransfer(planned, actor), headers: { etag: etagOf(planned.version), location: `/api/transfers/${planned.id}` } };
  }) as never;
});

transfersRoutes.openapi(createRoute({
  method: 'get', path: '/api/transfers', tags: ['Transfers'], summary: 'List the transfers whose every case you may read', security: bearer,
  request: { query: ZListTransfersQuery },
  responses: { 200: { description: 'A page of transfers, latest date first', ...json(ZTransferList) }, ...problemResponses(400) },
}), async (c) => {
  const { facility, ...query } = c.req.valid('query');
  const actor = c.var.actor;
  const page = await asActor(c.var.services.storage.db, actor, (tx) => listTransfers({ tx, actor, ...query, facilityId: facility }));
  return c.json({ items: page.items.map((t) => presentTransfer(t, actor)), next: page.next } as never, 200);
});

transfersRoutes.openapi(createRoute({
  method: 'get', path: '/api/transfers/{id}', tags: ['Transfers'], summary: 'Read a transfer: its manifest, places, the findings it rests on', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The transfer, with what you may do with it; ETag carries its version', ...json(ZTransfer) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  const found = await asActor(c.var.services.storage.db, actor, (tx) => loadTransfer({ tx, actor, transferId: id }));
  c.header('etag', etagOf(found.version));
  return c.json(presentTransfer(found, actor) as never, 200);
});

type Change = 'confirm' | 'execute' | 'cancel' | 'departures';
const CHANGES: Array<{ change: Change; summary: string; description: string; body: typeof ZTransferReasonRequest | typeof ZExecuteTransferRequest | typeof ZDepartureRequest }> = [
  { change: 'confirm', summary: 'Confirm a planned transfer (four eyes: not its planner)', description: 'Confirmed', body: ZTransferReasonRequest },
  { change: 'execute', summary: 'Execute a confirmed transfer: the law is asked again on the day, and any changed answer blocks it (422 TRANSFER_BLOCKED)', description: 'Executed: the cases moved, the places are taken', body: ZExecuteTransferRequest },
  { change: 'cancel', summary: 'Cancel a planned or confirmed transfer: its places are released', description: 'Cancelled', body: ZTransferReasonRequest },
  { change: 'departures', summary: 'Record that persons left the facility they were transferred to', description: 'Recorded: they no longer count at the facility from that day', body: ZDepartureRequest },
];

for (const { change, summary, description, body: schema } of CHANGES) {
  transfersRoutes.openapi(createRoute({
    method: 'post', path: `/api/transfers/{id}/${change}`, tags: ['Transfers'], summary, security: bearer,
    parameters: [idempotencyHeader, ifMatchHeader],
    request: { params: ZUuidParam, body: { required: true, ...json(schema) } },
    responses: { 200: { description, ...json(ZTransfer) }, ...WRITE_PROBLEMS },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') as { reason: string; on?: string; caseIds?: string[] };
    const version = expectedVersion(c);
    const actor = c.var.actor;
    const law = change === 'execute' ? await loadCaseLaw(c.var.services.storage.db) : null;
    // A refused execution is recorded in a transaction of its own, after the refused one rolled back.
    return recordingRefusal({ db: c.var.services.storage.db, actor, reason: body.reason, requestId: c.var.requestId }, () => runWrite(c, body, async (tx) => {
      const options = { tx, actor, transferId: id, expectedVersion: version, reason: body.reason, requestId: c.var.requestId };
      let changed: Transfer;
      if (change === 'confirm') changed = await confirmTransfer(options);
      else if (change === 'cancel') changed = await cancelTransfer(options);
      else if (change === 'departures') changed = await recordDeparture({ ...options, on: body.on!, caseIds: body.caseIds });
      else changed = await executeTransfer({ ...options, input: { reason: body.reason, on: body.on }, law: law! });
      return { status: 200, body: presentTransfer(changed, actor), headers: { etag: etagOf(changed.version) } };
    })) as never;
  });
}

transfersRoutes.openapi(createRoute({
  method: 'get', path: '/api/facilities/{id}/occupancy', tags: ['Transfers'], security: bearer,
  summary: 'A facility\'s places over time: capacity, places held and taken, free — aggregate numbers over every Member State',
  request: { params: ZUuidParam, query: ZOccupancyQuery },
  responses: { 200: { description: 'One entry per day', ...json(ZFacilityOccupancy) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const from = query.from ?? new Date().toISOString().slice(0, 10);
  const to = query.to ?? addDays(from, 30);
  const view = await asActor(c.var.services.storage.db, actor, (tx) => getFacilityOccupancy({ tx, actor, facility: id, from, to }));
  return c.json(view as never, 200);
});
