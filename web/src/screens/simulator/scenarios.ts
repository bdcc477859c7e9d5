/**
 * @module web/screens/simulator/scenarios
 * The scenarios shipped in scenarios/*.yaml, as the simulator screen offers them: the API takes a
 * scenario object (`POST /api/simulations`, docs/simulation.md), and has no route listing the files,
 * so the screen carries them (test/web/simulator-scenarios.test.ts fails when they drift from the
 * files). The "knobs" are a scenario's numbers a user may change before running it — each change's
 * factor, places, persons a month or parameter value, and the horizon in months — and applying them
 * gives a new scenario (its own id, a note on each change saying what was changed), never an edit of
 * the shipped one. Pure.
 */

export interface ScenarioSource { title?: string; url?: string; assumption?: string }

export interface ScenarioChange {
  kind: string;
  from: string;
  source: ScenarioSource;
  note?: string;
  [field: string]: unknown;
}

export interface Scenario {
  id: string;
  title: string;
  description?: string;
  period?: { start: string; months: number };
  changes: ScenarioChange[];
}

/** scenarios/baseline.yaml, border-capacity-doubled.yaml, return-hub-3000.yaml, stc-transit-three-states.yaml, as parsed. */
export const SHIPPED_SCENARIOS: readonly Scenario[] = [
  {
    "id": "baseline",
    "title": "Baseline (no change)",
    "description": "The pipeline as the history and the law package have it: arrivals projected from the latest twelve Frontex months with each route's seasonality, the law in force on each day (Directive 2013/32/EU for applications made before 12 June 2026, Regulation (EU) 2024/1348 from that day), border-procedure places as set by Implementing Decision (EU) 2024/2150, no return hub and no safe-third-country admissions.\n",
    "period": {
      "start": "2026-01-01",
      "months": 24
    },
    "changes": []
  },
  {
    "id": "border-capacity-doubled",
    "title": "Border-procedure capacity doubled from 12 June 2026",
    "description": "The adequate capacity of Implementing Decision (EU) 2024/2150 — 30,000 places across the Union, 8,016 in Italy, 7,716 in Hungary, 3,301 in Spain, 2,188 in Greece, 1,564 in Poland — doubled in every Member State from 12 June 2026, with the caseworkers as they are: the places fill with applications the law sends to the border procedure (mandatory on the grounds of Art. 45(1) APR), and decisions must come within its 12 weeks (Art. 51(2)) or the applicant enters the territory.\n",
    "period": {
      "start": "2026-01-01",
      "months": 24
    },
    "changes": [
      {
        "kind": "capacity",
        "resource": "border-procedure",
        "factor": 2,
        "from": "2026-06-12",
        "source": {
          "assumption": "Twice the adequate capacity of Commission Implementing Decision (EU) 2024/2150 (https://eur-lex.europa.eu/eli/dec_impl/2024/2150/oj); the doubling is the scenario."
        }
      }
    ]
  },
  {
    "id": "return-hub-3000",
    "title": "A return hub of 3,000 places in Uganda for six Member States, from 2027",
    "description": "Persons with a return decision whose removal to their country of origin fails (the country does not accept them, or the law bars it for a reason other than a real risk) are transferred to the hub when a place is free and the law — under the assumed Return Regulation — allows it: a return decision, no unaccompanied minors, and an individual assessment finding no real risk in Uganda. They stay about 120 days before the onward return.\n",
    "period": {
      "start": "2026-01-01",
      "months": 24
    },
    "changes": [
      {
        "kind": "agreement",
        "from": "2027-01-01",
        "agreement": {
          "id": "ug-return-hub",
          "kind": "return-hub",
          "partner": "UG",
          "memberStates": [
            "AT",
            "BE",
            "DE",
            "DK",
            "NL",
            "SE"
          ],
          "legallyBinding": true,
          "independentMonitoring": true
        },
        "source": {
          "assumption": "A hub agreement modelled on the Netherlands–Uganda letter of intent of 25 September 2025 (https://openrijk.nl/en/ministeries/justitie-en-veiligheid/artikel/fd843daf-30c6-4622-a52e-9df70224198b/the-netherlands-and-uganda-make-agreements-on-return-via-uganda), extended to five more signatories of the Member States' letter of 15 December 2025; the partner, the participants and the first day are assumptions, not facts.\n"
        }
      },
      {
        "kind": "capacity",
        "resource": "return-hub",
        "agreement": "ug-return-hub",
        "places": 3000,
        "from": "2027-01-01",
        "source": {
          "assumption": "The 3,000 places the issue asks about (the size of the Italy–Albania Protocol's cap, Art. 4)."
        }
      },
      {
        "kind": "law-assumption",
        "assumption": "return-hubs-under-return-regulation",
        "from": "2027-01-01",
        "source": {
          "title": "Provisional agreement on the Return Regulation of 1 June 2026 (COM(2025) 101), as reported: return hubs allowed, unaccompanied minors excluded",
          "url": "https://www.global-political-spotlight.com/articles/government-briefs/eu-seals-political-deal-on-return-regulation-2026-06-02"
        },
        "note": "Not in force on 21 November 2026 (law/instruments.yaml); the scenario assumes the hub provisions apply from the hub's first day."
      }
    ]
  },
  {
    "id": "stc-transit-three-states",
    "title": "Italy, Spain and Greece apply the safe-third-country transit rule from 12 June 2026",
    "description": "Italy designates Tunisia, Spain designates Morocco and Mauritania, and Greece designates Türkiye as safe third countries. Under Art. 59(5)(b) APR as amended, an application may be declared inadmissible where the applicant transited through such a country and could have sought effective protection there — never for unaccompanied minors by way of an arrangement, and every transfer behind the non-refoulement gate. The countries admit a limited number each month; an applicant not admitted within 90 days has the application examined on the merits (C-134/23). Türkiye has not readmitted persons from Greece since March 2020: the law engine refuses inadmissibility there.\n",
    "period": {
      "start": "2026-01-01",
      "months": 24
    },
    "changes": [
      {
        "kind": "designation",
        "from": "2026-06-12",
        "designation": {
          "country": "TN",
          "kind": "safe-third-country",
          "level": "national",
          "memberState": "IT"
        },
        "source": {
          "assumption": "A national designation Italy could make under Regulation (EU) 2026/463 (https://eur-lex.europa.eu/eli/reg/2026/463/oj); no such designation is known."
        }
      },
      {
        "kind": "designation",
        "from": "2026-06-12",
        "designation": {
          "country": "MA",
          "kind": "safe-third-country",
          "level": "national",
          "memberState": "ES"
        },
        "source": {
          "assumption": "A national designation Spain could make under Regulation (EU) 2026/463 (https://eur-lex.europa.eu/eli/reg/2026/463/oj); no such designation is known."
        }
      },
      {
        "kind": "designation",
        "from": "2026-06-12",
        "designation": {
          "country": "MR",
          "kind": "safe-third-country",
          "level": "national",
          "memberState": "ES"
        },
        "source": {
          "assumption": "A national designation Spain could make under Regulation (EU) 2026/463 (https://eur-lex.europa.eu/eli/reg/2026/463/oj); no such designation is known."
        }
      },
      {
        "kind": "designation",
        "from": "2026-06-12",
        "designation": {
          "country": "TR",
          "kind": "safe-third-country",
          "level": "national",
          "memberState": "GR"
        },
        "source": {
          "title": "Greece's joint ministerial decision designating Türkiye a safe third country (7 June 2021), here extended to every nationality",
          "url": "https://migration.gov.gr/en/asfali-triti-chora-charaktirizei-gia-proti-fora-i-elliniki-nomothesia-tin-toyrkia-afora-aitoyntes-asylo-apo-syria-afganistan-pakistan-mpagklantes-kai-somalia/"
        }
      },
      {
        "kind": "capacity",
        "resource": "stc-admissions",
        "partner": "TN",
        "perMonth": 300,
        "from": "2026-06-12",
        "source": {
          "assumption": "No admission arrangement with Tunisia exists; 300 a month is a hypothetical quota."
        }
      },
      {
        "kind": "capacity",
        "resource": "stc-admissions",
        "partner": "MA",
        "perMonth": 300,
        "from": "2026-06-12",
        "source": {
          "assumption": "No admission arrangement with Morocco exists; 300 a month is a hypothetical quota."
        }
      },
      {
        "kind": "capacity",
        "resource": "stc-admissions",
        "partner": "MR",
        "perMonth": 100,
        "from": "2026-06-12",
        "source": {
          "assumption": "No admission arrangement with Mauritania exists; 100 a month is a hypothetical quota."
        }
      },
      {
        "kind": "capacity",
        "resource": "stc-admissions",
        "partner": "TR",
        "perMonth": 300,
        "from": "2026-06-12",
        "source": {
          "assumption": "A hypothetical quota; Türkiye's suspension of readmissions from Greece (C-134/23) keeps the law from using it."
        }
      }
    ]
  }
];

/** The numeric fields of a change a user may set, with their limits (simulation/scenario/schema.ts). */
export const KNOB_FIELDS = {
  factor: { min: 0, max: 100, step: 0.05, integer: false },
  places: { min: 0, max: 1_000_000, step: 1, integer: true },
  perMonth: { min: 0, max: 1_000_000, step: 1, integer: false },
  value: { min: 0, max: 10_000, step: 0.01, integer: false },
} as const;
export type KnobField = keyof typeof KNOB_FIELDS | 'months';

export interface Knob {
  /** `period.months` or `changes.<i>.<field>`. */
  path: string;
  field: KnobField;
  /** The change it belongs to (null for the horizon). */
  change: number | null;
  value: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
}

/** The suffix of a scenario run with changed knobs. */
export const ADJUSTED = '-adjusted';

/**
 * A scenario's knobs: the horizon, then each change's numbers in order.
 * @example knobsOf(returnHub).map((k) => k.path) // ['period.months', 'changes.1.places']
 */
export function knobsOf(scenario: Scenario): Knob[] {
  const knobs: Knob[] = [{ path: 'period.months', field: 'months', change: null, value: scenario.period?.months ?? 24, min: 1, max: 60, step: 1, integer: true }];
  scenario.changes.forEach((change, i) => {
    for (const [field, limits] of Object.entries(KNOB_FIELDS) as Array<[keyof typeof KNOB_FIELDS, (typeof KNOB_FIELDS)[keyof typeof KNOB_FIELDS]]>) {
      const value = change[field];
      if (typeof value === 'number') knobs.push({ path: `changes.${i}.${field}`, field, change: i, value, ...limits });
    }
  });
  return knobs;
}

/** Whether a knob's value is allowed (a number within its limits, whole where it must be). */
export function knobValid(knob: Knob, value: number): boolean {
  return Number.isFinite(value) && value >= knob.min && value <= knob.max && (!knob.integer || Number.isInteger(value));
}

/**
 * The scenario with the knobs set to `values` (by path): unchanged values leave it as shipped; any
 * change gives it the id `<id>-adjusted`, "(adjusted)" in its title, and a note on each change
 * touched saying from what to what. The shipped scenario is not modified.
 * @example applyKnobs(returnHub, { 'changes.1.places': 5000 }).changes[1].places // 5000
 */
export function applyKnobs(scenario: Scenario, values: Readonly<Record<string, number>>): Scenario {
  const copy: Scenario = structuredClone(scenario) as Scenario;
  let adjusted = false;
  for (const knob of knobsOf(scenario)) {
    const value = values[knob.path];
    if (value === undefined || value === knob.value) continue;
    adjusted = true;
    if (knob.change === null) {
      copy.period = { start: scenario.period?.start ?? '2026-01-01', months: value };
    } else {
      const change = copy.changes[knob.change]!;
      change[knob.field] = value;
      const said = `Changed in Waypoint's simulator screen: ${knob.field} ${knob.value} → ${value}.`;
      change.note = change.note ? `${change.note} ${said}` : said;
    }
  }
  if (!adjusted) return copy;
  return { ...copy, id: `${scenario.id}${ADJUSTED}`.slice(0, 100), title: `${scenario.title} (adjusted)`.slice(0, 300) };
}

/** The shipped scenario a recorded simulation ran (its id, with or without `-adjusted`), if any. */
export function shippedScenarioOf(id: string): Scenario | null {
  const base = id.endsWith(ADJUSTED) ? id.slice(0, -ADJUSTED.length) : id;
  return SHIPPED_SCENARIOS.find((s) => s.id === base) ?? null;
}

/** The readings of the law a scenario assumes beyond the law package (its `law-assumption` changes). */
export function lawAssumptionsOf(scenario: Scenario): Array<{ assumption: string; from: string }> {
  return scenario.changes.filter((c) => c.kind === 'law-assumption').map((c) => ({ assumption: String(c.assumption), from: c.from }));
}
