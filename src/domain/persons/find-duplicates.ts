/**
 * @module domain/persons/find-duplicates
 * The same person registered twice. Record linkage in two steps, after Fellegi and Sunter: a cheap
 * *block* of records that could be the same (same nationality and birth date at registration; same
 * nationality, and the same birth year or no birth date, for a stored person), then a *score* that
 * weighs name similarity (trigrams of the names folded without accents, `pg_trgm`), shared phonetic
 * codes (Double Metaphone, `fuzzystrmatch`: "Mohammed"/"Muhamad", "Ahmed"/"Ahmad"), birth date and
 * nationality. The score explains itself: `matchedOn` lists what agreed.
 *
 * At registration the block is looked up inside the statement that stores the case (no extra round
 * trip) and only ids and scores are returned; reading the candidates' data is a separate, logged read.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import type { Tx } from '../../storage/transaction.ts';
import { logAccess } from './log-access.ts';
import { authorizePerson, findPersonRow, personScopes, readablePersonsCondition } from './person-scope.ts';
import { namesLine, type PersonData } from './person.ts';

/** A person that may be the same as the one looked at. */
export interface DuplicateCandidate {
  personId: string;
  /** 0 to 1: 0.4 × name similarity + 0.3 × shared phonetic codes + 0.2 × birth date (0.1 same year) + 0.1 × nationality. */
  score: number;
  matchedOn: Array<'names' | 'phonetic' | 'birthDate' | 'birthYear' | 'nationality'>;
}

/**
 * Candidates below this score are not reported. Within a registration's block (same birth date and
 * nationality: 0.3) it takes some evidence from the names — a shared sound and a few shared trigrams,
 * as "Yusuf Benali" and "Youssef Ben Ali" have — for a person to look.
 */
export const DUPLICATE_THRESHOLD = 0.5;

/**
 * The scoring columns for candidates `p` against a person whose folded names, phonetic codes, birth
 * date and nationality are the given SQL expressions.
 */
function scoreColumns(names: RawBuilder<string>, codes: RawBuilder<string[]>, birthDate: RawBuilder<string | null>, nationality: RawBuilder<string>) {
  return sql`
    similarity(p.search_names, ${names}) as name_score,
    coalesce(cardinality(array(select unnest(p.phonetic) intersect select unnest(${codes}))), 0)::float
      / greatest(least(cardinality(p.phonetic), cardinality(${codes})), 1) as phonetic_score,
    case when p.data->>'birthDate' = ${birthDate} then 1
         when left(p.data->>'birthDate', 4) = left(${birthDate}, 4) then 0.5 else 0 end as birth_score,
    case when p.data->>'nationality' = ${nationality} then 1 else 0 end as nationality_score`;
}

export interface ScoredRow { id: string; name_score: number; phonetic_score: number; birth_score: number; nationality_score: number }

/** A scored row as a candidate. */
export function candidateOf(row: ScoredRow): DuplicateCandidate {
  const score = 0.4 * Number(row.name_score) + 0.3 * Number(row.phonetic_score) + 0.2 * Number(row.birth_score) + 0.1 * Number(row.nationality_score);
  const matchedOn: DuplicateCandidate['matchedOn'] = [];
  if (Number(row.name_score) >= 0.5) matchedOn.push('names');
  if (Number(row.phonetic_score) > 0) matchedOn.push('phonetic');
  if (Number(row.birth_score) === 1) matchedOn.push('birthDate'); else if (Number(row.birth_score) > 0) matchedOn.push('birthYear');
  if (Number(row.nationality_score) === 1) matchedOn.push('nationality');
  return { personId: row.id, score: Math.round(score * 1000) / 1000, matchedOn };
}

/**
 * The SQL expression (jsonb) listing, among the tenant's persons, up to five of the same nationality
 * and birth date whose names are similar or sound alike to the given ones (a names line as
 * `namesLine` makes it), with the parts of their scores (`waypoint_duplicate_candidates`, migration
 * 0020). It only reads: the statement that registers the person evaluates it before storing anything.
 * Without a birth date there is no block and no candidate: the person's own duplicates check
 * (`findDuplicates`) looks wider.
 */
export function registrationCandidates(tenantId: string, names: RawBuilder<string>, nationality: RawBuilder<string>, birthDate: RawBuilder<string | null>) {
  return sql<ScoredRow[]>`waypoint_duplicate_candidates(${tenantId}, ${names}, ${nationality}, ${birthDate})`;
}

/** Candidates at or above the threshold, best first. */
export function reportedCandidates(rows: ScoredRow[]): DuplicateCandidate[] {
  return rows.map(candidateOf).filter((c) => c.score >= DUPLICATE_THRESHOLD).sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1));
}

export interface FindDuplicatesOptions {
  tx: Tx;
  actor: Actor;
  personId: string;
  requestId?: string | null;
  limit?: number;
}

/**
 * The persons the actor may read that may be the same as `personId`: same nationality (or stateless
 * on either side), the same birth year or no birth date, and similar or alike-sounding names. Looking
 * is a read of both records' data: each candidate returned is logged.
 * @throws DomainError NOT_FOUND, FORBIDDEN, ERASED.
 */
export async function findDuplicates({ tx, actor, personId, requestId = null, limit = 10 }: FindDuplicatesOptions): Promise<DuplicateCandidate[]> {
  const row = await findPersonRow(tx, actor, personId);
  authorizePerson(actor, 'read', await personScopes(tx, actor.tenantId, personId));
  if (row.erased_at) throw new DomainError('ERASED', `the data of person ${personId} was erased`);
  const data = row.data as unknown as PersonData;
  const readable = readablePersonsCondition(actor) ?? sql<boolean>`false`;
  const names = sql<string>`${row.search_names}::text`;
  const codes = sql<string[]>`${row.phonetic ?? []}::text[]`;
  const result = await sql<ScoredRow>`
    select p.id, ${scoreColumns(names, codes, sql`${data.birthDate ?? null}::text`, sql`${data.nationality}::text`)}
    from persons p
    where p.tenant_id = ${actor.tenantId} and p.id <> ${personId} and p.data is not null and p.merged_into is null
      and (p.data->>'nationality' = ${data.nationality} or p.data->>'nationality' = 'XX' or ${data.nationality} = 'XX')
      and (p.data->>'birthDate' is null or ${data.birthDate ?? null}::text is null or left(p.data->>'birthDate', 4) = left(${data.birthDate ?? null}::text, 4))
      and (p.phonetic && ${codes} or p.search_names % ${names})
      and ${readable}
    order by similarity(p.search_names, ${names}) desc, p.id
    limit ${limit * 3}`.execute(tx);
  const candidates = reportedCandidates(result.rows).slice(0, limit);
  await logAccess({ tx, actor, personIds: [personId, ...candidates.map((c) => c.personId)], purpose: 'duplicate check', requestId });
  return candidates;
}
