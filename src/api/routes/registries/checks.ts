/**
 * @module api/routes/registries/checks
 * Reads across registry kinds: the funding consistency checks, the asylum-access check of border
 * measures (C-808/18, C-72/22), and a partnership's page-worth of linked records (mechanisms,
 * facilities, funding, outreach). Thin pipelines: validate → read transaction → domain → JSON.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkAsylumAccess } from '../../../domain/border-situations/check-asylum-access.ts';
import { checkFunding } from '../../../domain/funding/check-funding.ts';
import { getPartnershipProfile } from '../../../domain/partnerships/get-partnership-profile.ts';
import { partnershipKind } from '../../../domain/partnerships/partnership.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, json, problemResponses, ZIsoDate } from '../../schemas.ts';
import { presentRecord, today } from './present.ts';
import { schemasOf } from './schema.ts';


const ZSeverity = z.enum(['error', 'warning']);

export const ZFundingFinding = z.object({
  check: z.string().describe('measure-objective-missing, proposal-instrument-used, outside-instrument-period, commitments-exceed-envelope, disbursed-exceeds-committed, disbursement-currency-differs, disbursed-before-committed, disbursement-without-commitment, implementation-without-funding, funding-not-secured'),
  severity: ZSeverity,
  subject: z.object({ kind: z.string(), key: z.string() }),
  message: z.string(),
  related: z.array(z.string()).describe('Other records involved, as kind:key'),
  basis: z.string().nullable(),
}).openapi('FundingFinding');

const ZCitation = z.object({ title: z.string(), url: z.string() });

export const ZAccessFinding = z.object({
  check: z.string().describe('applications-not-received, no-access-point, designated-points-with-caps, access-away-from-section, applications-capped'),
  severity: ZSeverity,
  memberState: z.string(),
  situation: z.string().describe('The border situation\'s key'),
  section: z.string(),
  message: z.string(),
  basis: z.array(ZCitation),
}).openapi('AsylumAccessFinding');

export const checksRoutes = new OpenAPIHono<AppEnv>();

checksRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/funding-checks', tags: ['Registries: Funding'], summary: 'Funding consistency checks on a date', security: bearer,
  description: 'Findings across instruments, funding lines, partnerships, mechanisms and facilities: NDICI-Global Europe money tagged to a measure with no development objective, money committed from a proposal, disbursed more than committed, a mechanism in implementation with no funding committed, and more. Errors first.',
  request: { query: z.strictObject({ on: ZIsoDate.optional().describe('The date of the check (default today)') }) },
  responses: { 200: { description: 'The findings', ...json(z.object({ on: z.string(), errors: z.number().int(), warnings: z.number().int(), findings: z.array(ZFundingFinding) })) }, ...problemResponses(400) },
}), async (c) => {
  const on = c.req.valid('query').on ?? today();
  const actor = c.var.actor;
  const findings = await asActor(c.var.services.storage.db, actor, (tx) => checkFunding({ tx, actor, on }));
  return c.json({ on, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length, findings }, 200);
});

checksRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/asylum-access-check', tags: ['Registries: Border situations'], summary: 'Does the set of border measures leave effective access to asylum?', security: bearer,
  description: 'For each declared border situation in force on the date: crossing points closed, hours limited, applications confined or capped, and the places left to apply — flagged where no effective access remains (C-808/18 Commission v Hungary; C-72/22 PPU M.A.). Crisis authorisations in force are listed: their derogations delay registration, never bar access.',
  request: { query: z.strictObject({ on: ZIsoDate.optional().describe('The date of the check (default today)'), memberState: z.string().regex(/^[A-Z]{2}$/).optional().describe('Only this Member State') }) },
  responses: {
    200: {
      description: 'Situations, authorisations and findings',
      ...json(z.object({
        on: z.string(),
        situations: z.array(z.object({ key: z.string(), memberState: z.string(), type: z.string(), section: z.string(), measures: z.array(z.string()), accessPoints: z.array(z.string()) })),
        authorisations: z.array(z.object({ memberState: z.string(), kind: z.string(), from: z.string(), to: z.string(), derogations: z.array(z.string()) })),
        findings: z.array(ZAccessFinding),
      })),
    },
    ...problemResponses(400),
  },
}), async (c) => {
  const { on = today(), memberState } = c.req.valid('query');
  const actor = c.var.actor;
  const result = await asActor(c.var.services.storage.db, actor, (tx) => checkAsylumAccess({ tx, actor, on, memberState }));
  return c.json(result, 200);
});

checksRoutes.openapi(createRoute({
  method: 'get', path: '/api/registries/partnerships/{id}/profile', tags: ['Registries: Partnerships and agreements'], summary: 'A partnership and everything linked to it, on a date', security: bearer,
  description: 'The partnership (phase, next gate) with the mechanisms it sets up, their facilities (capacity on the date), the funding to any of them, and the joint messages and outreach events about it, each with its state on that date.',
  request: {
    params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path', required: true }, description: 'The partnership\'s id, or its code', example: 'it-al-protocol' }) }),
    query: z.strictObject({ on: ZIsoDate.optional().describe('Default today') }),
  },
  responses: { 200: { description: 'The partnership\'s profile', ...json(z.object({ on: z.string(), partnership: schemasOf(partnershipKind).ZRecord, related: z.record(z.string(), z.array(z.unknown())) })) }, ...problemResponses(400, 404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const on = c.req.valid('query').on ?? today();
  const actor = c.var.actor;
  const profile = await asActor(c.var.services.storage.db, actor, (tx) => getPartnershipProfile({ tx, actor, idOrKey: id }));
  return c.json({
    on,
    partnership: presentRecord(partnershipKind, profile.partnership, actor, on),
    related: Object.fromEntries([...profile.related].map(([kind, records]) => [kind.plural, records.map((r) => presentRecord(kind, r, actor, on))])),
  } as never, 200);
});
