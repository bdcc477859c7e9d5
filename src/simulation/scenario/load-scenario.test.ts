import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadScenarioFile, parseScenario } from './load-scenario.ts';

const SCENARIOS = resolve(import.meta.dirname, '../../../scenarios');
const source = { title: 'A source', url: 'https://example.org/a' };

describe('scenario files', () => {
  it('accepts every scenario under scenarios/, each change with its source', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const parsed = loadScenarioFile(join(SCENARIOS, file));
      assert.ok(parsed.ok, `${file}: ${JSON.stringify(!parsed.ok && parsed.errors)}`);
      for (const c of parsed.scenario.changes) assert.ok('url' in c.source || c.source.assumption.length >= 10);
    }
  });

  it('refuses what the schema refuses with the path of the field', () => {
    const bad = parseScenario({ id: 'Bad Id', title: 'x', extra: 1, changes: [{ kind: 'capacity', resource: 'border-procedure', places: -1, from: '2026-02-30', source }] });
    assert.equal(bad.ok, false);
    const paths = !bad.ok ? bad.errors.map((e) => e.path).sort() : [];
    assert.deepEqual(paths, ['changes.0.from', 'changes.0.places', 'extra', 'id', 'title']);
  });

  it('refuses a change without its source, and cross-field mistakes with their paths', () => {
    const noSource = parseScenario({ id: 'x1', title: 'No source', changes: [{ kind: 'parameter', name: 'appealDays', value: 100, from: '2026-01-01' }] });
    assert.deepEqual(!noSource.ok && noSource.errors.map((e) => e.path), ['changes.0.source']);
    const crossed = parseScenario({ id: 'x2', title: 'Crossed', changes: [
      { kind: 'capacity', resource: 'return-hub', agreement: 'nowhere', perMonth: 3, from: '2026-01-01', source },
      { kind: 'capacity', resource: 'stc-admissions', places: 10, from: '2026-01-01', source },
      { kind: 'designation', designation: { country: 'TN', kind: 'safe-third-country', level: 'national' }, from: '2026-01-01', source },
    ] });
    assert.equal(crossed.ok, false);
    assert.deepEqual(!crossed.ok && crossed.errors.map((e) => e.path).sort(), [
      'changes.0.agreement', 'changes.0.perMonth', 'changes.1.partner', 'changes.1.places', 'changes.2.designation.memberState',
    ]);
  });

  it('names the path of any unknown field, wherever it is (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{3,12}$/).filter((k) => !['kind', 'from', 'source', 'note', 'name', 'value'].includes(k)), (field) => {
      const parsed = parseScenario({ id: 'p1', title: 'Unknown field', changes: [{ kind: 'parameter', name: 'appealDays', value: 1, from: '2026-01-01', source, [field]: true }] });
      assert.equal(parsed.ok, false);
      assert.ok(!parsed.ok && parsed.errors.some((e) => e.path === `changes.0.${field}`));
    }), { numRuns: 30 });
  });
});
