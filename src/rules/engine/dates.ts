/**
 * @module rules/engine/dates
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), with every rounding choice explicit. Legal time
 * limits are counted in calendar days, weeks, months or working days; each function says which, and
 * month arithmetic says what happens at a month's end. ISO date strings compare correctly as strings,
 * so no timestamp conversion is ever needed to order them (json-rules-engine #141, #375).
 *
 * Conventions, after Regulation (EEC, Euratom) No 1182/71 (rules on periods, dates and time limits):
 * - a period "from" an event starts the day after it (Art. 3(1)), so `addDays('2026-07-01', 1)` is
 *   the 2nd;
 * - a period in weeks or months ends on the same weekday / same date as the starting day (Art. 3(2)(c));
 *   if that date does not exist in the final month, on the month's last day (`MonthEnd.clamp`);
 * - working days are Monday to Friday; public holidays are national and are not modelled here, so a
 *   working-day deadline is the earliest date the law allows (a caller with a holiday calendar can
 *   pass it in);
 * - where a time limit ending on a non-working day ends on the next working day instead (as the Pact's
 *   Regulations provide for theirs, e.g. Regulation (EU) 2024/1348 Art. 73, point (c)), the caller says
 *   so with `onOrAfterWorkingDay`: these functions never move a date on their own.
 */

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a real calendar date in ISO form (rejects 2026-02-30 and 2023-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days in month `month` (1–12) of `year`, Gregorian leap years. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Day numbers of 0000-03-01 and 9999-12-31: the range the arithmetic of `fromDayNumber` covers. */
const FIRST_ARITHMETIC_DAY = -719_468;
const LAST_ARITHMETIC_DAY = 2_932_896;

/** The number written by the `length` digits of `text` from `start`, or -1 if one of them is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let k = start; k < start + length; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** Days since 1970-01-01 of a day in a March-based year (the leap day last): the inverse of `fromDayNumber`'s arithmetic. */
function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear + FIRST_ARITHMETIC_DAY;
}

/**
 * Days since 1970-01-01 (UTC), for arithmetic. Digits are read in place; anything but eight digits
 * where `YYYY-MM-DD` has them, a month outside 1–12 or a year before 100 goes through `Date.UTC` as
 * always (which reads years 0–99 as 1900–1999, and rolls days and months over).
 */
export function toDayNumber(date: IsoDate): number {
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 2);
  const day = digitsAt(date, 8, 2);
  if (year >= 100 && month >= 1 && month <= 12 && day >= 0) return daysFromCivil(year, month, day);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** '00' to '99'. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/**
 * The ISO date of a day number. Calendar arithmetic (years counted from 1 March, so the leap day ends
 * a year; 400-year eras of 146,097 days) instead of a `Date` and its ISO string: the same answer
 * as `new Date(day * 86_400_000).toISOString().slice(0, 10)`, which is kept outside years 0–9999.
 */
export function fromDayNumber(day: number): IsoDate {
  if (!(day >= FIRST_ARITHMETIC_DAY && day <= LAST_ARITHMETIC_DAY && Number.isInteger(day))) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  const shifted = day - FIRST_ARITHMETIC_DAY;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]}`;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `date` plus `weeks` weeks: the same weekday, `weeks` weeks later. */
export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/** What to do when the same date does not exist in the target month (31 January + 1 month). */
export type MonthEnd = 'clamp' | 'overflow';

/**
 * `date` plus `months` months. With `clamp` (default, Reg. 1182/71 Art. 3(2)(c)) a missing date becomes
 * the month's last day: 2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28. With
 * `overflow` it rolls into the next month (2023-03-03), as JavaScript's Date does.
 */
export function addMonths(date: IsoDate, months: number, monthEnd: MonthEnd = 'clamp'): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12 + 1;
  const last = daysInMonth(year, month);
  if (d <= last || monthEnd === 'clamp') {
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  }
  return addDays(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`, d - last);
}

/** `date` plus `years` years (29 February clamps to 28 February in common years). */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOf(toDayNumber(date));
}

/** Monday = 1 … Sunday = 7 of a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const NO_HOLIDAYS: ReadonlySet<IsoDate> = new Set();

/**
 * `date` plus `days` working days (Monday–Friday, minus `holidays`). Counting starts the day after
 * `date`; the result is always a working day.
 */
export function addWorkingDays(date: IsoDate, days: number, holidays: ReadonlySet<IsoDate> = NO_HOLIDAYS): IsoDate {
  if (days <= 0) return date;
  let day = toDayNumber(date);
  let left = days;
  while (left > 0) {
    day++;
    if (weekdayOf(day) <= 5 && (holidays.size === 0 || !holidays.has(fromDayNumber(day)))) left--;
  }
  return fromDayNumber(day);
}

/**
 * `date` when it is a working day (Monday–Friday, not in `holidays`), else the first working day after
 * it: where a time limit ending on a Saturday, Sunday or holiday ends on the next working day.
 * @example onOrAfterWorkingDay('2026-08-01') // '2026-08-03' (a Saturday moves to the Monday)
 */
export function onOrAfterWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate> = NO_HOLIDAYS): IsoDate {
  let day = toDayNumber(date);
  while (weekdayOf(day) > 5 || (holidays.size > 0 && holidays.has(fromDayNumber(day)))) day++;
  return fromDayNumber(day);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Age in whole years on `on` of a person born on `birthDate`. Someone born on 29 February has their
 * birthday on 28 February in common years (the `clamp` month end), an explicit choice.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birthMonth = digitsAt(birthDate, 5, 2);
  if (isDigitsForm(birthDate) && isDigitsForm(on) && birthMonth >= 1 && birthMonth <= 12) {
    // The same comparison as below, on numbers: the birthday in `on`'s year (clamped like addYears) against `on`.
    const year = digitsAt(on, 0, 4);
    const month = digitsAt(on, 5, 2);
    const birthday = Math.min(digitsAt(birthDate, 8, 2), daysInMonth(year, birthMonth));
    const before = birthMonth > month || (birthMonth === month && birthday > digitsAt(on, 8, 2));
    return year - digitsAt(birthDate, 0, 4) - (before ? 1 : 0);
  }
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (addYears(birthDate, age) > on) age--;
  return age;
}

/** Whether `text` is `DDDD-DD-DD` (digits and hyphens only), a real date or not. */
function isDigitsForm(text: string): boolean {
  return text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45
    && digitsAt(text, 0, 4) >= 0 && digitsAt(text, 5, 2) >= 0 && digitsAt(text, 8, 2) >= 0;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
