/**
 * @module domain/statistics/law-recognition-rates
 * The EU-wide first-instance recognition rates the law engine's 20 % rules read (APR Art. 42(1)(j),
 * Art. 61–62), in the shape of `context.recognitionRates` in `law/facts.ts`: one entry per nationality
 * (ISO alpha-2, `XX` stateless) and year, `rate` between 0 and 1. The law package never reads storage;
 * the caller fetches these here and passes them in the facts' context.
 *
 * Cached per database: the first call reads `stat_ind_recognition`, later calls answer from memory. An
 * import in this process drops the cache at once ({@link invalidateStatisticsCaches}); an import by
 * another process (the CLI next to a server on PostgreSQL) is noticed by comparing the newest source
 * id, checked at most every `recheckMs`.
 */
import { sql, type Kysely } from 'kysely';
import type { Context } from '../../../law/facts.ts';
import type { Database } from '../../storage/schema.ts';
import { isCountry } from './codes.ts';

export type RecognitionRate = NonNullable<Context['recognitionRates']>[number];

export interface LawRecognitionRates {
  rates: RecognitionRate[];
  /** Which publisher each entry comes from, keyed `NATIONALITY:YEAR` (Eurostat where present, else UNHCR). */
  publisherOf: Record<string, string>;
}

interface CacheEntry {
  generation: string;
  checkedAt: number;
  value: Promise<LawRecognitionRates>;
}

const cache = new WeakMap<object, CacheEntry>();

/** Drops the cached rates of `db` (called after every import). */
export function invalidateStatisticsCaches(db: Kysely<Database>): void {
  cache.delete(db);
}

async function generationOf(db: Kysely<Database>): Promise<string> {
  const row = await sql<{ g: string | null }>`select max(id)::text as g from stat_sources`.execute(db);
  return row.rows[0]?.g ?? '0';
}

async function load(db: Kysely<Database>): Promise<LawRecognitionRates> {
  const rows = await db.selectFrom('stat_ind_recognition').select(['citizen', 'year', 'rate', 'publisher'])
    .where('rate', 'is not', null).where('year', '>=', 2000).orderBy('citizen').orderBy('year').execute();
  const rates: RecognitionRate[] = [];
  const publisherOf: Record<string, string> = {};
  for (const r of rows) {
    const nationality = r.citizen === 'STLS' ? 'XX' : r.citizen;
    if (nationality !== 'XX' && !isCountry(nationality)) continue;
    const rate = Math.min(1, Math.max(0, r.rate!));
    rates.push({ nationality, year: r.year, rate });
    publisherOf[`${nationality}:${r.year}`] = r.publisher;
  }
  return { rates, publisherOf };
}

export interface GetLawRecognitionRatesOptions {
  db: Kysely<Database>;
  /** How long a cached answer is trusted before checking for imports by other processes (default 10 s). */
  recheckMs?: number;
}

/**
 * Every EU-wide recognition rate by nationality and year, for `context.recognitionRates`.
 * @example
 *   const { rates } = await getLawRecognitionRates({ db });
 *   assess({ facts: { ...facts, context: { ...facts.context, recognitionRates: rates } }, on });
 */
export async function getLawRecognitionRates({ db, recheckMs = 10_000 }: GetLawRecognitionRatesOptions): Promise<LawRecognitionRates> {
  const now = Date.now();
  const entry = cache.get(db);
  if (entry && now - entry.checkedAt < recheckMs) return entry.value;
  const generation = await generationOf(db);
  if (entry && entry.generation === generation) {
    entry.checkedAt = now;
    return entry.value;
  }
  const value = load(db);
  cache.set(db, { generation, checkedAt: now, value });
  value.catch(() => cache.delete(db));
  return value;
}
