/**
 * @module domain/cases/list-cases
 * The cases an actor may read, filtered by the scope the permission table grants, newest first,
 * with keyset pagination.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { caseFromRow, type Case, type CaseKind, type CaseStage } from './case.ts';

export interface ListCasesOptions {
  tx: Tx;
  actor: Actor;
  kind?: CaseKind;
  stage?: CaseStage;
  /** Prefix of the case reference (`IT-2026-0001`). */
  q?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
}

export interface CasePage {
  items: Case[];
  next: string | null;
}

export async function listCases({ tx, actor, kind, stage, q, limit = 50, after }: ListCasesOptions): Promise<CasePage> {
  const scope = authorize({ actor, action: 'read', resource: 'case' });
  let query = tx.selectFrom('cases').selectAll().where('tenant_id', '=', actor.tenantId);
  if (scope === 'unit') query = query.where('unit_id', '=', actor.unitId ?? '');
  if (scope === 'own') query = query.where((eb) => eb.or([eb('assigned_to', '=', actor.id), eb('opened_by', '=', actor.id)]));
  if (kind) query = query.where('kind', '=', kind);
  if (stage) query = query.where('stage', '=', stage);
  if (q) query = query.where('reference', 'like', `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (after) {
    const [at, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
    if (at && id) query = query.where((eb) => eb.or([eb('opened_at', '<', new Date(at)), eb.and([eb('opened_at', '=', new Date(at)), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(caseFromRow);
  const last = items[items.length - 1];
  const next = rows.length > limit && last ? Buffer.from(`${last.openedAt}|${last.id}`).toString('base64url') : null;
  return { items, next };
}
