/**
 * @module api/routes/cases/routes
 * Case routes: thin pipelines of authenticate → validate → transaction → authorise → operation → present.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../../../domain/access/authorize.ts';
import { approveTransition, rejectTransition } from '../../../domain/cases/approve-transition.ts';
import { getCase } from '../../../domain/cases/get-case.ts';
import { getCaseFamily } from '../../../domain/cases/get-case-family.ts';
import { getCaseFindings } from '../../../domain/cases/get-case-findings.ts';
import { loadCaseLaw } from '../../../domain/cases/law-context.ts';
import { listCaseEvents } from '../../../domain/cases/list-case-events.ts';
import { listCases } from '../../../domain/cases/list-cases.ts';
import { listDecisions } from '../../../domain/cases/list-decisions.ts';
import { listTransitions } from '../../../domain/cases/list-transitions.ts';
import { openCases, type OpenCaseInput } from '../../../domain/cases/open-case.ts';
import { CASE_STAGES } from '../../../domain/cases/case.ts';
import { TRANSITIONS } from '../../../domain/cases/procedure.ts';
import { takeTransition } from '../../../domain/cases/take-transition.ts';
import { updateCase } from '../../../domain/cases/update-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { GroupCommit, type GroupCommitOptions } from '../../group-commit.ts';
import { bearer, idempotencyHeader, ifMatchHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { etagOf, expectedVersion, idempotencyOf, respond, runWrite, type WriteResult } from '../../write.ts';
import { ZFamily } from '../persons/schema.ts';
import { presentCase, presentCaseFindings, presentDecision } from './present.ts';
import {
  ZAuditEvent, ZCase, ZCaseFindingsQuery, ZCaseFindingsView, ZCaseList, ZDecideRequest, ZDecision, ZDecisionsQuery, ZListCasesQuery, ZOpenCaseRequest, ZTakeTransitionRequest,
  ZTransitionParams, ZTransitionResult, ZTransitionsQuery, ZTransitionsView, ZUpdateCaseRequest,
} from './schema.ts';


export const casesRoutes = new OpenAPIHono<AppEnv>();

casesRoutes.openapi(createRoute({
  method: 'post', path: '/api/cases', tags: ['Cases'], summary: 'Open a case', security: bearer,
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZOpenCaseRequest) } },
  responses: { 201: { description: 'Opened', ...json(ZCase) }, ...problemResponses(400, 413, 415, 422) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  const { caseOpenings, metrics } = c.var.services;
  const outcome = await caseOpenings.submit({ actor, input: body, requestId: c.var.requestId, idempotency: idempotencyOf(c, body) });
  if (!outcome.replayed) metrics.writes.inc({ tenant: actor.tenantId });
  return respond(outcome) as never;
});

/**
 * `POST /api/cases` as a group commit (api/group-commit.ts): the registrations of one tenant that
 * arrive together are opened by one {@link openCases}, each answered as if it had been alone.
 */
export function caseOpeningBatches(options: Omit<GroupCommitOptions<OpenCaseInput>, 'work'>): GroupCommit<OpenCaseInput> {
  return new GroupCommit<OpenCaseInput>({
    ...options,
    // Two registrations in one duplicate-check block (nationality and birth date) never share a batch:
    // the later is checked against the earlier once it is stored, as if they had come one after the other.
    conflictKey: (input) => (input.person?.birthDate ? `${input.person.nationality}|${input.person.birthDate}` : null),
    work: async (tx, tenantId, requests) => {
      const outcomes = await openCases({ tx, tenantId, items: requests.map(({ actor, input, requestId }) => ({ actor, input, requestId })) });
      return outcomes.map((outcome, i): WriteResult | DomainError => {
        if ('refused' in outcome) return outcome.refused;
        const { opened } = outcome;
        return { status: 201, body: presentCase(opened, requests[i]!.actor, { duplicates: opened.duplicates }), headers: { etag: etagOf(opened.version), location: `/api/cases/${opened.id}` } };
      });
    },
  });
}

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases', tags: ['Cases'], summary: 'List the cases you may read', security: bearer,
  request: { query: ZListCasesQuery },
  responses: { 200: { description: 'A page of cases, newest first', ...json(ZCaseList) }, ...problemResponses(400) },
}), async (c) => {
  const query = c.req.valid('query');
  const actor = c.var.actor;
  const page = await asActor(c.var.services.storage.db, actor, (tx) => listCases({ tx, actor, ...query }));
  return c.json({ items: page.items.map((x) => presentCase(x, actor)), next: page.next }, 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}', tags: ['Cases'], summary: 'Read a case', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The case with the actions the caller may take now and why the others are refused; ETag carries its version', ...json(ZCase) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  const { found, view } = await asActor(c.var.services.storage.db, actor, async (tx) => {
    const found = await getCase({ tx, actor, caseId: id });
    return { found, view: await listTransitions({ tx, actor, caseId: id, law, reasons: false, requestId: c.var.requestId }) };
  });
  c.header('etag', etagOf(found.version));
  return c.json(presentCase(found, actor, { view }), 200);
});

casesRoutes.openapi(createRoute({
  method: 'patch', path: '/api/cases/{id}', tags: ['Cases'], summary: 'Change a case (unit, assignee, recorded facts; a stage by its plain transition)', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZUpdateCaseRequest) } },
  responses: { 200: { description: 'Changed', ...json(ZCase) }, ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  // A stage change is checked against the law, and changed facts recompute the deadlines: both read the registries.
  const law = body.stage !== undefined || body.facts !== undefined ? await loadCaseLaw(c.var.services.storage.db) : undefined;
  return runWrite(c, body, async (tx) => {
    const updated = await updateCase({ tx, actor, caseId: id, expectedVersion: version, input: body, law, requestId: c.var.requestId });
    return { status: 200, body: presentCase(updated, actor), headers: { etag: etagOf(updated.version) } };
  }) as never;
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/events', tags: ['Cases'], summary: 'A case\'s change history', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'Audit events of the case, oldest first', ...json(ZAuditEvent.array()) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => listCaseEvents({ tx, actor, caseId: id })), 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/procedure', tags: ['Cases'], summary: 'The procedure: stages and the table of transitions, with the findings and approvals each needs', security: bearer,
  responses: { 200: { description: 'Stages and transitions', ...json(z.object({ stages: z.array(z.string()), transitions: z.array(z.unknown()) }).openapi('Procedure')) }, ...problemResponses() },
}), (c) => {
  authorize({ actor: c.var.actor, action: 'read', resource: 'law' });
  return c.json({ stages: [...CASE_STAGES], transitions: TRANSITIONS as unknown[] }, 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/transitions', tags: ['Cases'], summary: 'Where the case may go now: each transition allowed or refused by the law, with citations and reasons', security: bearer,
  request: { params: ZUuidParam, query: ZTransitionsQuery },
  responses: { 200: { description: 'The transitions from the case\'s stage on the date, the pending approval, the deadlines', ...json(ZTransitionsView) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const { on } = c.req.valid('query');
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  const view = await asActor(c.var.services.storage.db, actor, (tx) => listTransitions({ tx, actor, caseId: id, on, law, requestId: c.var.requestId }));
  c.header('etag', etagOf(view.version));
  return c.json(view as never, 200);
});

casesRoutes.openapi(createRoute({
  method: 'post', path: '/api/cases/{id}/transitions', tags: ['Cases'], summary: 'Take a transition, or propose it when it needs a supervisor\'s approval', security: bearer,
  parameters: [idempotencyHeader, ifMatchHeader],
  request: { params: ZUuidParam, body: { required: true, ...json(ZTakeTransitionRequest) } },
  responses: {
    200: { description: 'Taken: the case moved; the decision record pins the law', ...json(ZTransitionResult) },
    202: { description: 'Proposed: it waits for a supervisor other than you (four eyes)', ...json(ZTransitionResult) },
    ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428),
  },
}), async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const version = expectedVersion(c);
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  return runWrite(c, body, async (tx) => {
    const result = await takeTransition({ tx, actor, caseId: id, expectedVersion: version, input: body, law, requestId: c.var.requestId });
    const decision = result.status === 'taken' ? { decision: presentDecision(result.decision, { personal: false, trace: false }) } : {};
    return {
      status: result.status === 'taken' ? 200 : 202, headers: { etag: etagOf(result.case.version) },
      body: { status: result.status, case: presentCase(result.case, actor), transition: result.transition, ...decision },
    };
  }) as never;
});

for (const verdict of ['approve', 'reject'] as const) {
  casesRoutes.openapi(createRoute({
    method: 'post', path: `/api/cases/{id}/transitions/{transitionId}/${verdict}`, tags: ['Cases'], security: bearer,
    summary: verdict === 'approve' ? 'Approve a proposed transition (four eyes): the law is asked again, then the case moves' : 'Reject a proposed transition: the case stays where it is',
    parameters: [idempotencyHeader, ifMatchHeader],
    request: { params: ZTransitionParams, body: { required: true, ...json(ZDecideRequest) } },
    responses: { 200: { description: verdict === 'approve' ? 'Approved and applied' : 'Rejected', ...json(ZTransitionResult) }, ...problemResponses(400, 404, 409, 412, 413, 415, 422, 428) },
  }), async (c) => {
    const { id, transitionId } = c.req.valid('param');
    const body = c.req.valid('json');
    const version = expectedVersion(c);
    const actor = c.var.actor;
    const law = verdict === 'approve' ? await loadCaseLaw(c.var.services.storage.db) : null;
    return runWrite(c, body, async (tx) => {
      const options = { tx, actor, caseId: id, transitionId, expectedVersion: version, reason: body.reason, requestId: c.var.requestId };
      if (law) {
        const approved = await approveTransition({ ...options, law });
        return { status: 200, headers: { etag: etagOf(approved.case.version) },
          body: { status: 'approved', case: presentCase(approved.case, actor), transition: approved.transition, decision: presentDecision(approved.decision, { personal: false, trace: false }) } };
      }
      const rejected = await rejectTransition(options);
      return { status: 200, headers: { etag: etagOf(rejected.case.version) }, body: { status: 'rejected', case: presentCase(rejected.case, actor), transition: rejected.transition } };
    }) as never;
  });
}

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/decisions', tags: ['Cases'], summary: 'The case\'s decision records: the law pinned, the rule versions, the findings, the trace', security: bearer,
  request: { params: ZUuidParam, query: ZDecisionsQuery },
  responses: { 200: { description: 'Decision records, oldest first', ...json(z.array(ZDecision)) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const { trace } = c.req.valid('query');
  const actor = c.var.actor;
  const view = await asActor(c.var.services.storage.db, actor, (tx) => listDecisions({ tx, actor, caseId: id, requestId: c.var.requestId }));
  return c.json(view.decisions.map((d) => presentDecision(d, { personal: view.personal, trace: trace === 'true' })) as never, 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/family', tags: ['Cases'], summary: 'The family of the case\'s person, moved together where the law requires', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'Family members, whether each is a minor, and their cases you may read', ...json(ZFamily) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.var.actor;
  return c.json(await asActor(c.var.services.storage.db, actor, (tx) => getCaseFamily({ tx, actor, caseId: id, requestId: c.var.requestId })) as never, 200);
});

casesRoutes.openapi(createRoute({
  method: 'get', path: '/api/cases/{id}/findings', tags: ['Cases'], summary: 'Everything the law engine finds on the case\'s recorded facts on a date, with citations, reasons and the rule versions', security: bearer,
  request: { params: ZUuidParam, query: ZCaseFindingsQuery },
  responses: { 200: { description: 'Every finding, the deadlines, the regime and the law the answer rests on', ...json(ZCaseFindingsView) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const { on } = c.req.valid('query');
  const actor = c.var.actor;
  const law = await loadCaseLaw(c.var.services.storage.db);
  const view = await asActor(c.var.services.storage.db, actor, (tx) => getCaseFindings({ tx, actor, caseId: id, on, law, requestId: c.var.requestId }));
  c.header('etag', etagOf(view.version));
  return c.json(presentCaseFindings(view) as never, 200);
});
