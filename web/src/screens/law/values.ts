/**
 * @module web/screens/law/values
 * How a law parameter's value reads: amounts with their unit, ratios as percentages, country lists as
 * names. Pure, so that the formatting of every unit the law package uses is tested.
 */
import type { Formatters } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages/en.ts';
import type { MessageParams } from '../../i18n/translate.ts';

const UNITS: Record<string, MessageKey> = {
  days: 'unit.days', 'working-days': 'unit.workingDays', weeks: 'unit.weeks', months: 'unit.months', years: 'unit.years',
};

export interface ValueContext {
  t(key: MessageKey, params?: MessageParams): string;
  fmt: Formatters;
  countryName(code: string): string;
}

/**
 * @example formatParameterValue(12, 'weeks', ctx) // "12 weeks"; formatParameterValue(0.2, 'ratio', ctx) // "20%"
 */
export function formatParameterValue(value: unknown, unit: string, { t, fmt, countryName }: ValueContext): string {
  if (value === null || value === undefined) return t('law.noValue');
  if (typeof value === 'number') {
    if (unit === 'ratio') return fmt.percent(value);
    const key = UNITS[unit];
    return key ? t(key, { n: fmt.number(value) }) : `${fmt.number(value)} ${unit}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('law.emptyList');
    return value.map((v) => (unit === 'countries' && typeof v === 'string' ? countryName(v) : String(v))).join(', ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
