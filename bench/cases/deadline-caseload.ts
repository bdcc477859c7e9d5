/**
 * @module bench/cases/deadline-caseload
 * Fills a benchmark database with open cases in every stage of the procedure, in SQL
 * (`generate_series`), for the deadline benchmark: persons with a nationality mix, birth dates, a few
 * families with a minor child; cases spread over six Member States (Italy 35 %, Spain 20 %, Greece and
 * Germany 15 % each, France 10 %, Malta 5 %), three units and 40 caseworkers a unit (5 % unassigned),
 * with the facts their stage implies — the application's dates (made from 20 May to 16 November
 * 2026, so both the Directive and the Regulation apply), decisions, appeals, return decisions,
 * detention (about 8 % of the cases where it happens) and journeys. Pseudo-random but reproducible
 * (`setseed`). Triggers and foreign-key checks are off during the fill (`session_replication_role =
 * replica`): the persons' search keys are not derived, which the deadline benchmark does not read.
 *
 * This is the deadline benchmark's own filler, not the product's demo generator: it only needs facts
 * the law engine computes deadlines from.
 */
import pg from 'pg';

/** Stages and their share, in procedural order (cumulative thresholds are computed from these). */
const STAGES: Array<[string, number]> = [
  ['registered', 4], ['screening', 4], ['application-made', 9], ['application-registered', 10], ['application-lodged', 9],
  ['admissibility', 7], ['accelerated', 7], ['border-procedure', 8], ['examination', 12], ['decided', 8], ['appeal', 6],
  ['return-decision', 9], ['protection-granted', 4], ['voluntary-return', 3],
];

const NATIONALITIES = ['SY', 'AF', 'BD', 'TN', 'EG', 'PK', 'MA', 'NG', 'IQ', 'TR', 'GN', 'CI', 'ER', 'SO', 'VE', 'CO', 'DZ', 'ML', 'SN', 'GE'];
const TENANTS = ['IT', 'IT', 'IT', 'IT', 'IT', 'IT', 'IT', 'ES', 'ES', 'ES', 'ES', 'GR', 'GR', 'GR', 'DE', 'DE', 'DE', 'FR', 'FR', 'MT'];

function stageCase(column: string): string {
  let total = 0;
  const sum = STAGES.reduce((s, [, w]) => s + w, 0);
  const arms = STAGES.map(([stage, w]) => { total += w; return `when ${column} < ${(total / sum).toFixed(4)} then '${stage}'`; });
  return `case ${arms.join(' ')} else 'voluntary-return' end`;
}

const array = (values: string[]) => `(array[${values.map((v) => `'${v}'`).join(',')}])`;

/** The statements, in order. `$1` is the number of cases. */
export const FILL_STATEMENTS = [
  `set session_replication_role = replica`,
  `select setseed(0.2026)`,
  `create unlogged table bench_gen as
   select i, ${array(TENANTS)}[1 + i % ${TENANTS.length}] as tenant, ${stageCase('r1')} as stage,
          r2, r3, r4, r5, r6, r7, r8, r9,
          date '2026-05-20' + floor(r2 * 181)::int as made
   from (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8, random() r9
         from generate_series(1, $1::int) i offset 0) g`,
  `alter table bench_gen add column kind text, add column unit text, add column reg date, add column lodged date, add column decided date,
     add column decision text, add column detained date, add column assignee text`,
  `update bench_gen set
     kind = case when stage = 'voluntary-return' or (stage = 'return-decision' and r6 < 0.5) then 'return' else 'asylum' end,
     unit = case when stage = 'border-procedure' then 'border' when stage in ('return-decision', 'voluntary-return') then 'return' else 'asylum' end,
     reg = least(made + floor(r3 * 6)::int, date '2026-11-20'),
     lodged = least(made + floor(r3 * 6)::int + floor(r4 * 21)::int, date '2026-11-20'),
     decided = least(made + floor(r3 * 6)::int + floor(r4 * 21)::int + 10 + floor(r5 * 90)::int, date '2026-11-20'),
     decision = case when stage in ('return-decision', 'voluntary-return') then 'return-decision'
                     when r6 < 0.5 then 'regular-rejection' when r6 < 0.75 then 'border-rejection' else 'accelerated-rejection' end`,
  `update bench_gen set
     detained = case when r7 < 0.08 and stage in ('border-procedure', 'decided', 'appeal', 'return-decision') then least(reg + 1, date '2026-11-20') end,
     assignee = case when r8 < 0.05 then null else lower(tenant) || '-' || unit || '-cw-' || ((i / 20) % 40) end`,
  `insert into persons (tenant_id, id, record_type, data, created_at, retain_until, version)
   select tenant, md5('p' || i)::uuid, 'applicant',
          jsonb_build_object('givenNames', 'Bench', 'familyName', 'Person ' || i, 'nationality', ${array(NATIONALITIES)}[1 + (i * 7) % ${NATIONALITIES.length}],
                             'birthDate', (case when i % 97 = 20 then date '2015-01-01' + (i % 1500) else date '1960-01-01' + floor(r9 * 17500)::int end)::text,
                             'sex', case when r9 < 0.7 then 'M' else 'F' end),
          made::timestamptz, made + 3650, 1
   from bench_gen`,
  // A family every 97 persons: a parent and a minor child 20 persons on (same tenant), linked both ways.
  `insert into person_links (tenant_id, person_id, related_id, relation, created_by, created_at)
   select a.tenant, md5('p' || a.i)::uuid, md5('p' || b.i)::uuid, 'child', 'bench', now() from bench_gen a join bench_gen b on b.i = a.i + 20 where a.i % 97 = 0
   union all
   select a.tenant, md5('p' || b.i)::uuid, md5('p' || a.i)::uuid, 'parent', 'bench', now() from bench_gen a join bench_gen b on b.i = a.i + 20 where a.i % 97 = 0`,
  `insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version, facts)
   select tenant, md5('c' || i)::uuid, tenant || '-B-' || lpad(i::text, 8, '0'), md5('p' || i)::uuid, kind, stage, unit, assignee, 'bench',
          (made - 2)::timestamptz + (i % 86400) * interval '1 second', now(), 1,
          jsonb_strip_nulls(jsonb_build_object(
            'application', case when stage not in ('registered', 'screening') and kind = 'asylum' then jsonb_strip_nulls(jsonb_build_object(
              'madeOn', made::text,
              'registeredOn', case when stage <> 'application-made' then reg::text end,
              'lodgedOn', case when stage not in ('application-made', 'application-registered') and not (stage = 'border-procedure' and r5 < 0.5) then lodged::text end,
              'atExternalBorder', stage = 'border-procedure' or r6 < 0.3)) end,
            'decision', case when stage in ('decided', 'appeal', 'return-decision', 'voluntary-return') then jsonb_build_object('kind', decision, 'on', decided::text) end,
            'appeal', case when stage = 'appeal' then jsonb_build_object('lodgedOn', decided::text, 'against', decision, 'suspensive', 'yes') end,
            'returnDecision', case when stage in ('return-decision', 'voluntary-return') then jsonb_build_object('on', decided::text, 'voluntaryDepartureDays', 30, 'entryBanYears', null) end,
            'detention', case when detained is not null then jsonb_build_object('since', detained::text) end,
            'journey', case when r8 > 0.7 then jsonb_build_object('transits', jsonb_build_array(jsonb_build_object('country', 'LY', 'days', 20 + (i % 200), 'couldHaveSoughtProtection', false))) end
          ))
   from bench_gen`,
  `drop table bench_gen`,
  `set session_replication_role = default`,
  `analyze`,
];

/** Runs the fill on a connection to the benchmark database. */
export async function fillDeadlineCaseload(connectionString: string, cases: number, onStep?: (step: number, of: number) => void): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const [i, statement] of FILL_STATEMENTS.entries()) {
      await client.query(statement, statement.includes('$1') ? [cases] : []);
      onStep?.(i + 1, FILL_STATEMENTS.length);
    }
  } finally {
    await client.end();
  }
}
