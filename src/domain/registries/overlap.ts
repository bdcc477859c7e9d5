/**
 * @module domain/registries/overlap
 * Periods that must not overlap: records of a kind sharing an exclusive group (one readmission status
 * per country and Member State at a time, one designation of a country per level and Member State)
 * may follow each other, never coincide.
 */
import type { RegistryKind, Validity } from './kind.ts';

export interface PeriodHolder<T> {
  id: string | null;
  key: string;
  data: T;
}

function overlaps(a: Validity, b: Validity): boolean {
  const aFrom = a.from ?? '0000-01-01';
  const bFrom = b.from ?? '0000-01-01';
  const aTo = a.to ?? '9999-12-31';
  const bTo = b.to ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

/**
 * The first of `others` (not `self` itself) in the same exclusive group whose period overlaps `data`'s,
 * or null. Kinds without an exclusive group never conflict.
 */
export function findOverlap<T extends object>(kind: RegistryKind<T>, self: PeriodHolder<T>, others: Iterable<PeriodHolder<T>>): PeriodHolder<T> | null {
  if (!kind.exclusiveGroupOf || !kind.validityOf) return null;
  const group = kind.exclusiveGroupOf(self.data);
  const period = kind.validityOf(self.data);
  for (const other of others) {
    if ((self.id !== null && other.id === self.id) || other.key === self.key) continue;
    if (kind.exclusiveGroupOf(other.data) === group && overlaps(period, kind.validityOf(other.data))) return other;
  }
  return null;
}

/** How a conflicting period is described in messages. */
export function describePeriod<T extends object>(kind: RegistryKind<T>, holder: PeriodHolder<T>): string {
  const v = kind.validityOf?.(holder.data) ?? { from: null, to: null };
  return `${kind.labelOf(holder.data)} (${v.from ?? '…'} to ${v.to ?? 'open-ended'})`;
}
