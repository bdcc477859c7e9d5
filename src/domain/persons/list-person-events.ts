/**
 * @module domain/persons/list-person-events
 * A person's history from the audit chain, with the history of every duplicate merged into it (and
 * into those, recursively): a merge rewrites nothing, so both records' events stay where they were
 * and are read together here, in chain order.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { eventFromRow, type AuditEvent } from '../audit/audit-event.ts';
import type { AuditEventRow } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizePerson, findPersonRow, personScopes } from './person-scope.ts';

/** @throws DomainError NOT_FOUND, FORBIDDEN (no `person.read` scope). */
export async function listPersonEvents({ tx, actor, personId }: { tx: Tx; actor: Actor; personId: string }): Promise<AuditEvent[]> {
  await findPersonRow(tx, actor, personId);
  authorizePerson(actor, 'read', await personScopes(tx, actor.tenantId, personId));
  const rows = await sql<AuditEventRow>`
    with recursive merged(id) as (
      select ${personId}::uuid
      union select p.id from persons p join merged m on p.merged_into = m.id where p.tenant_id = ${actor.tenantId}
    )
    select e.* from audit_events e
    where e.tenant_id = ${actor.tenantId} and e.entity_type = 'person' and e.entity_id in (select id::text from merged)
    order by e.seq`.execute(tx);
  return rows.rows.map((r) => eventFromRow(r as never));
}
