/**
 * @module law/registry.test
 * A registry snapshot as the questions see it: entries in force on the date, EU-level designations in
 * every Member State and national ones only in theirs, the latest recognition rate before the year, and
 * the facts' own `context` replacing the registry's entry with the same key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseFacts } from './facts.ts';
import { LawRegistry } from './registry.ts';
import { buildSituation, latestRecognitionRate } from './situation.ts';

const REGISTRY = new LawRegistry({
  designations: [
    { country: 'BD', kind: 'safe-country-of-origin', level: 'eu', from: '2026-06-12' },
    { country: 'GE', kind: 'safe-country-of-origin', level: 'national', memberState: 'DE', from: '2023-12-23', to: '2027-12-31' },
  ],
  readmission: [{ country: 'TR', from: 'GR', status: 'suspended', since: '2020-03-01' }],
  agreements: [
    { id: 'zz-later', kind: 'return-hub', partner: 'UG', memberStates: ['NL'], from: '2026-01-01', to: null },
    { id: 'aa-earlier', kind: 'readmission', partner: 'TN', memberStates: ['IT'], from: '2023-07-16', to: '2026-12-31' },
  ],
  recognitionRates: [{ nationality: 'PK', year: 2024, rate: 0.11 }, { nationality: 'PK', year: 2025, rate: 0.13 }],
});

function situation(facts: Record<string, unknown>, on: string) {
  const parsed = parseFacts(facts, on);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return buildSituation(parsed.facts, on, REGISTRY);
}

describe('LawRegistry', () => {
  it('gives an EU-level designation in every Member State and a national one only in its own, each in its period', () => {
    const de = situation({ memberState: 'DE', person: { nationality: 'GE' } }, '2026-08-01');
    assert.deepEqual(de.designations.map((d) => d.country).sort(), ['BD', 'GE']);
    const fr = situation({ memberState: 'FR', person: { nationality: 'GE' } }, '2026-08-01');
    assert.deepEqual(fr.designations.map((d) => d.country), ['BD']);
    assert.deepEqual(situation({ memberState: 'FR', person: { nationality: 'BD' } }, '2026-06-11').designations, []);
    assert.deepEqual(situation({ memberState: 'DE', person: { nationality: 'GE' } }, '2028-01-01').designations.map((d) => d.country), ['BD']);
  });

  it('holds agreements in force on the date, ordered by id whatever the source\'s order', () => {
    assert.deepEqual(situation({ memberState: 'IT', person: { nationality: 'TN' } }, '2026-08-01').agreements.map((a) => a.id), ['aa-earlier', 'zz-later']);
    assert.deepEqual(situation({ memberState: 'IT', person: { nationality: 'TN' } }, '2027-01-01').agreements.map((a) => a.id), ['zz-later']);
  });

  it('lets the facts\' own context replace the registry\'s entry with the same key, and keeps the others', () => {
    const s = situation({ memberState: 'GR', person: { nationality: 'SY' },
      context: { readmission: [{ country: 'TR', from: 'GR', status: 'cooperating', since: '2026-01-01' }, { country: 'AL', from: 'GR', status: 'cooperating', since: '2026-01-01' }] } }, '2026-08-01');
    assert.deepEqual(s.readmission.map((r) => `${r.country}:${r.status}`), ['TR:cooperating', 'AL:cooperating']);
  });

  it('reads the latest recognition rate published before the year, the facts\' own for the same year first', () => {
    fc.assert(fc.property(fc.integer({ min: 2016, max: 2030 }), fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), (year, own) => {
      const context = own === undefined ? {} : { context: { recognitionRates: [{ nationality: 'PK', year: 2025, rate: own }] } };
      const s = situation({ memberState: 'DE', person: { nationality: 'PK' }, ...context }, `${year}-03-01`);
      const rate = latestRecognitionRate(s, 'PK');
      if (year <= 2024) assert.equal(rate, null);
      else if (year === 2025) assert.deepEqual(rate, { nationality: 'PK', year: 2024, rate: 0.11 });
      else assert.equal(rate?.rate, own ?? 0.13);
    }));
  });
});
