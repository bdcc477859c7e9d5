/**
 * An import row, without a database: the same row written as a JSON line or as CSV is the same row
 * with the same hash; every problem is reported with its field path; a CSV header naming unknown or
 * repeated columns, or lacking required ones, is refused. The batch chain gives exactly what
 * `audit/chain.ts` gives, for any input (the canonical JSON itself: `lib/canonical-json.test.ts`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { guardFormula } from '../../lib/csv-safe.ts';
import { genesisHash, hashEvent, type ChainedEvent } from '../audit/chain.ts';
import { checkCsvHeader, parseCsvRecord, parseJsonLine, type ParsedRow } from './case-row.ts';
import { chainEvents } from './chain-events.ts';

const HEADER = ['externalRef', 'kind', 'unitId', 'person.givenNames', 'person.familyName', 'person.nationality', 'person.birthDate', 'person.sex', 'person.languages', 'person.unaccompaniedMinor', 'person.aliases'];

function ok(parsed: ParsedRow) {
  assert.ok(parsed.ok, `expected a valid row: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('an import row', () => {
  it('is the same row, with the same hash, as a JSON line and as CSV', () => {
    const json = ok(parseJsonLine(JSON.stringify({
      externalRef: ' IT-NAT-42 ', kind: 'asylum', unitId: 'asylum',
      person: { givenNames: 'Amal', familyName: 'Haddad', nationality: 'EL', birthDate: '1991-02-03', sex: 'F', languages: ['ar'], unaccompaniedMinor: false, aliases: [{ familyName: '=Hadad' }] },
    })));
    const csv = ok(parseCsvRecord(HEADER, [' IT-NAT-42 ', 'asylum', 'asylum', 'Amal', 'Haddad', 'EL', '1991-02-03', 'F', '["ar"]', 'false', guardFormula('[{"familyName":"=Hadad"}]')]));
    assert.deepEqual(csv.row, json.row);
    assert.equal(csv.hash, json.hash);
    assert.equal(json.row.externalRef, 'IT-NAT-42', 'trimmed');
    assert.equal(json.row.person.nationality, 'GR', 'Eurostat\'s EL read as GR');
  });

  it('leaves out what is not given, whether absent, null or an empty cell', () => {
    const absent = ok(parseJsonLine('{"externalRef":"A","kind":"return","person":{"givenNames":"Omar","familyName":"Said","nationality":"MA"}}'));
    const nulls = ok(parseJsonLine('{"externalRef":"A","kind":"return","unitId":null,"person":{"givenNames":"Omar","familyName":"Said","nationality":"MA","birthDate":null,"sex":null}}'));
    const empty = ok(parseCsvRecord(HEADER, ['A', 'return', '', 'Omar', 'Said', 'MA', '', '', '', '', '']));
    assert.deepEqual(nulls.row, absent.row);
    assert.deepEqual(empty.row, absent.row);
    assert.equal(empty.hash, absent.hash);
  });

  it('reports every problem of a row with its field path and a code', () => {
    const parsed = parseJsonLine(JSON.stringify({ externalRef: 'B-7', kind: 'asylum', extra: 1, person: { givenNames: '', familyName: 'X', nationality: 'QQ', birthDate: '2026-02-30', sex: 'male' } }));
    assert.ok(!parsed.ok);
    assert.equal(parsed.externalRef, 'B-7');
    assert.deepEqual(parsed.issues.map((i) => [i.path, i.code]).sort(), [
      ['extra', 'VALIDATION_FAILED'], ['person.birthDate', 'VALIDATION_FAILED'], ['person.givenNames', 'VALIDATION_FAILED'],
      ['person.nationality', 'VALIDATION_FAILED'], ['person.sex', 'VALIDATION_FAILED'],
    ]);
    assert.deepEqual(parseJsonLine('{"externalRef": "C"').ok ? [] : (parseJsonLine('{"externalRef": "C"') as { issues: unknown[] }).issues, [{ path: 'row', code: 'MALFORMED_JSON', message: 'not a JSON object on one line', severity: 'error' }]);
    const csv = parseCsvRecord(HEADER, ['D', 'asylum', '', 'Amal', 'Haddad', 'SY', '', '', '[ar]', 'yes', '']);
    assert.ok(!csv.ok);
    assert.deepEqual(csv.issues.map((i) => i.path), ['person.languages', 'person.unaccompaniedMinor']);
    const short = parseCsvRecord(HEADER, ['E', 'asylum']);
    assert.ok(!short.ok);
    assert.match(short.issues[0]!.message, /expected 11 cells, found 2/);
  });

  it('refuses a CSV header with unknown, repeated or missing columns', () => {
    assert.deepEqual(checkCsvHeader(HEADER), []);
    assert.deepEqual(checkCsvHeader(['externalRef', 'kind', 'person.givenNames', 'person.givenNames', 'person.nationality', 'person.nickname']), [
      'column person.givenNames appears twice', 'unknown column "person.nickname"', 'missing column person.familyName',
    ]);
  });

  it('reads back what a spreadsheet-safe CSV writer wrote, for any names', () => {
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/[\u0000\uD800-\uDFFF]/.test(s));
    fc.assert(fc.property(name, name, (givenNames, familyName) => {
      const text = stringify([HEADER, ['R', 'asylum', '', guardFormula(givenNames), guardFormula(familyName), 'SY', '', '', '', '', '']]);
      const [header, cells] = parse(text) as string[][];
      assert.deepEqual(parseCsvRecord(header!, cells!), parseJsonLine(JSON.stringify({ externalRef: 'R', kind: 'asylum', person: { givenNames, familyName, nationality: 'SY' } })));
    }));
  });
});

describe('the batch chain', () => {
  it('chains events to exactly the hashes audit/chain.ts gives, one by one', () => {
    const event = fc.record({
      at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      actorId: fc.string({ minLength: 1 }), action: fc.constantFrom('case.opened', 'case.updated', 'case-import.finished'),
      entityType: fc.constantFrom('case', 'case-import'), entityId: fc.uuid(), reason: fc.option(fc.string()),
      legalBasis: fc.array(fc.string(), { maxLength: 2 }), data: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
      requestId: fc.option(fc.string()),
    });
    fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), fc.nat({ max: 1000 }), (events, seq) => {
      const head = { seq, hash: genesisHash('IT') };
      const chained = chainEvents(head, events.map((e) => ({ ...e, tenantId: 'IT' })));
      let prev = head.hash;
      chained.forEach((c, i) => {
        const expected: ChainedEvent = { ...events[i]!, tenantId: 'IT', seq: seq + i + 1 };
        assert.deepEqual(c.event, expected);
        assert.equal(c.prevHash, prev);
        assert.equal(c.hash, hashEvent(prev, expected));
        prev = c.hash;
      });
    }), { numRuns: 200 });
  });
});
