/**
 * @module domain/registries/list-reviews-due
 * Review reminders: the records whose review date has passed (or falls within the next days) while
 * they are still in force, most overdue first. A designation's review date is when the Member State
 * or the Commission must next check that the country is still safe (e.g. Germany's report every two
 * years under § 29a(2a) AsylG, Italy's yearly report under Decree-Law 158/2024); a missed date is
 * shown, never silently passed.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { addDays, daysBetween, type IsoDate } from '../../rules/engine/dates.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from './authorize-record.ts';
import type { RegistryKind } from './kind.ts';

export interface ReviewDue {
  kind: string;
  id: string;
  key: string;
  label: string;
  owner: string;
  reviewDue: string;
  /** Days past the review date on `on` (negative: due in that many days). */
  daysOverdue: number;
  overdue: boolean;
}

export interface ListReviewsDueOptions {
  tx: Tx;
  actor: Actor;
  /** The kinds to look at (those without review dates are skipped). */
  kinds: ReadonlyArray<RegistryKind<any>>;
  /** The day of the check (default today). */
  on?: string;
  /** Also list reviews due within this many days after `on` (default 0: due on `on` or overdue). */
  within?: number;
}

/**
 * @example const overdue = await listReviewsDue({ tx, actor, kinds: REGISTRY_KINDS, on: '2026-11-21' });
 */
export async function listReviewsDue({ tx, actor, kinds, on = new Date().toISOString().slice(0, 10), within = 0 }: ListReviewsDueOptions): Promise<ReviewDue[]> {
  const reviewed = kinds.filter((k) => k.reviewDueOf);
  for (const kind of reviewed) authorizeRead(actor, kind);
  if (reviewed.length === 0) return [];
  const until = addDays(on as IsoDate, within);
  const rows = await tx.selectFrom('registry_records').select(['kind', 'id', 'key', 'data', 'review_due'])
    .where('kind', 'in', reviewed.map((k) => k.name))
    .where(sql<boolean>`review_due <= ${until} and (valid_to is null or valid_to >= ${on})`)
    .orderBy('review_due').orderBy(sql`key collate "C"`).execute();
  return rows.map((row) => {
    const kind = reviewed.find((k) => k.name === row.kind)!;
    const data = row.data as unknown as Record<string, unknown>;
    const reviewDue = row.review_due!;
    const daysOverdue = daysBetween(reviewDue as IsoDate, on as IsoDate);
    return { kind: row.kind, id: row.id, key: row.key, label: kind.labelOf(data), owner: kind.ownerOf(data), reviewDue, daysOverdue, overdue: daysOverdue > 0 };
  });
}
