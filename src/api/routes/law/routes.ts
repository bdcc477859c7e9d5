/**
 * @module api/routes/law/routes
 * The law engine over HTTP: `POST /api/law/assess` (facts in, findings out, exactly DOMAIN.md),
 * `GET /api/law/rules?on=DATE` (the catalogue in force) and `GET /api/law/instruments`.
 * Assessments are computed, not stored: nothing is written.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../../../domain/access/authorize.ts';
import { lawRegistryFor } from '../../../domain/registries/law-registry.ts';
import { DomainError } from '../../../domain/errors.ts';
import { isIsoDate } from '../../../rules/engine/dates.ts';
import { ZFacts, parseFacts } from '../../../../law/facts.ts';
import { assess } from '../../../../law/assess.ts';
import { instrumentsWithStatus, rulesOn } from '../../../../law/catalog.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, json, problemResponses } from '../../schemas.ts';

const ZOn = z.string().refine(isIsoDate, 'not a real date (YYYY-MM-DD)').optional().describe('Apply the law in force on this date');

const ZFinding = z.object({
  question: z.string(), country: z.string().optional(), agreement: z.string().optional(),
  outcome: z.enum(['yes', 'no', 'review', 'uncertain']), basis: z.array(z.string()).min(1), because: z.array(z.string()),
}).openapi('Finding');
const ZAssessment = z.object({
  assessedOn: z.string(), regime: z.enum(['apd-2013', 'apr-2024']), findings: z.array(ZFinding),
  deadlines: z.array(z.object({ name: z.string(), date: z.string(), basis: z.array(z.string()), because: z.array(z.string()).optional() })),
  trace: z.array(z.unknown()).optional(),
}).openapi('Assessment');

export const lawRoutes = new OpenAPIHono<AppEnv>();

lawRoutes.openapi(createRoute({
  method: 'post', path: '/api/law/assess', tags: ['Law'], summary: 'Assess facts against the law in force on a date', security: bearer,
  request: {
    query: z.strictObject({ on: ZOn, trace: z.enum(['true', 'false']).optional().describe('Add the evaluation trace') }),
    body: { required: true, ...json(ZFacts.meta({ id: 'Facts' })) },
  },
  responses: { 200: { description: 'Findings and deadlines', ...json(ZAssessment) }, ...problemResponses(400, 413, 415) },
}), async (c) => {
  authorize({ actor: c.var.actor, action: 'read', resource: 'law' });
  const query = c.req.valid('query');
  const body = c.req.valid('json');
  const on = query.on ?? body.assessedOn ?? new Date().toISOString().slice(0, 10);
  const parsed = parseFacts(body, on);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '), parsed.errors);
  // The registries and statistics in force on the date, which the facts' own `context` overrides.
  const registry = await lawRegistryFor({ db: c.var.services.storage.db, on, nationality: parsed.facts.person.nationality });
  try {
    return c.json(assess({ facts: parsed.facts, on, trace: query.trace === 'true', registry }), 200);
  } catch (error) {
    if ((error as { code?: string }).code === 'RULE_NOT_IN_FORCE') throw new DomainError('VALIDATION_FAILED', (error as Error).message, [{ path: 'query.on', message: (error as Error).message }]);
    throw error;
  }
});

lawRoutes.openapi(createRoute({
  method: 'get', path: '/api/law/rules', tags: ['Law'], summary: 'Rules and parameters in force on a date, with citations', security: bearer,
  request: { query: z.strictObject({ on: ZOn }) },
  responses: { 200: { description: 'The catalogue', ...json(z.object({ on: z.string(), rules: z.array(z.unknown()), parameters: z.array(z.unknown()) }).openapi('LawCatalog')) }, ...problemResponses(400) },
}), (c) => {
  authorize({ actor: c.var.actor, action: 'read', resource: 'law' });
  return c.json(rulesOn(c.req.valid('query').on ?? new Date().toISOString().slice(0, 10)) as never, 200);
});

lawRoutes.openapi(createRoute({
  method: 'get', path: '/api/law/instruments', tags: ['Law'], summary: 'The legal instruments cited, with their dates', security: bearer,
  request: { query: z.strictObject({ on: ZOn }) },
  responses: { 200: { description: 'Instruments', ...json(z.array(z.unknown())) }, ...problemResponses(400) },
}), (c) => {
  authorize({ actor: c.var.actor, action: 'read', resource: 'law' });
  return c.json(instrumentsWithStatus(c.req.valid('query').on ?? new Date().toISOString().slice(0, 10)) as never, 200);
});
