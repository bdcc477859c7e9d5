/**
 * `waypoint simulate` and `waypoint backtest` as operators run them: a bad scenario or option is a
 * usage error (exit 2) naming each field; a run writes its results folder, and the same seed gives
 * the same figures on one thread or two.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/child.ts';
import { SHARED_DATA, SKIP_WITHOUT_DATA } from '../support/statistics.ts';

const dir = mkdtempSync(join(tmpdir(), 'waypoint-simulate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('waypoint simulate', () => {
  it('refuses an invalid scenario with exit code 2 and the path of every problem', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'id: Bad Id\ntitle: x\nchanges:\n  - kind: capacity\n    resource: return-hub\n    places: 10\n    from: 2026-13-01\n');
    const run = runCli(['simulate', file, '--registry', 'law-package']);
    assert.equal(run.status, 2, run.stderr);
    for (const path of ['id', 'title', 'changes.0.from', 'changes.0.source']) assert.match(run.stderr, new RegExp(`^  ${path.replace('.', '\\.')}: `, 'm'));
    const notYaml = join(dir, 'not.yaml');
    writeFileSync(notYaml, 'id: [unclosed\n');
    assert.equal(runCli(['simulate', notYaml]).status, 2);
  });

  it('refuses bad options and a missing statistics folder with exit code 2', () => {
    assert.equal(runCli(['simulate', 'scenarios/baseline.yaml', '--runs', '0']).status, 2);
    assert.equal(runCli(['simulate', 'scenarios/baseline.yaml', '--scale', '2']).status, 2);
    assert.match(runCli(['simulate', 'scenarios/baseline.yaml', '--data', join(dir, 'nowhere'), '--registry', 'law-package']).stderr, /no statistics folder/);
    assert.equal(runCli(['backtest', '--train-last', '2021', '--test', '2020']).status, 2);
  });

  it('writes the results folder, and gives the same figures on one thread and on two', { skip: SKIP_WITHOUT_DATA }, () => {
    const scenario = join(dir, 'short.yaml');
    writeFileSync(scenario, [
      'id: short-returns', 'title: Returns doubled for a quarter', 'period: { start: 2026-01-01, months: 3 }', 'changes:',
      '  - kind: capacity', '    resource: returns', '    factor: 2', '    from: 2026-02-01', '    source: { assumption: a test change for the command line suite }', '',
    ].join('\n'));
    const outputs = [1, 2].map((threads) => {
      const out = join(dir, `out-${threads}`);
      const run = runCli(['simulate', scenario, '--runs', '2', '--seed', '9', '--threads', String(threads), '--scale', '0.002', '--out', out, '--data', SHARED_DATA, '--registry', 'law-package'], {}, 300_000);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /books balanced: yes/);
      return out;
    });
    for (const file of ['figures.csv', 'monthly.csv', 'time-in-procedure.csv', 'capacity.csv', 'costs.csv', 'safeguards.csv']) {
      assert.equal(readFileSync(join(outputs[1]!, file), 'utf8'), readFileSync(join(outputs[0]!, file), 'utf8'), `${file}: same seed, same numbers`);
    }
    const figures = readFileSync(join(outputs[0]!, 'figures.csv'), 'utf8');
    assert.match(figures, /^metric,where,period,baseline_median,baseline_p05,baseline_p95,scenario_median/);
    assert.match(figures, /\nreturns,EU,all,/);
    const report = readFileSync(join(outputs[0]!, 'report.html'), 'utf8');
    assert.match(report, /<svg /);
    assert.match(report, /Key figures \(EU\)/);
    assert.equal(JSON.parse(readFileSync(join(outputs[0]!, 'summary.json'), 'utf8')).summary.conservation, true);
  });
});
