/**
 * @module bench/law/peer
 * The peer of the law engine benchmark: `border-procedure-allowed` and `border-procedure-mandatory`
 * written as json-rules-engine rules over flat facts, to compare outcomes and throughput with Waypoint.
 *
 * The split is deliberate. The adapter (`flatFacts`) only looks things up and names them: the regime,
 * where the application was made (`atBorder`), the tri-state person facts, the outcome of Waypoint's
 * own `sco-presumption` rule, whether the latest recognition rate is known and not above the
 * threshold, how many journey countries there are, and whether a crisis authorisation grants
 * `border-procedure-relief`. Which combination gives `yes`, `no` or `review` is decided only by the
 * rules below, written as a decision table: for each question exactly one rule must fire, and the
 * `border-procedure-allowed` outcome is handed to the `border-procedure-mandatory` rules as a runtime
 * fact (they run at a lower priority), as json-rules-engine chains rules.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Facts } from '../../law/facts.ts';
import { crisisDerogation, latestRecognitionRate, type Situation } from '../../law/situation.ts';

export type Outcome = 'yes' | 'no' | 'review' | 'not-asked';

/** The flat facts the peer's rules read; what each means is in the module comment. */
export interface FlatFacts {
  hasApplication: boolean;
  regime: 'apd-2013' | 'apr-2024';
  atBorder: 'yes' | 'no' | 'unknown';
  unaccompanied: boolean | null;
  vulnerable: boolean | null;
  securityRisk: boolean | null;
  subsequent: boolean | null;
  newElements: boolean | null;
  scoOutcome: string;
  hasOrigin: boolean;
  rateKnown: boolean;
  rateBelowThreshold: boolean;
  journeyCountryCount: number;
  crisisRelief: boolean;
}

/**
 * Where the application was made, from the facts as given (the reading of APR/APD Art. 43(1) that
 * Waypoint uses: at the border, after a disembarkation, whoever rescued, or after an apprehension at a
 * land border; not for an inland apprehension).
 */
function atBorder(facts: Facts): FlatFacts['atBorder'] {
  const app = facts.application;
  const interception = facts.journey?.interception;
  if (app?.atExternalBorder === true) return 'yes';
  if (interception?.area && interception.area !== 'inland' && (interception.area !== 'land-border' || interception.byMemberStateAuthorities !== false)) return 'yes';
  if (app?.atExternalBorder === false || interception?.area === 'inland') return 'no';
  return 'unknown';
}

/**
 * The adapter: flat facts for the peer from Waypoint's situation, the `sco-presumption` outcome and
 * the recognition-rate threshold in force.
 */
export function flatFacts(s: Situation, scoOutcome: string, rateThreshold: number): FlatFacts {
  const app = s.facts.application;
  const rate = s.origin ? latestRecognitionRate(s, s.origin) : null;
  return {
    hasApplication: app !== undefined,
    regime: s.regime,
    atBorder: atBorder(s.facts),
    unaccompanied: s.unaccompanied,
    vulnerable: s.vulnerable,
    securityRisk: s.securityRisk,
    subsequent: app?.subsequent ?? null,
    newElements: app?.newElements ?? null,
    scoOutcome,
    hasOrigin: s.origin !== null,
    rateKnown: rate !== null,
    rateBelowThreshold: rate !== null && rate.rate <= rateThreshold,
    journeyCountryCount: s.journeyCountries.length,
    crisisRelief: crisisDerogation(s, 'border-procedure-relief') !== null,
  };
}

const is = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
const isNot = (fact: string, value: unknown) => ({ fact, operator: 'notEqual', value });
const ref = (condition: string) => ({ condition });
const not = (condition: string) => ({ not: { condition } });

/** Named conditions shared by the rules. */
const CONDITIONS: Record<string, TopLevelCondition> = {
  asked: { all: [is('hasApplication', true)] },
  // APD Art. 43(1) with Art. 31(8) and Art. 25(6)(b): the grounds the facts establish (security, safe country of origin, subsequent application).
  apdGround: { any: [is('securityRisk', true), is('scoOutcome', 'yes'), is('subsequent', true)] },
  // For adults, an inadmissibility ground may also bring the application into the border procedure.
  apdBorderGround: { any: [ref('apdGround'), { fact: 'journeyCountryCount', operator: 'greaterThan', value: 0 }] },
  // APR Art. 44(1) with Art. 42(1): the grounds the facts establish (points (e), (f), (g), (j), and inadmissibility).
  aprBorderGround: {
    any: [
      is('securityRisk', true),
      is('scoOutcome', 'yes'),
      { all: [is('subsequent', true), is('newElements', true)] },
      { all: [is('hasOrigin', true), is('rateKnown', true), is('rateBelowThreshold', true)] },
      { all: [is('subsequent', true), is('newElements', false)] },
    ],
  },
  // What leaves the border procedure to an individual assessment when no ground is established.
  aprBorderOpen: {
    any: [
      is('scoOutcome', 'review'),
      { all: [is('hasOrigin', true), is('rateKnown', false)] },
      { fact: 'journeyCountryCount', operator: 'greaterThan', value: 0 },
    ],
  },
  // APR Art. 45(1): who the mandatory border procedure can reach (unaccompanied minors only under Art. 42(3), point (b)).
  mandatoryScope: { any: [isNot('unaccompanied', true), is('securityRisk', true)] },
  // The grounds of the mandatory border procedure the facts can establish: points (f) and (j) (and Art. 42(3)(b)).
  mandatoryGround: {
    any: [
      is('securityRisk', true),
      { all: [is('hasOrigin', true), isNot('unaccompanied', true), is('rateKnown', true), is('rateBelowThreshold', true)] },
    ],
  },
  mandatoryOpen: { all: [is('hasOrigin', true), isNot('unaccompanied', true), is('rateKnown', false)] },
  // Regulation (EU) 2024/1359 Art. 11: a crisis relief reaches point (j) only, never a security case.
  noCrisisRelief: { any: [isNot('crisisRelief', true), is('securityRisk', true)] },
};

type Row = [name: string, outcome: Exclude<Outcome, 'not-asked'>, conditions: unknown[]];

const ALLOWED: Row[] = [
  ['apd: not at the border', 'no', [is('regime', 'apd-2013'), is('atBorder', 'no')]],
  ['apd: place not known', 'review', [is('regime', 'apd-2013'), is('atBorder', 'unknown')]],
  ['apd: unaccompanied minor, a ground of Art. 25(6)(b)', 'yes', [is('regime', 'apd-2013'), is('atBorder', 'yes'), is('unaccompanied', true), ref('apdGround')]],
  ['apd: unaccompanied minor, security not known', 'review', [is('regime', 'apd-2013'), is('atBorder', 'yes'), is('unaccompanied', true), not('apdGround'), is('securityRisk', null)]],
  ['apd: unaccompanied minor, no ground', 'no', [is('regime', 'apd-2013'), is('atBorder', 'yes'), is('unaccompanied', true), not('apdGround'), isNot('securityRisk', null)]],
  ['apd: no ground established', 'review', [is('regime', 'apd-2013'), is('atBorder', 'yes'), isNot('unaccompanied', true), not('apdBorderGround')]],
  ['apd: ground, special procedural guarantees', 'review', [is('regime', 'apd-2013'), is('atBorder', 'yes'), isNot('unaccompanied', true), ref('apdBorderGround'), is('vulnerable', true)]],
  ['apd: ground', 'yes', [is('regime', 'apd-2013'), is('atBorder', 'yes'), isNot('unaccompanied', true), ref('apdBorderGround'), isNot('vulnerable', true)]],
  ['apr: not at the border', 'no', [is('regime', 'apr-2024'), is('atBorder', 'no')]],
  ['apr: place not known', 'review', [is('regime', 'apr-2024'), is('atBorder', 'unknown')]],
  ['apr: unaccompanied minor, security risk', 'yes', [is('regime', 'apr-2024'), is('atBorder', 'yes'), is('unaccompanied', true), is('securityRisk', true)]],
  ['apr: unaccompanied minor', 'no', [is('regime', 'apr-2024'), is('atBorder', 'yes'), is('unaccompanied', true), isNot('securityRisk', true)]],
  ['apr: no ground, open questions', 'review', [is('regime', 'apr-2024'), is('atBorder', 'yes'), isNot('unaccompanied', true), not('aprBorderGround'), ref('aprBorderOpen')]],
  ['apr: no ground', 'no', [is('regime', 'apr-2024'), is('atBorder', 'yes'), isNot('unaccompanied', true), not('aprBorderGround'), not('aprBorderOpen')]],
  ['apr: ground, special needs', 'review', [is('regime', 'apr-2024'), is('atBorder', 'yes'), isNot('unaccompanied', true), ref('aprBorderGround'), is('vulnerable', true)]],
  ['apr: ground', 'yes', [is('regime', 'apr-2024'), is('atBorder', 'yes'), isNot('unaccompanied', true), ref('aprBorderGround'), isNot('vulnerable', true)]],
];

const MANDATORY: Row[] = [
  ['apd: never mandatory', 'no', [is('regime', 'apd-2013')]],
  ['apr: not allowed', 'no', [is('regime', 'apr-2024'), is('borderAllowed', 'no')]],
  ['apr: unaccompanied minor, no security risk', 'no', [is('regime', 'apr-2024'), isNot('borderAllowed', 'no'), is('unaccompanied', true), isNot('securityRisk', true)]],
  ['apr: ground, crisis relief', 'no', [is('regime', 'apr-2024'), isNot('borderAllowed', 'no'), ref('mandatoryScope'), ref('mandatoryGround'), not('noCrisisRelief')]],
  ['apr: no ground, rate not known', 'review', [is('regime', 'apr-2024'), isNot('borderAllowed', 'no'), ref('mandatoryScope'), not('mandatoryGround'), ref('mandatoryOpen')]],
  ['apr: no ground', 'no', [is('regime', 'apr-2024'), isNot('borderAllowed', 'no'), ref('mandatoryScope'), not('mandatoryGround'), not('mandatoryOpen')]],
  ['apr: ground, allowance under review', 'review', [is('regime', 'apr-2024'), is('borderAllowed', 'review'), ref('mandatoryScope'), ref('mandatoryGround'), ref('noCrisisRelief')]],
  ['apr: ground', 'yes', [is('regime', 'apr-2024'), is('borderAllowed', 'yes'), ref('mandatoryScope'), ref('mandatoryGround'), ref('noCrisisRelief')]],
];

function rules(question: string, rows: Row[], priority: number): RuleProperties[] {
  return [
    { name: `${question}: not asked without an application`, priority, conditions: { all: [not('asked')] }, event: { type: question, params: { outcome: 'not-asked' } } },
    ...rows.map(([name, outcome, conditions]): RuleProperties => ({
      name: `${question}: ${name}`, priority, conditions: { all: [ref('asked'), ...conditions] as never }, event: { type: question, params: { outcome } },
    })),
  ];
}

/** The json-rules-engine engine with both questions' rules. */
export function createPeerEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, condition] of Object.entries(CONDITIONS)) engine.setCondition(name, condition);
  for (const rule of rules('border-procedure-allowed', ALLOWED, 2)) engine.addRule(rule);
  for (const rule of rules('border-procedure-mandatory', MANDATORY, 1)) engine.addRule(rule);
  // Chaining: the allowed outcome is a fact for the mandatory rules, which run at the lower priority.
  engine.on('success', (event, almanac) => {
    if (event.type === 'border-procedure-allowed') almanac.addRuntimeFact('borderAllowed', event.params!.outcome);
  });
  return engine;
}

export interface PeerAnswer {
  allowed: Outcome | 'none' | 'conflict';
  mandatory: Outcome | 'none' | 'conflict';
}

/** Runs the peer on one fact set; `none`/`conflict` when no rule or more than one rule fired for a question. */
export async function runPeer(engine: Engine, facts: FlatFacts): Promise<PeerAnswer> {
  const { events } = await engine.run(facts as unknown as Record<string, unknown>);
  const answer: PeerAnswer = { allowed: 'none', mandatory: 'none' };
  for (const event of events) {
    const key = event.type === 'border-procedure-allowed' ? 'allowed' : 'mandatory';
    answer[key] = answer[key] === 'none' ? event.params!.outcome : 'conflict';
  }
  return answer;
}
