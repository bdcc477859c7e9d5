import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, addMonths, addWeeks, addWorkingDays, addYears, ageOn, daysBetween, isIsoDate, isoWeekday, fromDayNumber, onOrAfterWorkingDay, toDayNumber } from './dates.ts';

const arbDate = fc.integer({ min: toDayNumber('1950-01-01'), max: toDayNumber('2100-12-31') }).map(fromDayNumber);

describe('dates', () => {
  it('accepts real calendar dates and refuses impossible ones', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) assert.ok(isIsoDate(d), d);
    for (const d of ['2023-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', '', 42]) assert.ok(!isIsoDate(d), String(d));
  });

  it('adds months clamping to the last day of a shorter month', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addMonths('2026-03-31', 1), '2026-04-30');
    assert.equal(addMonths('2026-08-31', 3), '2026-11-30');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addMonths('2027-11-30', 3), '2028-02-29');
    assert.equal(addMonths('2026-12-15', 2), '2027-02-15');
    assert.equal(addMonths('2026-03-15', -3), '2025-12-15');
  });

  it('rolls over instead when overflow is asked for', () => {
    assert.equal(addMonths('2023-01-31', 1, 'overflow'), '2023-03-03');
    assert.equal(addMonths('2024-01-31', 1, 'overflow'), '2024-03-02');
  });

  it('counts weeks as seven calendar days and keeps the weekday', () => {
    assert.equal(addWeeks('2026-06-12', 12), '2026-09-04');
    fc.assert(fc.property(arbDate, fc.integer({ min: 0, max: 60 }), (d, w) => isoWeekday(addWeeks(d, w)) === isoWeekday(d)));
  });

  it('crosses leap days in day arithmetic', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(daysBetween('2024-02-01', '2024-03-01'), 29);
    fc.assert(fc.property(arbDate, fc.integer({ min: -4000, max: 4000 }), (d, n) => daysBetween(d, addDays(d, n)) === n && isIsoDate(addDays(d, n))));
  });

  it('never lands a month addition on a non-date and never moves past the target month', () => {
    fc.assert(fc.property(arbDate, fc.integer({ min: -36, max: 36 }), (d, m) => {
      const r = addMonths(d, m);
      const months = (Number(r.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(r.slice(5, 7)) - Number(d.slice(5, 7));
      return isIsoDate(r) && months === m && Number(r.slice(8, 10)) <= Number(d.slice(8, 10));
    }));
  });

  it('counts working days Monday to Friday, skipping holidays', () => {
    assert.equal(addWorkingDays('2026-07-03', 1), '2026-07-06'); // Friday → Monday
    assert.equal(addWorkingDays('2026-07-06', 5), '2026-07-13');
    assert.equal(addWorkingDays('2026-12-23', 3, new Set(['2026-12-25'])), '2026-12-29');
    fc.assert(fc.property(arbDate, fc.integer({ min: 1, max: 40 }), (d, n) => isoWeekday(addWorkingDays(d, n)) <= 5));
  });

  it('moves a date ending on a Saturday, Sunday or holiday to the next working day, and leaves a working day alone', () => {
    assert.deepEqual(['2026-08-01', '2026-08-02', '2026-08-03'].map((d) => onOrAfterWorkingDay(d)), ['2026-08-03', '2026-08-03', '2026-08-03']);
    assert.equal(onOrAfterWorkingDay('2026-12-25', new Set(['2026-12-25'])), '2026-12-28'); // a Friday holiday, then the weekend
    const arbHolidays = fc.uniqueArray(arbDate, { maxLength: 10 }).map((days) => new Set(days));
    fc.assert(fc.property(arbDate, arbHolidays, (d, holidays) => {
      const moved = onOrAfterWorkingDay(d, holidays);
      const skipped = Array.from({ length: daysBetween(d, moved) }, (_, i) => addDays(d, i));
      // The first working day on or after the date: a working day itself, and every day skipped was not one.
      return moved >= d && isoWeekday(moved) <= 5 && !holidays.has(moved)
        && skipped.every((day) => isoWeekday(day) > 5 || holidays.has(day));
    }));
  });

  it('converts day numbers with arithmetic exactly as Date does, over years 0 to 9999', () => {
    const DAY_MS = 86_400_000;
    const viaIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
    // Every day from 1600 to 2400 (four leap-century rules), then anywhere in years 0–9999 and just outside.
    for (let day = toDayNumber('1600-01-01'); day <= toDayNumber('2400-12-31'); day++) if (fromDayNumber(day) !== viaIso(day)) assert.fail(`fromDayNumber(${day})`);
    fc.assert(fc.property(fc.integer({ min: -719_468, max: 2_932_896 }), (day) => fromDayNumber(day) === viaIso(day)), { numRuns: 20_000 });
    for (const day of [-719_468, 2_932_896, -719_469, -800_000, 2_932_897, 3_000_000]) assert.equal(fromDayNumber(day), viaIso(day));
    const viaDate = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      return Object.is(toDayNumber(text), viaDate(text));
    }), { numRuns: 20_000 });
    for (const text of ['', '2026', '2026-06-1', ' 2026-06-12', '2026-06-12T10:00', '2026/06/12', '0099-12-31', '0100-01-01', '2026-02-30', '2026-13-01']) {
      assert.ok(Object.is(toDayNumber(text), viaDate(text)), text);
    }
  });

  it('counts working days as a day-by-day walk over the calendar does', () => {
    const walk = (date: string, days: number, holidays: ReadonlySet<string>) => {
      let current = date;
      for (let left = days; left > 0;) {
        current = addDays(current, 1);
        if (isoWeekday(current) <= 5 && !holidays.has(current)) left--;
      }
      return current;
    };
    fc.assert(fc.property(arbDate, fc.integer({ min: -3, max: 40 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }), (d, n, offsets) => {
      const holidays = new Set(offsets.map((o) => addDays(d, o)));
      return addWorkingDays(d, n) === walk(d, n, new Set()) && addWorkingDays(d, n, holidays) === walk(d, n, holidays);
    }));
    fc.assert(fc.property(arbDate, (d) => isoWeekday(d) === (new Date(`${d}T00:00:00Z`).getUTCDay() || 7)));
  });

  it('computes age in whole years, with 29 February birthdays on 28 February in common years', () => {
    assert.equal(ageOn('1996-05-01', '2026-04-30'), 29);
    assert.equal(ageOn('1996-05-01', '2026-05-01'), 30);
    assert.equal(ageOn('2008-02-29', '2026-02-27'), 17);
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 18);
    // The arithmetic agrees with the definition: one year less while the birthday (addYears) is still ahead.
    const byDefinition = (birth: string, on: string) => {
      const age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
      return addYears(birth, age) > on ? age - 1 : age;
    };
    fc.assert(fc.property(arbDate, arbDate, (birth, on) => ageOn(birth, on) === byDefinition(birth, on)), { numRuns: 5_000 });
    for (const [birth, on] of [['2000-00-10', '2026-01-01'], ['2000-02-30', '2026-02-28'], ['0050-06-01', '2026-05-31'], ['2000-01-01', '2026-1-1']]) {
      assert.equal(ageOn(birth!, on!), byDefinition(birth!, on!), `${birth} ${on}`);
    }
  });
});
