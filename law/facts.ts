/**
 * @module law/facts
 * The facts an assessment takes, exactly as ../shared/DOMAIN.md fixes them (fields may be added, none
 * may change meaning). Missing means "not known", never "false". Unknown fields, wrong types, impossible
 * dates and unknown country codes are refused with the path of the field.
 *
 * Fields added beyond DOMAIN.md, all optional:
 * - `application.lodgedOn` — the date the application was lodged (APR Art. 28), which starts the
 *   examination time limits of APR Art. 35;
 * - `application.relocationExtension` — the border procedure was extended to 16 weeks because the
 *   applicant is to be transferred under AMMR Art. 67(11) (APR Art. 51(2), third subparagraph);
 * - `detention.since` — the date detention for the purpose of removal began (Return Directive Art. 15).
 */
import { z } from 'zod';
import { isIsoDate } from '../src/rules/engine/dates.ts';
import { normaliseCountry } from '../src/lib/country-codes.ts';

const ZDate = z.string().refine(isIsoDate, 'not a real date (YYYY-MM-DD)');
const ZCountry = z.string().refine((c) => normaliseCountry(c) !== null, 'unknown country code (ISO 3166-1 alpha-2)')
  .transform((c) => normaliseCountry(c)!);
const ZNationality = z.string().refine((c) => normaliseCountry(c, { allowStateless: true }) !== null, 'unknown country code (ISO 3166-1 alpha-2, XX for stateless)')
  .transform((c) => normaliseCountry(c, { allowStateless: true })!);

export const VULNERABILITIES = ['lgbti', 'torture-survivor', 'serious-illness', 'pregnant', 'disability', 'trafficking-victim', 'elderly', 'mental-health'] as const;
export const DECISION_KINDS = ['stc-inadmissibility', 'fca-inadmissibility', 'subsequent-inadmissibility', 'accelerated-rejection', 'border-rejection', 'regular-rejection', 'return-decision'] as const;
export const AGREEMENT_KINDS = ['offshore-processing', 'return-hub', 'stc-arrangement', 'one-to-one', 'readmission'] as const;

const ZDesignation = z.strictObject({
  country: ZCountry,
  kind: z.enum(['safe-country-of-origin', 'safe-third-country']),
  level: z.enum(['eu', 'national']),
  memberState: ZCountry.optional(),
  from: ZDate,
  to: ZDate.nullable().optional(),
  exceptions: z.strictObject({ regions: z.array(z.string().min(1)).optional(), categories: z.array(z.string().min(1)).optional() }).optional(),
  /** Where the designation is published (added field). */
  source: z.string().optional(),
  /**
   * The Commission's suspensions of a Union-level designation (added field; Regulation (EU) 2024/1348
   * Art. 63(1)): on a day within one, the designation does not apply, and no Member State may rely on a
   * national designation of the same country (Art. 64(2)). `to` null: until further notice.
   */
  suspensions: z.array(z.strictObject({ from: ZDate, to: ZDate.nullable().optional(), source: z.string().optional() })).optional(),
});

const ZAgreement = z.strictObject({
  id: z.string().min(1).max(100),
  kind: z.enum(AGREEMENT_KINDS),
  partner: ZCountry,
  memberStates: z.array(ZCountry).optional(),
  from: ZDate,
  to: ZDate.nullable().optional(),
  legallyBinding: z.boolean().optional(),
  independentMonitoring: z.boolean().optional(),
  source: z.string().optional(),
});

export const ZContext = z.strictObject({
  designations: z.array(ZDesignation).optional(),
  readmission: z.array(z.strictObject({ country: ZCountry, from: ZCountry, status: z.enum(['suspended', 'cooperating', 'partial']), since: ZDate, source: z.string().optional() })).optional(),
  agreements: z.array(ZAgreement).optional(),
  recognitionRates: z.array(z.strictObject({ nationality: ZNationality, year: z.number().int().min(2000).max(2100), rate: z.number().min(0).max(1) })).optional(),
  crisisAuthorisations: z.array(z.strictObject({
    memberState: ZCountry, kind: z.enum(['mass-arrival', 'instrumentalisation', 'force-majeure']),
    from: ZDate, to: ZDate, derogations: z.array(z.string().min(1)),
    /** The decision prolongs an earlier authorisation (Regulation (EU) 2024/1359 Art. 5) rather than being the first one. */
    extension: z.boolean().optional(),
  })).optional(),
  riskAssessments: z.array(z.strictObject({ destination: ZCountry, on: ZDate, outcome: z.enum(['no-real-risk', 'real-risk']) })).optional(),
});

export const ZFacts = z.strictObject({
  assessedOn: ZDate.optional(),
  memberState: ZCountry,
  person: z.strictObject({
    nationality: ZNationality,
    formerHabitualResidence: ZCountry.optional(),
    birthDate: ZDate.optional(),
    age: z.number().int().min(0).max(130).optional(),
    sex: z.enum(['M', 'F', 'X']).optional(),
    unaccompaniedMinor: z.boolean().optional(),
    inFamilyWithMinors: z.boolean().optional(),
    vulnerabilities: z.array(z.enum(VULNERABILITIES)).optional(),
    securityRisk: z.boolean().optional(),
    regionOfOrigin: z.string().min(1).max(200).optional(),
  }),
  journey: z.strictObject({
    transits: z.array(z.strictObject({ country: ZCountry, days: z.number().int().min(0).optional(), couldHaveSoughtProtection: z.boolean().optional() })).optional(),
    stays: z.array(z.strictObject({ country: ZCountry, months: z.number().min(0).optional() })).optional(),
    familyIn: z.array(ZCountry).optional(),
    ties: z.array(z.strictObject({ country: ZCountry, kind: z.enum(['language', 'cultural', 'other']) })).optional(),
    interception: z.strictObject({
      date: ZDate.optional(),
      area: z.enum(['international-waters', 'territorial-waters', 'land-border', 'inland']).optional(),
      byMemberStateAuthorities: z.boolean().optional(),
    }).optional(),
  }).optional(),
  application: z.strictObject({
    madeOn: ZDate.optional(),
    registeredOn: ZDate.optional(),
    lodgedOn: ZDate.optional(),
    atExternalBorder: z.boolean().optional(),
    subsequent: z.boolean().optional(),
    newElements: z.boolean().optional(),
    claims: z.array(z.string().min(1).max(100)).optional(),
    relocationExtension: z.boolean().optional(),
  }).optional(),
  decision: z.strictObject({ kind: z.enum(DECISION_KINDS), on: ZDate }).optional(),
  detention: z.strictObject({ since: ZDate }).optional(),
  context: ZContext.optional(),
});

export type Facts = z.infer<typeof ZFacts>;
export type Context = z.infer<typeof ZContext>;
export type Designation = NonNullable<Context['designations']>[number];
export type Agreement = NonNullable<Context['agreements']>[number];

/** One refused field. */
export interface FactError {
  path: string;
  message: string;
}

export type ParsedFacts = { ok: true; facts: Facts } | { ok: false; errors: FactError[] };

/**
 * Validates facts. Beyond the shape: dates must be in order (made ≤ registered ≤ lodged, decision and
 * interception not after the assessment date, birth before everything), and a person cannot have both
 * `age` and `birthDate` disagreeing.
 */
export function parseFacts(input: unknown, on?: string): ParsedFacts {
  const result = ZFacts.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.flatMap((issue) => issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => ({ path: [...issue.path, k].join('.'), message: 'unknown field' }))
        : [{ path: issue.path.join('.') || '(root)', message: issue.message }]),
    };
  }
  const facts = result.data;
  const errors: FactError[] = [];
  const date = on ?? facts.assessedOn;
  const app = facts.application;
  const order: Array<[string, string | undefined, string, string | undefined]> = [
    ['application.registeredOn', app?.registeredOn, 'application.madeOn', app?.madeOn],
    ['application.lodgedOn', app?.lodgedOn, 'application.registeredOn', app?.registeredOn ?? app?.madeOn],
    ['application.madeOn', app?.madeOn, 'person.birthDate', facts.person.birthDate],
    ['journey.interception.date', facts.journey?.interception?.date, 'person.birthDate', facts.person.birthDate],
  ];
  for (const [laterPath, later, earlierPath, earlier] of order) {
    if (later && earlier && later < earlier) errors.push({ path: laterPath, message: `${later} is before ${earlierPath} (${earlier})` });
  }
  if (date) {
    for (const [path, value] of [['application.madeOn', app?.madeOn], ['application.registeredOn', app?.registeredOn], ['application.lodgedOn', app?.lodgedOn],
      ['decision.on', facts.decision?.on], ['journey.interception.date', facts.journey?.interception?.date], ['person.birthDate', facts.person.birthDate], ['detention.since', facts.detention?.since]] as const) {
      if (value && value > date) errors.push({ path, message: `${value} is after the assessment date ${date}` });
    }
  }
  if (facts.person.formerHabitualResidence && facts.person.nationality !== 'XX') {
    errors.push({ path: 'person.formerHabitualResidence', message: 'only for stateless persons (nationality XX)' });
  }
  for (const [i, a] of (facts.context?.crisisAuthorisations ?? []).entries()) {
    if (a.to < a.from) errors.push({ path: `context.crisisAuthorisations.${i}.to`, message: `${a.to} is before from (${a.from})` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, facts };
}
