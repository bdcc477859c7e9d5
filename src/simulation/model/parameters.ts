/**
 * @module simulation/model/parameters
 * Every value of the model that is neither read from the statistics (../shared/data) nor fitted by the
 * calibration: routes and their geography, transit countries, demographics, procedural delays, unit
 * costs and funding lines. Each value carries its source, or says plainly that it is an assumption
 * and why it was chosen, so that a report can list what its figures rest on. A scenario changes these
 * through its overlay (scenario/schema.ts), never by editing this file.
 */

/** Where a value comes from: a published source, or a stated assumption. */
export interface Provenance {
  /** A published source (title and address), when there is one. */
  source?: { title: string; url: string };
  /** Why the value was chosen when no source gives it. */
  assumption?: string;
}

export interface Sourced<T> extends Provenance {
  value: T;
}

const assume = <T>(value: T, assumption: string): Sourced<T> => ({ value, assumption });
const cited = <T>(value: T, title: string, url: string): Sourced<T> => ({ value, source: { title, url } });

/** The 27 Member States (alpha-2), the model's index order. */
export const MEMBER_STATES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export interface RouteSpec {
  id: string;
  /** The route's name in the Frontex series. */
  frontex: string;
  /** The route's name in IOM's Missing Migrants data, when IOM records deaths on it. */
  iom: string | null;
  /** Crossings by sea: arrivals follow a rescue or interception at sea; otherwise apprehension at a land border. */
  sea: boolean;
  /** Member States of first arrival and their shares. */
  arrivals: Sourced<Array<[string, number]>>;
  /** The last third country before the Union, and its share. */
  departures: Sourced<Array<[string, number]>>;
}

const GEOGRAPHY = 'Member States of first arrival are not published per route in the Frontex series: shares judged from the route\'s geography and the Member States\' own arrival figures as reported by UNHCR and Frontex; the largest share is the route\'s main entry point.';
const DEPARTURE = 'The last country before the Union is not in the Frontex series: shares judged from the route\'s description by Frontex and UNHCR (departures from Libya and Tunisia on the central Mediterranean, Türkiye on the eastern, Morocco and Algeria on the western, Mauritania, Senegal and Morocco on the Atlantic, Serbia and its neighbours in the Balkans, Belarus and Russia on the eastern land border).';

/** The Frontex routes, in the series' own names. */
export const ROUTES: readonly RouteSpec[] = [
  { id: 'central-med', frontex: 'Central Mediterranean Route', iom: 'Central Mediterranean Route', sea: true,
    arrivals: assume([['IT', 0.97], ['MT', 0.03]], GEOGRAPHY), departures: assume([['LY', 0.6], ['TN', 0.33], ['DZ', 0.04], ['TR', 0.03]], DEPARTURE) },
  { id: 'eastern-med', frontex: 'Eastern Mediterranean Route', iom: 'Eastern Mediterranean Route', sea: true,
    arrivals: assume([['GR', 0.78], ['CY', 0.12], ['BG', 0.1]], GEOGRAPHY), departures: assume([['TR', 0.85], ['LY', 0.15]], DEPARTURE) },
  { id: 'western-med', frontex: 'Western Mediterranean Route', iom: 'Western Mediterranean Route', sea: true,
    arrivals: assume([['ES', 1]], GEOGRAPHY), departures: assume([['MA', 0.6], ['DZ', 0.4]], DEPARTURE) },
  { id: 'western-african', frontex: 'Western African Route', iom: 'Western African Atlantic Route', sea: true,
    arrivals: assume([['ES', 1]], GEOGRAPHY), departures: assume([['MR', 0.55], ['SN', 0.3], ['MA', 0.15]], DEPARTURE) },
  { id: 'western-balkans', frontex: 'Western Balkan Route', iom: null, sea: false,
    arrivals: assume([['HU', 0.4], ['HR', 0.35], ['RO', 0.15], ['BG', 0.1]], GEOGRAPHY), departures: assume([['RS', 0.6], ['BA', 0.25], ['MK', 0.15]], DEPARTURE) },
  { id: 'eastern-borders', frontex: 'Eastern Borders Route', iom: null, sea: false,
    arrivals: assume([['PL', 0.55], ['LT', 0.2], ['LV', 0.15], ['FI', 0.05], ['EE', 0.05]], GEOGRAPHY), departures: assume([['BY', 0.85], ['RU', 0.15]], DEPARTURE) },
  { id: 'black-sea', frontex: 'Black Sea Route', iom: null, sea: true,
    arrivals: assume([['RO', 0.7], ['BG', 0.3]], GEOGRAPHY), departures: assume([['TR', 1]], DEPARTURE) },
  { id: 'albania-greece', frontex: 'Circular Route from Albania to Greece', iom: null, sea: false,
    arrivals: assume([['GR', 1]], GEOGRAPHY), departures: assume([['AL', 1]], DEPARTURE) },
  { id: 'other', frontex: 'Other', iom: null, sea: false,
    arrivals: assume([['IT', 0.5], ['ES', 0.5]], GEOGRAPHY), departures: assume([], DEPARTURE) },
];

export interface TransitCountry {
  /** Probability that the applicant could have sought effective protection there (APR Art. 59(5)(b) as amended). */
  protection: Sourced<number>;
  /** Probability that an individual non-refoulement assessment finds a real risk there. */
  realRisk: Sourced<number>;
}

const PROTECTION = 'Whether protection could have been sought there is decided per applicant; the share is Waypoint\'s judgement of the country\'s asylum system (a national asylum procedure and party to the 1951 Convention: high; none: low), to be replaced by a sourced assessment before any use beyond exploration.';
const RISK = 'The share of individual assessments finding a real risk of refoulement or ill-treatment is not published; Waypoint\'s judgement of UNHCR\'s and the Council of Europe\'s public positions on returns there, for exploration only.';

/** Transit countries of the routes: whether protection was available there, and the risk found by individual assessments. */
export const TRANSIT_COUNTRIES: Readonly<Record<string, TransitCountry>> = {
  LY: { protection: assume(0.02, `${PROTECTION} Libya is not party to the 1951 Convention and has no asylum law.`), realRisk: assume(0.97, `${RISK} UNHCR does not regard Libya as a place of safety for disembarkation.`) },
  TN: { protection: assume(0.2, `${PROTECTION} Tunisia is party to the 1951 Convention but has no national asylum law.`), realRisk: assume(0.45, RISK) },
  DZ: { protection: assume(0.1, PROTECTION), realRisk: assume(0.4, RISK) },
  TR: { protection: assume(0.75, `${PROTECTION} Türkiye applies the 1951 Convention with a geographical limitation and grants temporary protection to Syrians.`), realRisk: assume(0.25, RISK) },
  MA: { protection: assume(0.3, PROTECTION), realRisk: assume(0.3, RISK) },
  MR: { protection: assume(0.3, PROTECTION), realRisk: assume(0.35, RISK) },
  SN: { protection: assume(0.6, PROTECTION), realRisk: assume(0.15, RISK) },
  RS: { protection: assume(0.85, PROTECTION), realRisk: assume(0.1, RISK) },
  BA: { protection: assume(0.8, PROTECTION), realRisk: assume(0.1, RISK) },
  MK: { protection: assume(0.8, PROTECTION), realRisk: assume(0.1, RISK) },
  AL: { protection: assume(0.85, PROTECTION), realRisk: assume(0.05, RISK) },
  BY: { protection: assume(0.05, PROTECTION), realRisk: assume(0.9, RISK) },
  RU: { protection: assume(0.05, PROTECTION), realRisk: assume(0.9, RISK) },
  UG: { protection: assume(0.7, PROTECTION), realRisk: assume(0.15, RISK) },
  RW: { protection: assume(0.6, PROTECTION), realRisk: assume(0.3, `${RISK} The UK Supreme Court found substantial grounds of refoulement risk in 2023 (R (AAA) v SSHD [2023] UKSC 42).`) },
};

/** The values of a country not listed above (a partner a scenario names). */
export const OTHER_TRANSIT: TransitCountry = {
  protection: assume(0.3, PROTECTION),
  realRisk: assume(0.3, RISK),
};

/** Model parameters that are not read from the data; a scenario's `parameter` changes override them by name. */
export const PARAMETERS = {
  /** Share of applicants who are unaccompanied minors. */
  unaccompaniedShare: assume(0.04, 'About 4 % of applicants in the EU in 2023 were unaccompanied minors (Eurostat migr_asyunaa, as published; the dataset is not in the shared data folder).'),
  /** Share of adult applicants travelling with their minor children. */
  familyWithMinorsShare: assume(0.12, 'Not published; assumed so that families account for most accompanied minors (about one adult per accompanied minor).'),
  /** Share of applicants with a vulnerability the law engine names (torture, trafficking, serious illness, …). */
  vulnerableShare: assume(0.15, 'Not published EU-wide; an assumption for exploration.'),
  /** Days from arrival to the end of screening. */
  screeningDays: cited(7, 'Regulation (EU) 2024/1356 (Screening), Art. 8(3): screening completed within 7 days of apprehension or disembarkation', 'https://eur-lex.europa.eu/eli/reg/2024/1356/oj'),
  /** Mean days between arrival and an application lodged in another Member State (secondary movement). */
  onwardDays: assume(45, 'Not published; an assumption.'),
  /** Share of applications that are subsequent applications. */
  subsequentShare: assume(0.07, 'Eurostat publishes first-time and all applicants (migr_asyappctza, NASY_APP vs ASY_APP); about 7–10 % of applications in 2022–2024 were not first-time. The lower end is used.'),
  /** Fewest days from lodging to a first-instance decision, per procedure (interview, evidence, drafting). */
  borderMinimumDays: assume(14, 'Not published; an assumption (the border procedure lasts at most 12 weeks, APR Art. 51(2)).'),
  admissibilityMinimumDays: assume(10, 'Not published; an assumption.'),
  acceleratedMinimumDays: assume(21, 'Not published; an assumption (APR Art. 35(3): three months at most).'),
  regularMinimumDays: assume(60, 'Not published; an assumption (APR Art. 35(2): six months as a rule).'),
  /** Share of applications the law allows in the border procedure that a Member State puts there, when places are free. */
  borderProcedureUse: assume(0.5, 'The border procedure where optional is used unevenly across Member States; an assumption.'),
  /** Share of those rejected at first instance who appeal (before calibration). */
  appealShare: assume(0.5, 'Used only without data: replaced by UNHCR\'s decisions at appeal (AR, JR) ÷ rejections at first instance (build-inputs.ts).'),
  /** Share of appeals that succeed (before calibration). */
  appealSuccess: assume(0.18, 'Used only without data: replaced by UNHCR\'s positive share of decisions at appeal (build-inputs.ts).'),
  /** Share of applicants whose request to remain pending an appeal is granted where the law leaves it to a court (`appeal-suspensive` is `review`). */
  remainGrantedShare: assume(0.5, 'Not published; an assumption.'),
  /** Mean days an appeal takes. */
  appealDays: assume(240, 'Appeal durations are not published EU-wide; eight months as an assumption.'),
  /** Days a Member State waits for a safe third country to admit an applicant declared inadmissible before examining the merits (C-134/23). */
  stcAdmissionWaitDays: assume(90, 'Under C-134/23 an application must be examined on the merits where the third country does not admit the applicant; the wait before concluding so is an assumption.'),
  /** Share of persons with a return decision who leave voluntarily within the period for voluntary departure. */
  voluntaryShare: assume(0.3, 'Eurostat migr_eirtn by type of return is not in the shared data folder; an assumption, applied before the removal capacity.'),
  /** Monthly probability that a person awaiting return absconds (is no longer reachable). */
  abscondMonthly: assume(0.04, 'Not published; an assumption giving about 40 % absconded within a year.'),
  /** Probability that the country of origin accepts a removal the law allows, where readmission cooperates. */
  readmissionAcceptance: assume(0.6, 'The Commission assesses readmission cooperation per country (Art. 25a Visa Code) without publishing rates; an assumption.'),
  /** Share of rejected applicants for whom an individual assessment finds a real risk in the country of origin. */
  originRealRisk: assume(0.03, 'Not published; protection needs were examined in the procedure, so the share is small.'),
  /** Days a person stays in a return hub before the onward return. */
  hubStayDays: assume(120, 'The Netherlands–Uganda letter of intent speaks of a temporary stay before onward return; the length is an assumption.'),
  /** Share of pending applications at the start that are at first instance (the rest on appeal). */
  initialFirstInstanceShare: assume(0.6, 'UNHCR\'s end-year stock of asylum-seekers does not split instances; an assumption.'),
};
export type ParameterName = keyof typeof PARAMETERS;
export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];

/**
 * Places for the border procedure per Member State (APR Art. 47): the adequate capacity set by
 * Commission Implementing Decision (EU) 2024/2150, applicable from 12 June 2026. Five figures are as
 * reported from the decision (Italy and Hungary as stated; Spain, Greece and Poland as half the
 * maximum number of applications for the first year, the ratio the decision applies); the remaining
 * places of the Union's 30,000 (Art. 47(1)) are split over the other Member States by their share of
 * the irregular crossings in the Frontex series 2021–2023, the decision's own key (recital 2), and
 * marked as derived.
 */
export const BORDER_PLACES: Sourced<Readonly<Record<string, number>>> = {
  value: { IT: 8016, HU: 7716, ES: 3301, GR: 2188, PL: 1564 },
  source: { title: 'Commission Implementing Decision (EU) 2024/2150 (adequate capacity; IT 8,016 and HU 7,716 as reported by the Hungarian government; ES, GR, PL from the first year\'s maximum numbers reported by ANSA)', url: 'https://eur-lex.europa.eu/eli/dec_impl/2024/2150/oj' },
};
/** The Union's adequate capacity for the border procedure (APR Art. 47(1)). */
export const EU_BORDER_PLACES = 30_000;

export const FUNDING_LINES = ['national-budget', 'amif', 'bmvi', 'ndici-global-europe'] as const;
export type FundingLine = (typeof FUNDING_LINES)[number];

export interface UnitCost extends Provenance {
  /** Euro per unit. */
  eur: number;
  unit: 'person-day' | 'decision' | 'appeal' | 'person';
  /** Shares of the cost per funding line (summing to 1). */
  funding: Partial<Record<FundingLine, number>>;
}

const COST = 'Unit costs are not published EU-wide; an order-of-magnitude assumption for comparing scenarios, not for budgeting.';

/** Unit costs and who pays them. */
export const UNIT_COSTS = {
  reception: { eur: 35, unit: 'person-day', funding: { 'national-budget': 0.85, amif: 0.15 }, assumption: COST } as UnitCost,
  borderFacility: { eur: 90, unit: 'person-day', funding: { 'national-budget': 0.6, bmvi: 0.2, amif: 0.2 }, assumption: COST } as UnitCost,
  firstInstance: { eur: 1800, unit: 'decision', funding: { 'national-budget': 0.85, amif: 0.15 }, assumption: COST } as UnitCost,
  appeal: { eur: 1500, unit: 'appeal', funding: { 'national-budget': 1 }, assumption: COST } as UnitCost,
  voluntaryReturn: { eur: 2500, unit: 'person', funding: { amif: 0.75, 'national-budget': 0.25 }, assumption: COST } as UnitCost,
  enforcedReturn: { eur: 5000, unit: 'person', funding: { 'national-budget': 0.5, amif: 0.5 }, assumption: COST } as UnitCost,
  hubStay: { eur: 110, unit: 'person-day', funding: { 'national-budget': 0.5, amif: 0.25, 'ndici-global-europe': 0.25 }, assumption: COST } as UnitCost,
  stcTransfer: { eur: 6000, unit: 'person', funding: { 'national-budget': 0.5, 'ndici-global-europe': 0.5 }, assumption: COST } as UnitCost,
  resettlement: { eur: 10_000, unit: 'person', funding: { amif: 1 }, source: { title: 'Regulation (EU) 2021/1147 (AMIF), Art. 19(1): EUR 10,000 for each person admitted through resettlement', url: 'https://eur-lex.europa.eu/eli/reg/2021/1147/oj' } } as UnitCost,
} as const;
export type CostItem = keyof typeof UNIT_COSTS;
