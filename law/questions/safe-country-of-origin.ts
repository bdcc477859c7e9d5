/**
 * @module law/questions/safe-country-of-origin
 * `sco-presumption`: may the safe-country-of-origin presumption be applied to this applicant?
 *
 * - Directive 2013/32/EU (applications made before 12 June 2026): national designations only (Arts. 36–37);
 *   a designation excepting part of the territory (C-406/22 CV) or categories of persons (C-758/24 Alace
 *   and Canpelli) is not a valid designation under the Directive.
 * - Regulation (EU) 2024/1348 (from 12 June 2026): the Union list of Annex II (Regulation (EU) 2026/464),
 *   candidate countries unless one of the three exclusions of Art. 62(1) applies, national designations
 *   (Art. 64); designations may except regions and categories (Art. 61(2)). While the Commission has
 *   suspended the Union-level designation of a country (Art. 63(1)), the presumption does not apply to
 *   it, and no national designation of that country may be relied on (Art. 64(2)).
 */
import { decideDefault, defineDefault, defineRule } from '../../src/rules/engine/rule.ts';
import { cite, CJEU } from '../cite.ts';
import { conclude, type Conclusion } from '../finding.ts';
import { latestRecognitionRate, suspendedUnionDesignation, type DesignationFacts, type Situation } from '../situation.ts';

const APD_36 = cite('dir-2013-32-apd', 'Art. 36(1)');
const APD_37 = cite('dir-2013-32-apd', 'Art. 37(1)');
const APR_61 = cite('reg-2024-1348-apr', 'Art. 61(1)');
const APR_61_2 = cite('reg-2024-1348-apr', 'Art. 61(2)');
const APR_62_LIST = cite('reg-2024-1348-apr', 'Art. 62(1a) and Annex II', 'as inserted by Regulation (EU) 2026/464');
const APR_62_CANDIDATES = cite('reg-2024-1348-apr', 'Art. 62(1)', 'as amended by Regulation (EU) 2026/464');
const APR_64 = cite('reg-2024-1348-apr', 'Art. 64(1)');
const APR_63 = cite('reg-2024-1348-apr', 'Art. 63(1)');
const APR_64_2 = cite('reg-2024-1348-apr', 'Art. 64(2)');

const P = {
  euList: 'eu/reg-2024-1348-apr/annex-ii-safe-countries-of-origin/eu-list',
  candidates: 'eu/enlargement/candidate-countries',
  conflict: 'eu/reg-2024-1348-apr/art-62-safe-countries-of-origin/candidates-in-armed-conflict',
  measures: 'eu/reg-2024-1348-apr/art-62-safe-countries-of-origin/candidates-under-restrictive-measures',
  threshold: 'eu/reg-2024-1348-apr/art-62-safe-countries-of-origin/candidate-recognition-rate-threshold',
} as const;

/** The first designation of `origin` as a safe country of origin at `level`, or `null`. */
function scoDesignation(s: Situation, origin: string, level: 'eu' | 'national'): DesignationFacts | null {
  for (const d of s.designations) if (d.kind === 'safe-country-of-origin' && d.country === origin && d.level === level) return d;
  return null;
}

function hasExceptions(d: DesignationFacts): boolean {
  return (d.exceptions?.regions?.length ?? 0) > 0 || (d.exceptions?.categories?.length ?? 0) > 0;
}

/** Applies a designation's regional and category exceptions to the person (APR Art. 61(2)). */
function withExceptions(s: Situation, d: DesignationFacts, designated: Conclusion): Conclusion {
  const regions = d.exceptions?.regions ?? [];
  const categories = d.exceptions?.categories ?? [];
  const region = s.regionOfOrigin?.trim().toLowerCase();
  if (regions.length > 0) {
    if (region && regions.some((r) => r.toLowerCase() === region)) {
      return conclude('no', [APR_61_2], `the designation of ${d.country} excepts the region ${s.regionOfOrigin}, where the applicant comes from`);
    }
    if (!region) return conclude('review', [APR_61_2, ...designated.basis], `the designation of ${d.country} excepts ${regions.join(', ')}; the applicant's region of origin is not known`);
  }
  if (categories.length > 0) {
    const traits = new Set([...(s.vulnerabilities ?? []), ...(s.application?.claims ?? [])].map((t) => t.toLowerCase()));
    const matched = categories.find((c) => traits.has(c.toLowerCase()));
    if (matched) return conclude('no', [APR_61_2], `the designation of ${d.country} excepts the category ${matched}, to which the applicant belongs`);
    return { ...designated, because: [...designated.because, `the designation excepts ${categories.join(', ')}: check that the applicant belongs to none of them`] };
  }
  return designated;
}

/** What the Directive's rule reads: the applicant's country of origin and its national designation, if any. */
interface DirectiveSubject {
  s: Situation;
  origin: string;
  designation: DesignationFacts | null;
}

/**
 * Directive 2013/32/EU Arts. 36 and 37: only a national designation makes a country a safe country of
 * origin, and only a designation of the whole territory and population (C-406/22 CV; C-758/24 Alace).
 */
const UNDER_DIRECTIVE = defineDefault<DirectiveSubject, Conclusion>({
  id: 'sco-presumption/apd',
  otherwise: ({ s, origin }) => conclude('no', [APD_36, APD_37], scoDesignation(s, origin, 'eu') !== null
    ? `${origin} is designated only at Union level, and Directive 2013/32/EU knows national designations only`
    : `${origin} is not designated a safe country of origin by ${s.memberState}`),
  exceptions: [
    {
      id: 'national-designation', priority: 1,
      applies: ({ designation }) => designation !== null,
      then: ({ s, origin, designation }) => conclude('yes', [APD_36, APD_37], `${origin} is designated a safe country of origin by ${s.memberState} since ${designation!.from}`,
        'the presumption is rebuttable: the applicant may submit serious grounds why the country is not safe in their circumstances'),
    },
    {
      id: 'partial-designation-invalid', priority: 2,
      applies: ({ designation }) => designation !== null && hasExceptions(designation),
      then: ({ origin, designation }) => conclude('no', [APD_37, CJEU.CV, CJEU.ALACE],
        `the designation of ${origin} excepts ${[...(designation!.exceptions?.regions ?? []), ...(designation!.exceptions?.categories ?? [])].join(', ')}`,
        'under Directive 2013/32/EU a country can be designated safe only for its whole territory and whole population'),
    },
  ],
});

function underDirective(s: Situation, origin: string): Conclusion {
  return decideDefault(UNDER_DIRECTIVE, { s, origin, designation: scoDesignation(s, origin, 'national') }, null);
}

/** The candidate-country rule of Art. 62(1) as amended by Regulation (EU) 2026/464. */
function candidateRule(s: Situation, origin: string, param: <T>(id: string) => T): Conclusion {
  if (param<string[]>(P.conflict).includes(origin)) {
    return conclude('no', [APR_62_CANDIDATES], `${origin} is a candidate country excluded for indiscriminate violence in an armed conflict (Art. 62(1), point (a))`);
  }
  if (param<string[]>(P.measures).includes(origin)) {
    return conclude('no', [APR_62_CANDIDATES], `${origin} is a candidate country under EU restrictive measures (Art. 62(1), point (b))`);
  }
  const threshold = param<number>(P.threshold);
  const rate = latestRecognitionRate(s, origin);
  if (!rate) return conclude('review', [APR_62_CANDIDATES], `${origin} is a candidate country; the latest EU-wide recognition rate for its nationals is not known, so point (c) cannot be checked`);
  if (rate.rate > threshold) {
    return conclude('no', [APR_62_CANDIDATES], `${origin} is a candidate country whose nationals' EU-wide recognition rate in ${rate.year} was ${(rate.rate * 100).toFixed(1)} %, above ${threshold * 100} % (Art. 62(1), point (c))`);
  }
  return conclude('yes', [APR_61, APR_62_CANDIDATES], `${origin} is a candidate country with an EU-wide recognition rate of ${(rate.rate * 100).toFixed(1)} % in ${rate.year}, and none of the exclusions of Art. 62(1) applies`);
}

function underRegulation(s: Situation, origin: string, param: <T>(id: string) => T): Conclusion {
  const suspended = suspendedUnionDesignation(s, origin, 'safe-country-of-origin');
  if (suspended) {
    return conclude('no', [APR_63, APR_64_2],
      `the Commission has suspended the designation of ${origin} as a safe country of origin at Union level from ${suspended.from}${suspended.to ? ` to ${suspended.to}` : ' until further notice'}`,
      `while it is suspended, a national designation of ${origin} cannot be relied on either (Art. 64(2))`);
  }
  const euList = param<string[]>(P.euList);
  const euDesignation = scoDesignation(s, origin, 'eu');
  if (euList.includes(origin)) {
    const listed = conclude('yes', [APR_61, APR_62_LIST], `${origin} is on the Union list of safe countries of origin (Annex II)`,
      'the applicant may rebut the presumption with elements showing the country is not safe in their circumstances');
    // A Union-list country without a designation in the facts has no exceptions to apply.
    return euDesignation ? withExceptions(s, euDesignation, listed) : listed;
  }
  const candidate = param<string[]>(P.candidates).includes(origin) ? candidateRule(s, origin, param) : null;
  if (candidate?.outcome === 'yes') return candidate;
  // A national designation (Art. 64) stands beside the Union rules: it applies where the candidate-country
  // rule does not designate the country, with its own exceptions (Art. 61(2)).
  const designation = euDesignation ?? scoDesignation(s, origin, 'national');
  if (designation) {
    const basis = designation.level === 'eu' ? [APR_61, APR_62_LIST] : [APR_61, APR_64];
    const because = [`${origin} is designated a safe country of origin ${designation.level === 'eu' ? 'at Union level' : `by ${s.memberState}`} since ${designation.from}`,
      'the applicant may rebut the presumption with elements showing the country is not safe in their circumstances'];
    const national = withExceptions(s, designation, conclude('yes', basis, ...because));
    // Where the national designation does not cover the applicant, the candidate-country rule may still.
    if (national.outcome === 'no' && candidate?.outcome === 'review') {
      return conclude('review', [...national.basis, ...candidate.basis], ...national.because, ...candidate.because);
    }
    return national;
  }
  if (candidate) return candidate;
  return conclude('no', [APR_61, APR_64], `${origin} is neither on the Union list, nor a candidate country, nor designated by ${s.memberState}`);
}

export const scoPresumption = defineRule<Situation, Conclusion>({
  id: 'sco-presumption',
  label: 'Safe-country-of-origin presumption',
  versions: {
    '2015-07-21': {
      basis: [APD_36, APD_37],
      evaluate: (s) => {
        const origin = s.origin;
        if (!origin) return conclude('no', [APD_36], 'a stateless applicant without a known former habitual residence has no country of origin to presume safe');
        return underDirective(s, origin);
      },
    },
    '2026-06-12': {
      basis: [APR_61, APR_62_LIST, APR_62_CANDIDATES, APR_63, APR_64, APR_64_2, APD_36, APD_37],
      evaluate: (s, { param }) => {
        const origin = s.origin;
        if (!origin) return conclude('no', s.regime === 'apd-2013' ? [APD_36] : [APR_61], 'a stateless applicant without a known former habitual residence has no country of origin to presume safe');
        if (s.regime === 'apd-2013') return underDirective(s, origin);
        return underRegulation(s, origin, param as <T>(id: string) => T);
      },
    },
  },
});
