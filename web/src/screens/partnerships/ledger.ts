/**
 * @module web/screens/partnerships/ledger
 * How a 1:1 ledger reads on the partnership page: returns and resettlements, the balance (returns
 * not yet matched by a resettlement: entitlements still open), and the cap — how much of it the
 * returns used and what is left — with the widths of a bar drawn beside the figures (the figures are
 * the accessible text; the bar is decoration). Pure: the page renders, this decides.
 */
import type { LedgerView } from './types.ts';

export type LedgerBalance = 'even' | 'open-entitlements' | 'inconsistent';

export interface LedgerDisplay {
  returns: number;
  resettlements: number;
  balance: number;
  /** even: every return matched; open-entitlements: some wait for a resettlement; inconsistent: more resettlements than returns (never expected). */
  state: LedgerBalance;
  cap: number | null;
  /** Share of the cap the returns used (0–1, may exceed 1 if the cap was lowered), or null without a cap. */
  capUsed: number | null;
  remaining: number | null;
  /** Bar widths in percent of the scale (the cap, else the larger leg), clamped to 0–100. */
  bar: { returns: number; resettlements: number };
}

const clampPercent = (value: number) => Math.max(0, Math.min(100, value));

/**
 * @example ledgerDisplay({ returns: 2140, resettlements: 1800, cap: 72000, remaining: 69860, … }).capUsed // 0.0297…
 */
export function ledgerDisplay(view: Pick<LedgerView, 'returns' | 'resettlements' | 'balance' | 'cap' | 'remaining'>): LedgerDisplay {
  const { returns, resettlements, balance, cap } = view;
  const state: LedgerBalance = balance === 0 ? 'even' : balance > 0 ? 'open-entitlements' : 'inconsistent';
  const scale = cap !== null && cap > 0 ? cap : Math.max(returns, resettlements, 1);
  return {
    returns, resettlements, balance, state, cap,
    capUsed: cap === null ? null : cap === 0 ? (returns > 0 ? Infinity : 0) : returns / cap,
    remaining: view.remaining ?? (cap === null ? null : Math.max(0, cap - returns)),
    bar: { returns: clampPercent((100 * returns) / scale), resettlements: clampPercent((100 * resettlements) / scale) },
  };
}
