/**
 * @module domain/persons/erase-person
 * Lawful erasure: removes a person's data and writes a tombstone event. Events never held the data,
 * so the audit chain stays intact and verifiable.
 */
import { sql } from 'kysely';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import { DomainError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Tx } from '../../storage/transaction.ts';

export interface ErasePersonOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  reason: string;
  /** The rule the erasure executes, e.g. the retention policy's basis. */
  legalBasis?: string[];
  requestId?: string | null;
  now?: Date;
  /** Skip the permission check: the retention job acting for the tenant. */
  asSystem?: boolean;
}

/**
 * What the person's cases hold about the person goes too: the facts and trace kept in each decision
 * record (nationality, age, vulnerabilities …; the record's other columns and its hash in the audit
 * chain stay), and the journey and the claims raised in the case's facts. Procedural dates, stages
 * and decision kinds stay: they name no one once the person's data is gone.
 */
async function eraseFromCases(tx: Tx, tenantId: string, personId: string, now: Date): Promise<void> {
  await sql`update case_decisions set facts = null, trace = null, erased_at = ${now}
            where tenant_id = ${tenantId} and erased_at is null
              and case_id in (select id from cases where tenant_id = ${tenantId} and person_id = ${personId})`.execute(tx);
  await sql`update cases set facts = (facts - 'journey') #- '{application,claims}'
            where tenant_id = ${tenantId} and person_id = ${personId} and (facts ? 'journey' or facts->'application' ? 'claims')`.execute(tx);
}

export async function erasePerson({ tx, actor, personId, reason, legalBasis = [], requestId = null, now = new Date(), asSystem = false }: ErasePersonOptions): Promise<void> {
  if (!asSystem) authorize({ actor, action: 'erase', resource: 'person', record: { tenantId: actor.tenantId } });
  if (!isUuid(personId)) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  const row = await tx.selectFrom('persons').select(['erased_at', 'record_type']).where('tenant_id', '=', actor.tenantId).where('id', '=', personId).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `person ${personId} not found`);
  if (row.erased_at) throw new DomainError('ERASED', `person ${personId} was already erased`);
  await sql`update persons set data = null, erased_at = ${now} where tenant_id = ${actor.tenantId} and id = ${personId}`.execute(tx);
  await eraseFromCases(tx, actor.tenantId, personId, now);
  await appendEvent({
    tx, tenantId: actor.tenantId, actorId: actor.id, action: 'person.erased', entityType: 'person', entityId: personId,
    reason, legalBasis, requestId, at: now, data: { recordType: row.record_type },
  });
}
