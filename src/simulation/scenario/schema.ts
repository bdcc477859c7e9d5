/**
 * @module simulation/scenario/schema
 * A scenario is a baseline plus an overlay (STYLE.md principle 8): a list of dated changes to the
 * model's parameters, capacities, designations, agreements, readmission cooperation, arrivals or the
 * law's reading, each with the source it rests on. The simulator applies them from their dates on top
 * of an immutable baseline; a scenario with no changes IS the baseline. The schema is strict: an
 * unknown field, a wrong type or a change without its source is refused with the field's path.
 *
 * ```yaml
 * id: border-capacity-doubled
 * title: Border-procedure places doubled
 * period: { start: 2026-01-01, months: 24 }       # optional; the default horizon
 * changes:
 *   - kind: capacity
 *     resource: border-procedure                   # all Member States unless memberState is given
 *     factor: 2
 *     from: 2026-06-12
 *     source: { title: Commission Implementing Decision (EU) 2024/2150, url: https://eur-lex.europa.eu/eli/dec_impl/2024/2150/oj }
 * ```
 */
import { z } from 'zod';
import { isIsoDate } from '../../rules/engine/dates.ts';
import { normaliseCountry } from '../../lib/country-codes.ts';
import { AGREEMENT_KINDS } from '../../../law/facts.ts';
import { MEMBER_STATES, PARAMETER_NAMES, ROUTES } from '../model/parameters.ts';

const ZDate = z.string().refine(isIsoDate, 'not a real date (YYYY-MM-DD)');
/** Text PostgreSQL stores faithfully: no NUL, no unpaired surrogate (scenarios are stored as jsonb). */
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (min: number, max: number) => z.string().min(min).max(max).refine((t) => !UNSAFE.test(t), 'contains a NUL or an unpaired surrogate');
const ZCountry = z.string().refine((c) => normaliseCountry(c) !== null, 'unknown country code (ISO 3166-1 alpha-2)').transform((c) => normaliseCountry(c)!);
const ZMemberState = z.enum(MEMBER_STATES);

/** Where a change comes from: a published source, or an assumption stated in words. */
export const ZSource = z.union([
  z.strictObject({ title: text(3, 500), url: z.url() }),
  z.strictObject({ assumption: text(10, 2000) }),
], { error: 'every change needs its source: {title, url} of a published source, or {assumption} saying why the value was chosen' }).describe('a published source {title, url}, or {assumption} saying why the value was chosen');

const common = { from: ZDate.describe('the day the change takes effect'), source: ZSource, note: text(0, 2000).optional() };

const ZParameterChange = z.strictObject({
  kind: z.literal('parameter'),
  name: z.enum(PARAMETER_NAMES as [string, ...string[]]).describe('a model parameter (simulation/model/parameters.ts)'),
  value: z.number().min(0).max(10_000),
  ...common,
});

export const CAPACITY_RESOURCES = ['border-procedure', 'first-instance', 'returns', 'return-hub', 'stc-admissions', 'resettlement'] as const;

const ZCapacityChange = z.strictObject({
  kind: z.literal('capacity'),
  resource: z.enum(CAPACITY_RESOURCES),
  memberState: ZMemberState.optional().describe('one Member State; every Member State when absent (border-procedure, first-instance, returns, resettlement)'),
  agreement: z.string().min(1).max(100).optional().describe('the return hub\'s agreement id (return-hub)'),
  partner: ZCountry.optional().describe('the safe third country admitting applicants (stc-admissions)'),
  places: z.number().int().min(0).max(1_000_000).optional().describe('places held at once (border-procedure, return-hub)'),
  perMonth: z.number().min(0).max(1_000_000).optional().describe('persons a month (first-instance, returns, stc-admissions, resettlement)'),
  factor: z.number().min(0).max(100).optional().describe('multiplies the baseline capacity'),
  ...common,
});

const ZDesignationChange = z.strictObject({
  kind: z.literal('designation'),
  designation: z.strictObject({
    country: ZCountry,
    kind: z.enum(['safe-country-of-origin', 'safe-third-country']),
    level: z.enum(['eu', 'national']),
    memberState: ZMemberState.optional(),
    to: ZDate.nullable().optional(),
    nationalities: z.array(ZCountry).min(1).optional().describe('the designation applies to applicants of these nationalities only'),
  }),
  ...common,
});

const ZAgreementChange = z.strictObject({
  kind: z.literal('agreement'),
  agreement: z.strictObject({
    id: z.string().regex(/^[a-z0-9-]{2,100}$/, 'lower-case letters, digits and hyphens'),
    kind: z.enum(AGREEMENT_KINDS),
    partner: ZCountry,
    memberStates: z.array(ZMemberState).min(1),
    to: ZDate.nullable().optional(),
    legallyBinding: z.boolean().optional(),
    independentMonitoring: z.boolean().optional(),
  }),
  ...common,
});

const ZReadmissionChange = z.strictObject({
  kind: z.literal('readmission'),
  readmission: z.strictObject({ country: ZCountry, memberState: ZMemberState, status: z.enum(['suspended', 'cooperating', 'partial']) }),
  ...common,
});

const ZArrivalsChange = z.strictObject({
  kind: z.literal('arrivals'),
  route: z.enum(['all', ...ROUTES.map((r) => r.id)] as [string, ...string[]]),
  factor: z.number().min(0).max(100).describe('multiplies departures on the route (deaths follow)'),
  ...common,
});

const ZMortalityChange = z.strictObject({
  kind: z.literal('mortality'),
  route: z.enum(['all', ...ROUTES.map((r) => r.id)] as [string, ...string[]]),
  factor: z.number().min(0).max(100).describe('multiplies the share of people dying or going missing on the route (e.g. search and rescue capacity)'),
  ...common,
});

/** Readings of the law a scenario may assume, beyond the law package as encoded (simulation/law-overlay.ts). */
export const LAW_ASSUMPTIONS = ['return-hubs-under-return-regulation'] as const;

const ZLawAssumption = z.strictObject({
  kind: z.literal('law-assumption'),
  assumption: z.enum(LAW_ASSUMPTIONS),
  ...common,
});

export const ZChange = z.discriminatedUnion('kind', [
  ZParameterChange, ZCapacityChange, ZDesignationChange, ZAgreementChange, ZReadmissionChange, ZArrivalsChange, ZMortalityChange, ZLawAssumption,
]);

/** The default horizon: two years from 1 January 2026, straddling the Pact's application on 12 June 2026. */
export const DEFAULT_PERIOD = { start: '2026-01-01', months: 24 } as const;

export const ZScenario = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,100}$/, 'lower-case letters, digits and hyphens'),
  title: text(3, 300),
  description: text(0, 5000).optional(),
  period: z.strictObject({
    start: ZDate.refine((d) => d.endsWith('-01'), 'the first day of a month'),
    months: z.number().int().min(1).max(60),
  }).optional(),
  changes: z.array(ZChange).max(500),
});

export type Scenario = z.infer<typeof ZScenario>;
export type Change = z.infer<typeof ZChange>;
export type CapacityChange = z.infer<typeof ZCapacityChange>;
