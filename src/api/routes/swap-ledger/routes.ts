/**
 * @module api/routes/swap-ledger/routes
 * The 1:1 ledger: the shared view (both legs, balance, cap, lead times) that every user reads, the
 * entitlements, the caller's tenant's own entries, and recording a return or a resettlement.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { loadCaseLaw } from '../../../domain/cases/law-context.ts';
import { getLedger, readLedger } from '../../../domain/swap-ledger/get-ledger.ts';
import { listEntitlements } from '../../../domain/swap-ledger/list-entitlements.ts';
import { listEntries } from '../../../domain/swap-ledger/list-entries.ts';
import { listLedgers } from '../../../domain/swap-ledger/list-ledgers.ts';
import { recordResettlement } from '../../../domain/swap-ledger/record-resettlement.ts';
import { recordReturn } from '../../../domain/swap-ledger/record-return.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, json, problemResponses } from '../../schemas.ts';
import { etagOf, runWrite } from '../../write.ts';
import {
  ZEntitlementPage, ZEntitlementsQuery, ZEntriesQuery, ZLedgerEntry, ZLedgerQuery, ZLedgerTotals, ZLedgerView, ZMechanismParam, ZRecordedLeg,
  ZRecordResettlementRequest, ZRecordReturnRequest,
} from './schema.ts';

export const swapLedgerRoutes = new OpenAPIHono<AppEnv>();
const TAGS = ['1:1 ledger'];

swapLedgerRoutes.openapi(createRoute({
  method: 'get', path: '/api/swap-ledgers', tags: TAGS, summary: 'Every 1:1 swap mechanism with its ledger\'s totals', security: bearer,
  responses: { 200: { description: 'Totals per mechanism: returns, resettlements, balance, cap', ...json(z.array(ZLedgerTotals)) }, ...problemResponses() },
}), async (c) => {
  const actor = c.var.actor;
  return c.json(await readLedger(c.var.services.storage.db, actor, (tx) => listLedgers({ tx, actor })), 200);
});

swapLedgerRoutes.openapi(createRoute({
  method: 'get', path: '/api/swap-ledgers/{mechanism}', tags: TAGS, summary: 'A mechanism\'s ledger: both legs, balance, cap, lead times (shared by every participant)', security: bearer,
  request: { params: ZMechanismParam, query: ZLedgerQuery },
  responses: { 200: { description: 'The ledger; ETag moves with every count', ...json(ZLedgerView) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { mechanism } = c.req.valid('param');
  const { on } = c.req.valid('query');
  const actor = c.var.actor;
  const view = await readLedger(c.var.services.storage.db, actor, (tx) => getLedger({ tx, actor, mechanism, on }));
  c.header('etag', etagOf(view.returns + view.resettlements));
  return c.json(view, 200);
});

swapLedgerRoutes.openapi(createRoute({
  method: 'get', path: '/api/swap-ledgers/{mechanism}/entitlements', tags: TAGS, summary: 'A mechanism\'s entitlements, oldest return first (no personal data)', security: bearer,
  request: { params: ZMechanismParam, query: ZEntitlementsQuery },
  responses: { 200: { description: 'A page of entitlements', ...json(ZEntitlementPage) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { mechanism } = c.req.valid('param');
  const query = c.req.valid('query');
  const actor = c.var.actor;
  return c.json(await readLedger(c.var.services.storage.db, actor, (tx) => listEntitlements({ tx, actor, mechanism, ...query })), 200);
});

swapLedgerRoutes.openapi(createRoute({
  method: 'get', path: '/api/swap-ledgers/{mechanism}/entries', tags: TAGS, summary: 'Your tenant\'s entries: which of its cases were counted on which leg, with the findings', security: bearer,
  request: { params: ZMechanismParam, query: ZEntriesQuery },
  responses: { 200: { description: 'Entries of the cases you may read', ...json(z.array(ZLedgerEntry)) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { mechanism } = c.req.valid('param');
  const { leg } = c.req.valid('query');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listEntries({ tx, actor, mechanism, leg })) as never, 200);
});

swapLedgerRoutes.openapi(createRoute({
  method: 'post', path: '/api/swap-ledgers/{mechanism}/returns', tags: TAGS, security: bearer, parameters: [idempotencyHeader],
  summary: 'Count a return under the mechanism: only when the law engine\'s one-to-one-return finding is yes on the day of the return',
  request: { params: ZMechanismParam, body: { required: true, ...json(ZRecordReturnRequest) } },
  responses: {
    201: { description: 'Counted: one resettlement entitlement opened', ...json(ZRecordedLeg) },
    ...problemResponses(400, 404, 409, 413, 415, 422),
  },
}), async (c) => {
  const { mechanism } = c.req.valid('param');
  const body = c.req.valid('json');
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  return runWrite(c, body, async (tx) => ({
    status: 201, body: await recordReturn({ tx, actor, mechanism, input: body, law, requestId: c.var.requestId }),
  })) as never;
});

swapLedgerRoutes.openapi(createRoute({
  method: 'post', path: '/api/swap-ledgers/{mechanism}/resettlements', tags: TAGS, security: bearer, parameters: [idempotencyHeader],
  summary: 'Record a resettlement against an open entitlement (the one named, else the oldest)',
  request: { params: ZMechanismParam, body: { required: true, ...json(ZRecordResettlementRequest) } },
  responses: {
    201: { description: 'Recorded: the entitlement is used', ...json(ZRecordedLeg) },
    ...problemResponses(400, 404, 409, 413, 415, 422),
  },
}), async (c) => {
  const { mechanism } = c.req.valid('param');
  const body = c.req.valid('json');
  const actor = c.var.actor;
  return runWrite(c, body, async (tx) => ({
    status: 201, body: await recordResettlement({ tx, actor, mechanism, input: body, requestId: c.var.requestId }),
  })) as never;
});
