/**
 * @module domain/persons/search-persons
 * Fuzzy search of persons by name: the query and the stored names are folded the same way (lower
 * case, accents removed by `unaccent`: "Müller" finds "Muller", "Łukasz" finds "Lukasz"), then matched
 * by trigram similarity (`pg_trgm`: spelling variants, typos, a name within several) or by a shared
 * Double Metaphone code (names that sound alike: "Mohammed"/"Muhamad"). Birth date and nationality
 * narrow it. A search is itself a read of personal data: every person it returns is logged.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from './log-access.ts';
import { readablePersonsCondition } from './person-scope.ts';
import { personFromRow, type Person } from './person.ts';

export interface SearchPersonsOptions {
  tx: Tx;
  actor: Actor;
  /** Names, in any spelling, with or without accents. */
  q: string;
  birthDate?: string;
  nationality?: string;
  limit?: number;
  requestId?: string | null;
}

export interface PersonHit {
  person: Person;
  /** 0 to 1: 0.6 × the better of trigram and word similarity + 0.4 × the share of the query's sounds found. */
  score: number;
}

/**
 * The persons the actor may read whose names match `q`, best first; merged duplicates and erased
 * records are left out.
 * @throws DomainError FORBIDDEN when the actor may not read persons.
 * @example await searchPersons({ tx, actor, q: 'muhamad al hasan' });
 */
export async function searchPersons({ tx, actor, q, birthDate, nationality, limit = 20, requestId = null }: SearchPersonsOptions): Promise<PersonHit[]> {
  const readable = readablePersonsCondition(actor);
  if (!readable) throw new DomainError('FORBIDDEN', `${actor.id} (${actor.roles.join(', ') || 'no role'}) may not read person`);
  const rows = await sql<Record<string, unknown> & { name_score: number; phonetic_score: number }>`
    with query as (select waypoint_fold(${q}) as names, waypoint_phonetic(waypoint_fold(${q})) as codes)
    select p.*, greatest(similarity(p.search_names, query.names), word_similarity(query.names, p.search_names)) as name_score,
           coalesce(cardinality(array(select unnest(p.phonetic) intersect select unnest(query.codes))), 0)::float
             / greatest(cardinality(query.codes), 1) as phonetic_score
    from persons p cross join query
    where p.tenant_id = ${actor.tenantId} and p.data is not null and p.merged_into is null
      and (p.search_names % query.names or query.names <% p.search_names or p.phonetic && query.codes)
      ${birthDate ? sql`and p.data->>'birthDate' = ${birthDate}` : sql``}
      ${nationality ? sql`and p.data->>'nationality' = ${nationality}` : sql``}
      and ${readable}
    order by 0.6 * greatest(similarity(p.search_names, query.names), word_similarity(query.names, p.search_names))
           + 0.4 * coalesce(cardinality(array(select unnest(p.phonetic) intersect select unnest(query.codes))), 0)::float / greatest(cardinality(query.codes), 1) desc,
           p.id
    limit ${limit}`.execute(tx);
  const hits = rows.rows.map((row) => ({
    person: personFromRow(row as never),
    score: Math.round((0.6 * Number(row.name_score) + 0.4 * Number(row.phonetic_score)) * 1000) / 1000,
  }));
  await logAccess({ tx, actor, personIds: hits.map((h) => h.person.id), purpose: 'person search', requestId });
  return hits;
}
