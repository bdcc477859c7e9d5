/**
 * @module web/screens/partnerships/funding
 * The funding lines of a partnership, summed: per type (pledged, committed, disbursed) and currency —
 * never adding euros to another currency — and the lines in date order. Pure.
 */
import type { FundingData } from './types.ts';

export const FUNDING_TYPES = ['pledge', 'commitment', 'disbursement'] as const;

export interface FundingTotal { type: FundingData['type']; currency: string; amount: number; lines: number }

/**
 * @example fundingTotals([{ type: 'pledge', amount: { amount: 5, currency: 'EUR' } }, …]) // [{ type: 'pledge', currency: 'EUR', amount: 5, lines: 1 }]
 */
export function fundingTotals(lines: ReadonlyArray<Pick<FundingData, 'type' | 'amount'>>): FundingTotal[] {
  const totals = new Map<string, FundingTotal>();
  for (const line of lines) {
    const key = `${line.type}:${line.amount.currency}`;
    const total = totals.get(key) ?? { type: line.type, currency: line.amount.currency, amount: 0, lines: 0 };
    total.amount += line.amount.amount;
    total.lines += 1;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => FUNDING_TYPES.indexOf(a.type) - FUNDING_TYPES.indexOf(b.type) || a.currency.localeCompare(b.currency));
}

/** An amount in its currency, in the reader's language ("€1,000,000", "1 000 000 €"). */
export function formatMoney(locale: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
  }
}
