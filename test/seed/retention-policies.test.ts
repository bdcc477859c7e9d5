/**
 * @module test/seed/retention-policies
 * The default retention periods seeded for personal data are the Eurodac storage periods the law
 * package holds as cited parameters (Regulation (EU) 2024/1358 Art. 29), with the same paragraph cited:
 * a correction of the law data that the seed does not follow fails here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LAW_DIR } from '../../law/cite.ts';
import { loadParameters } from '../../src/rules/engine/loader.ts';
import { readParameter } from '../../src/rules/engine/parameters.ts';
import { RETENTION_POLICIES } from '../../src/seed/reference.ts';

const FOLDER = 'eu/reg-2024-1358-eurodac/art-29-data-storage';
/** Which Eurodac category each record type mirrors. */
const MIRRORS: Record<string, string> = { applicant: 'applicant-years', 'irregular-arrival': 'irregular-crossing-years', 'illegal-stay': 'illegal-stay-years' };

describe('default retention policies', () => {
  const parameters = new Map(loadParameters({ root: LAW_DIR, folders: [FOLDER] }).map((p) => [p.id, p]));

  it('cover exactly the record types that mirror a Eurodac category', () => {
    assert.deepEqual(RETENTION_POLICIES.map((p) => p.record_type).sort(), Object.keys(MIRRORS).sort());
  });

  for (const policy of RETENTION_POLICIES) {
    it(`keep ${policy.record_type} data as long as Eurodac keeps the dataset, citing the same paragraph`, () => {
      const parameter = parameters.get(`${FOLDER}/${MIRRORS[policy.record_type]}`);
      assert.ok(parameter, `no parameter for ${policy.record_type}`);
      const reading = readParameter(parameter, '2026-06-12');
      assert.equal(policy.retain_months, Number(reading.value) * 12);
      const paragraph = /Art\. 29\(\d+\)/.exec(reading.reference[0]!.title)?.[0];
      assert.ok(paragraph && policy.basis.endsWith(paragraph), `${policy.basis} should cite ${paragraph}`);
    });
  }
});
