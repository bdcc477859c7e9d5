/**
 * @module domain/registries/links
 * Integrity between records of different kinds, which one JSON table does not give in SQL: a record
 * may only name records that exist (a mechanism's partnership, a funding line's instrument, a
 * facility's mechanisms), and a record that others name keeps its key (renaming it would orphan them).
 * The checks a kind declares against the linked record's data (`RegistryLink.check`) run here too.
 */
import { sql, type SqlBool } from 'kysely';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import type { FieldIssue, RegistryKind } from './kind.ts';

/**
 * The problems with a record's links: each one naming no record, or not fitting it.
 * @example const issues = await linkIssues(tx, mechanismKind, data); // [{ path: 'partnership', message: 'no partnership eu-xx' }]
 */
export async function linkIssues<T extends object>(tx: Tx, kind: RegistryKind<T>, data: T): Promise<FieldIssue[]> {
  const links = kind.linksOf?.(data) ?? [];
  if (links.length === 0) return [];
  const wanted = [...new Set(links.map((l) => `${l.kind}:${l.key}`))];
  const rows = await tx.selectFrom('registry_records').select(['kind', 'key', 'data'])
    .where(sql<SqlBool>`kind || ':' || key = any(${wanted}::text[])`).execute();
  const found = new Map(rows.map((r) => [`${r.kind}:${r.key}`, r.data as unknown]));
  const issues: FieldIssue[] = [];
  for (const link of links) {
    const linked = found.get(`${link.kind}:${link.key}`);
    if (linked === undefined) {
      issues.push({ path: link.path, message: `no ${link.kind} ${link.key}` });
      continue;
    }
    const problem = link.check?.(linked);
    if (problem) issues.push({ path: link.path, message: problem });
  }
  return issues;
}

/** Refuses a change of key while other records name the record by it (`refs` holds `kind:key`). */
export async function assertKeyFree(tx: Tx, kind: RegistryKind<any>, oldKey: string, newKey: string): Promise<void> {
  if (oldKey === newKey) return;
  const ref = `${kind.name}:${oldKey}`;
  const naming = await tx.selectFrom('registry_records').select(['kind', 'key'])
    .where(sql<SqlBool>`refs @> array[${ref}]::text[]`).limit(3).execute();
  if (naming.length > 0) {
    throw new DomainError('INVALID_STATE', `${kind.name} ${oldKey} keeps its key: ${naming.map((r) => `${r.kind} ${r.key}`).join(', ')} name it`,
      [{ path: 'data', message: `the key would change from ${oldKey} to ${newKey}, but other records name it` }]);
  }
}

/** The error of a change a kind's `checkChange` refuses (a lifecycle gate): every issue, paths under `data.`. */
export function refusedChange(kind: RegistryKind<any>, key: string, issues: FieldIssue[]): DomainError {
  const fields = issues.map((i) => ({ path: `data.${i.path}`, message: i.message }));
  return new DomainError('INVALID_STATE', `${kind.name} ${key}: ${issues.map((i) => i.message).join('; ')}`, fields);
}
