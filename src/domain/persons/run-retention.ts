/**
 * @module domain/persons/run-retention
 * Erases every person whose retention period ended before `on`, per the policy of its record type,
 * leaving a tombstone event citing that policy.
 */
import type { Actor } from '../access/roles.ts';
import { authorize } from '../access/authorize.ts';
import type { Tx } from '../../storage/transaction.ts';
import { erasePerson } from './erase-person.ts';

export interface RunRetentionOptions {
  tx: Tx;
  actor: Actor;
  /** ISO date: records whose `retain_until` is before it are erased. */
  on: string;
  requestId?: string | null;
  asSystem?: boolean;
}

export interface RetentionResult {
  erased: string[];
}

export async function runRetention({ tx, actor, on, requestId = null, asSystem = false }: RunRetentionOptions): Promise<RetentionResult> {
  if (!asSystem) authorize({ actor, action: 'run', resource: 'retention' });
  const due = await tx.selectFrom('persons')
    .innerJoin('retention_policies', 'retention_policies.record_type', 'persons.record_type')
    .select(['persons.id', 'retention_policies.basis', 'retention_policies.retain_months'])
    .where('persons.tenant_id', '=', actor.tenantId).where('persons.erased_at', 'is', null)
    .where('persons.retain_until', '<', on).orderBy('persons.retain_until').execute();
  for (const person of due) {
    await erasePerson({
      tx, actor, personId: person.id, requestId, asSystem: true,
      reason: `retention period of ${person.retain_months} months ended`, legalBasis: [person.basis],
    });
  }
  return { erased: due.map((p) => p.id) };
}
