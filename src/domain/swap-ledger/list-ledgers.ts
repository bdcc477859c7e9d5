/**
 * @module domain/swap-ledger/list-ledgers
 * Every 1:1 swap mechanism of the registry with its ledger's totals: returns, resettlements, balance,
 * cap and what remains under it. Shared data, no personal data; the transaction must see `EU`.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Mechanism } from '../mechanisms/mechanism.ts';
import type { Tx } from '../../storage/transaction.ts';
import { capOf, LEDGER_TENANT } from './ledger.ts';

export interface LedgerTotals {
  mechanism: string;
  title: string;
  partner: string;
  cap: number | null;
  returns: number;
  resettlements: number;
  balance: number;
  remaining: number | null;
}

/** @example const all = await readLedger(db, actor, (tx) => listLedgers({ tx, actor })); */
export async function listLedgers({ tx, actor }: { tx: Tx; actor: Actor }): Promise<LedgerTotals[]> {
  authorize({ actor, action: 'read', resource: 'swap-ledger' });
  const rows = await tx.selectFrom('registry_records').select('data').where('kind', '=', 'mechanism').orderBy('key').execute();
  const mechanisms = rows.map((r) => r.data as Mechanism).filter((m) => m.kind === 'one-to-one');
  const counters = await tx.selectFrom('swap_ledger_counters').selectAll().where('tenant_id', '=', LEDGER_TENANT).execute();
  return mechanisms.map((m) => {
    const counter = counters.find((c) => c.mechanism === m.code);
    const returns = counter?.returns ?? 0;
    const resettlements = counter?.resettlements ?? 0;
    const cap = capOf(m);
    return { mechanism: m.code, title: m.title, partner: m.partner, cap, returns, resettlements, balance: returns - resettlements, remaining: cap === null ? null : Math.max(0, cap - returns) };
  });
}
