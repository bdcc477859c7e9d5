import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SKIP_WITHOUT_DATA, slicer } from '../../test/support/statistics.ts';
import { backtest, backtestMarkdown } from './backtest.ts';
import { readHistory } from './history/read-history.ts';

const STATES = ['IT', 'GR', 'DE', 'ES'];
const ISO3 = ['ITA', 'GRC', 'DEU', 'ESP'];
const YEARS = /^(2018|2019|2020|2021|2022)$/;

describe('backtest on a slice of the public data (2018–2022, four Member States)', { skip: SKIP_WITHOUT_DATA }, () => {
  const s = slicer();
  after(() => s.remove());
  const csvYear = (line: string, column: number) => YEARS.test(line.split(',')[column]!.replaceAll('"', ''));
  s.slice('frontex/frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv', { where: (l) => YEARS.test(l.slice(1, 5)) });
  s.slice('iom/iom_missing_migrants_incidents_2014-01_2025-04.csv', { where: (l) => YEARS.test(l.slice(1, 5)) });
  s.slice('eurostat/migr_asyappctza_asylum_applicants_by_citizenship_sex_2011_2024.csv', { where: (l) => csvYear(l, 1) && ISO3.some((c) => l.startsWith(`"${c}"`)) });
  s.slice('eurostat/migr_eirtn_returned_to_third_country_by_citizenship_2014_2023.csv', { where: (l) => csvYear(l, 3) && STATES.some((c) => l.startsWith(c === 'GR' ? 'EL,' : `${c},`)) });
  s.slice('eurostat/migr_eipre_illegally_present_by_citizenship_2013_2024.csv', { where: (l) => csvYear(l, 3) && STATES.some((c) => l.startsWith(c === 'GR' ? 'EL,' : `${c},`)) });
  for (const file of ['unhcr/unhcr_asylum_decisions_2000_2025.csv', 'unhcr/unhcr_population_1951_2025.csv', 'unhcr/unhcr_solutions_1959_2025.csv']) {
    s.slice(file, { where: (l) => csvYear(l, 0) && ISO3.some((c) => l.includes(`,"${c}",`) || l.endsWith(`,"${c}"`)) });
  }

  it('fits on the training years and reports the error on a held-back year, with the measure named', async () => {
    const { history, missing } = readHistory(s.dir);
    assert.deepEqual(missing, ['ages'], 'every table but the age breakdown is in the slice');
    const result = await backtest({ history, lastTrainYear: 2021, testYears: [2022], runs: 2, seed: 3, scale: 0.02, threads: 1, memberStates: STATES });
    assert.match(result.calibration.objective.measure, /sMAPE/);
    for (const metric of ['applications', 'returns'] as const) {
      const cells = result.cells.filter((c) => c.metric === metric);
      assert.deepEqual(cells.map((c) => c.memberState).sort(), [...STATES].sort(), `${metric}: one row per Member State`);
      for (const c of cells) {
        assert.ok(c.observed > 0 && c.simulated.median > 0, `${metric} ${c.memberState}: simulated ${c.simulated.median}`);
        assert.ok(c.sape >= 0 && c.sape <= 2);
      }
      const overall = result.measures.find((m) => m.metric === metric && m.year === 'all')!;
      assert.equal(overall.cells, STATES.length);
      assert.ok(Number.isFinite(overall.smape) && Number.isFinite(overall.mape));
    }
    const markdown = backtestMarkdown(result, '2026-11-21');
    assert.match(markdown, /\| figure \| year \| Member States \| sMAPE \| MAPE \|/);
    assert.match(markdown, /symmetric absolute percentage error/);
  });
});
