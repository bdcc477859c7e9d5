/**
 * The queue's logic: deadline urgency, filters read from the address and sent to the API, paging
 * by cursor back and forth, row selection and the bulk-action request checked before sending.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bulkRequest, FIRST_PAGE, filtersFromSearch, NO_FILTERS, nextPage, pageNumber, previousPage, queueAddress, queueQuery, SOON_DAYS,
  toggle, toggleAll, urgencyOf, URGENCY_CLASS,
} from './queue-model.ts';

const due = (daysLeft: number, overdue = daysLeft < 0) => ({ name: 'admissibility-decision', dueOn: '2027-01-21', daysLeft, overdue });

describe('urgencyOf', () => {
  it('says passed, today, soon, later or none at the boundaries', () => {
    assert.deepEqual([due(-1), due(0), due(1), due(SOON_DAYS), due(SOON_DAYS + 1)].map(urgencyOf), ['overdue', 'today', 'soon', 'soon', 'later']);
    assert.equal(urgencyOf(null), 'none');
  });

  it('trusts the API\'s overdue flag over the day count', () => {
    assert.equal(urgencyOf(due(0, true)), 'overdue');
  });

  it('is overdue exactly when the days left are negative, and never uses the same colour for passed and later', () => {
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
      const level = urgencyOf(due(days));
      assert.equal(level === 'overdue', days < 0);
      if (days > SOON_DAYS) assert.equal(level, 'later');
    }));
    assert.notEqual(URGENCY_CLASS.overdue, URGENCY_CLASS.later);
    assert.notEqual(URGENCY_CLASS.soon, URGENCY_CLASS.later);
  });
});

describe('filtersFromSearch and queueAddress', () => {
  it('keeps the values the API accepts and drops the others', () => {
    const filters = filtersFromSearch(new URLSearchParams('kind=asylum&stage=nowhere&assignedTo=me&overdue=maybe&unitId=asylum&x=1'));
    assert.deepEqual(filters, { ...NO_FILTERS, kind: 'asylum', assignedTo: 'me', unitId: 'asylum' });
    assert.equal(filtersFromSearch(new URLSearchParams('unitId=a b;drop')).unitId, '');
  });

  it('round-trips any accepted filters through the address', () => {
    const value = (options: string[]) => fc.constantFrom('', ...options);
    fc.assert(fc.property(
      value(['asylum', 'return']), value(['admissibility', 'appeal']), value(['me', 'none', 'it-caseworker']), value(['true', 'false']), value(['asylum', 'return']),
      (kind, stage, assignedTo, overdue, unitId) => {
        const filters = { kind, stage, assignedTo, overdue, unitId };
        const address = queueAddress(filters);
        assert.deepEqual(filtersFromSearch(new URLSearchParams(address.split('?')[1] ?? '')), filters);
      },
    ));
    assert.equal(queueAddress(NO_FILTERS), '/queue');
  });

  it('asks the API for the page size and the cursor, leaving empty filters out to the client', () => {
    assert.deepEqual(queueQuery({ ...NO_FILTERS, stage: 'appeal' }, 'abc', 25), { ...NO_FILTERS, stage: 'appeal', limit: 25, after: 'abc' });
    assert.equal(queueQuery(NO_FILTERS, null, 25).after, undefined);
  });
});

describe('paging', () => {
  it('goes back exactly through the pages it went forward through', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 10 }), (cursors) => {
      let pages = FIRST_PAGE;
      for (const cursor of cursors) pages = nextPage(pages, cursor);
      assert.equal(pageNumber(pages), cursors.length + 1);
      const seen: Array<string | null> = [pages.current];
      while (pages.before.length > 0) { pages = previousPage(pages); seen.push(pages.current); }
      assert.deepEqual(seen, [...[...cursors].reverse(), null]);
      assert.deepEqual(previousPage(pages), FIRST_PAGE);
    }));
  });
});

describe('selection', () => {
  it('toggles one row, and the whole page on or off without touching other pages\' rows', () => {
    const selected = toggle(new Set(['other']), 'a');
    assert.deepEqual([...selected].sort(), ['a', 'other']);
    assert.deepEqual([...toggle(selected, 'a')], ['other']);
    const all = toggleAll(selected, ['a', 'b']);
    assert.deepEqual([...all].sort(), ['a', 'b', 'other']);
    assert.deepEqual([...toggleAll(all, ['a', 'b'])], ['other']);
    assert.deepEqual([...toggleAll(new Set(), [])], []);
  });
});

describe('bulkRequest', () => {
  const form = { action: 'flag' as const, to: '', unitId: '', flag: 'priority', reason: ' Monday triage ' };

  it('builds a flag request with only the fields the action takes', () => {
    assert.deepEqual(bulkRequest({ ...form, to: 'ignored' }, ['c1', 'c2']), { ok: true, request: { action: 'flag', caseIds: ['c1', 'c2'], reason: 'Monday triage', flag: 'priority' } });
  });

  it('asks an assignment for the assignee and passes the unit only when given', () => {
    assert.deepEqual(bulkRequest({ ...form, action: 'assign', flag: '' }, ['c1']), { ok: false, missing: ['to'] });
    assert.deepEqual(bulkRequest({ ...form, action: 'reassign', to: 'it-caseworker', unitId: 'return' }, ['c1']),
      { ok: true, request: { action: 'reassign', caseIds: ['c1'], reason: 'Monday triage', to: 'it-caseworker', unitId: 'return' } });
  });

  it('refuses no selection, an unknown flag and a blank reason together', () => {
    assert.deepEqual(bulkRequest({ ...form, flag: 'urgent', reason: '  ' }, []), { ok: false, missing: ['caseIds', 'flag', 'reason'] });
  });
});
