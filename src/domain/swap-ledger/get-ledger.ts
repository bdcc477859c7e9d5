/**
 * @module domain/swap-ledger/get-ledger
 * A mechanism's ledger as every participant sees it: both legs (returns and resettlements, by state),
 * the balance (returns − resettlements: the entitlements still open), the cap from the registry and
 * what remains under it, and the lead times — days from a return to the resettlement that used its
 * entitlement, and the age of each entitlement still open on the day asked. Read from the shared half
 * only (tenant `EU`): no personal data. The transaction must see `EU` (`readLedger`).
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { mechanismOperates } from '../mechanisms/mechanism.ts';
import { readRegistries } from '../registries/chain.ts';
import type { Db, Tx } from '../../storage/transaction.ts';
import { capOf, LEDGER_TENANT, readCounter, swapMechanism } from './ledger.ts';

/** Days, summarised: how many, the shortest, the median, the mean (one decimal) and the longest. */
export interface DaySummary {
  count: number;
  min: number | null;
  median: number | null;
  mean: number | null;
  max: number | null;
}

export interface StateCount {
  state: string;
  count: number;
}

export interface LedgerView {
  mechanism: { code: string; title: string; partner: string; memberStates: string[]; from: string | null; to: string | null; operating: boolean; sources: Array<{ title: string; url: string }> };
  /** The day open entitlements' ages are measured on. */
  on: string;
  /** The mechanism's ceiling over its life, from the registry; null when it has none. */
  cap: number | null;
  returns: number;
  resettlements: number;
  /** Returns − resettlements: the entitlements still open. */
  balance: number;
  /** Returns the cap still allows; null without a cap. */
  remaining: number | null;
  legs: { returns: StateCount[]; resettlements: StateCount[] };
  leadTimes: {
    /** Days from each return to the resettlement that used its entitlement. */
    matched: DaySummary;
    /** Age in days, on `on`, of each entitlement still open. */
    open: DaySummary;
  };
  updatedAt: string;
}

/** A read transaction that also sees the shared ledger (and the registries' chain). */
export function readLedger<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return readRegistries(db, actor, work);
}

type SummaryRow = { count: string; min: number | null; median: number | null; mean: string | null; max: number | null };

function summary(row: SummaryRow | undefined): DaySummary {
  const count = Number(row?.count ?? 0);
  if (!row || count === 0) return { count: 0, min: null, median: null, mean: null, max: null };
  return { count, min: Number(row.min), median: Number(row.median), mean: Math.round(Number(row.mean) * 10) / 10, max: Number(row.max) };
}

/** Days between the two dates of each selected entitlement, summarised in SQL. */
async function daySummary(tx: Tx, code: string, days: ReturnType<typeof sql>, where: ReturnType<typeof sql>): Promise<DaySummary> {
  const result = await sql<SummaryRow>`
    select count(*) as count, min(${days}) as min, percentile_cont(0.5) within group (order by ${days}) as median, avg(${days}) as mean, max(${days}) as max
    from swap_ledger_entitlements where tenant_id = ${LEDGER_TENANT} and mechanism = ${code} and ${where}`.execute(tx);
  return summary(result.rows[0]);
}

async function byState(tx: Tx, code: string, column: 'returning_state' | 'resettling_state'): Promise<StateCount[]> {
  const rows = await tx.selectFrom('swap_ledger_entitlements').select([column, (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', LEDGER_TENANT).where('mechanism', '=', code).where(column, 'is not', null)
    .groupBy(column).orderBy(column).execute();
  return rows.map((r) => ({ state: r[column] as string, count: Number(r.n) }));
}

export interface GetLedgerOptions {
  tx: Tx;
  actor: Actor;
  mechanism: string;
  /** The day open entitlements' ages are measured on; default today. */
  on?: string;
}

/**
 * @throws DomainError NOT_FOUND when no 1:1 mechanism has that code.
 * @example const view = await readLedger(db, actor, (tx) => getLedger({ tx, actor, mechanism: 'eu-tr-statement' }));
 */
export async function getLedger({ tx, actor, mechanism, on = new Date().toISOString().slice(0, 10) }: GetLedgerOptions): Promise<LedgerView> {
  authorize({ actor, action: 'read', resource: 'swap-ledger' });
  const m = await swapMechanism(tx, mechanism);
  const counter = await readCounter(tx, m);
  const cap = capOf(m);
  // One connection: the queries run one after another.
  const returns = await byState(tx, m.code, 'returning_state');
  const resettlements = await byState(tx, m.code, 'resettling_state');
  const matched = await daySummary(tx, m.code, sql`(resettled_on - returned_on)`, sql`resettled_on is not null`);
  const open = await daySummary(tx, m.code, sql`(${on}::date - returned_on)`, sql`resettled_on is null and returned_on <= ${on}::date`);
  return {
    mechanism: {
      code: m.code, title: m.title, partner: m.partner, memberStates: m.memberStates, from: m.from, to: m.to,
      operating: mechanismOperates(m, on), sources: m.sources.map((s) => ({ title: s.title, url: s.url })),
    },
    on, cap, returns: counter.returns, resettlements: counter.resettlements, balance: counter.returns - counter.resettlements,
    remaining: cap === null ? null : Math.max(0, cap - counter.returns),
    legs: { returns, resettlements }, leadTimes: { matched, open }, updatedAt: counter.updatedAt,
  };
}
