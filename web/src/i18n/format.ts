/**
 * @module web/i18n/format
 * Dates and numbers through Intl, per interface language. ISO dates (`2026-06-12`) are calendar days,
 * not instants: they are formatted in UTC so that no time zone moves them to the day before.
 */

export interface Formatters {
  /** `2026-06-12` → "12 Jun 2026" (en), "12 juin 2026" (fr); an instant → its day in the user's zone. */
  date(value: string): string;
  /** An instant (`2026-11-21T15:27:57.706Z`) with its time, in the user's time zone. */
  dateTime(value: string): string;
  number(value: number): string;
  /** A share: 0.2 → "20 %" (fr), "20%" (en). */
  percent(value: number): string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds the formatters of a locale.
 * @example formattersFor('fr').date('2026-06-12') // "12 juin 2026"
 */
export function formattersFor(locale: string): Formatters {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const localDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    date: (value) => {
      if (ISO_DAY.test(value)) return day.format(new Date(`${value}T00:00:00Z`));
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : localDay.format(parsed);
    },
    dateTime: (value) => {
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : instant.format(parsed);
    },
    number: (value) => number.format(value),
    percent: (value) => percent.format(value),
  };
}

/** Today as an ISO calendar day in UTC, the API's default date. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a string is a real calendar day in ISO form (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
