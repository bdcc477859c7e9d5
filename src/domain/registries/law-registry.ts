/**
 * @module domain/registries/law-registry
 * The registry facts an assessment reads, from the database: the registries' snapshot (designations,
 * readmission, agreements, crisis authorisations; law-snapshot.ts) and the EU-wide recognition rates
 * from the statistics (statistics/law-recognition-rates.ts), as one `LawRegistry` for the law engine.
 * An assessment with an empty `context` therefore concludes on what the registries hold on its date;
 * its own `context` stays an override on top (DOMAIN.md).
 *
 * Built registries are kept per snapshot, rates, date and nationality (designations may be made for
 * some nationalities only), so repeated assessments on one day share one.
 */
import { LawRegistry, RateIndex } from '../../../law/registry.ts';
import type { Db } from '../../storage/transaction.ts';
import { getLawRecognitionRates, type LawRecognitionRates } from '../statistics/law-recognition-rates.ts';
import { loadLawSnapshot, type LawSnapshot } from './law-snapshot.ts';

/** Registries kept per snapshot and rates; each holds at most this many (date, nationality) entries. */
const KEPT_PER_SNAPSHOT = 512;
const built = new WeakMap<LawSnapshot, WeakMap<LawRecognitionRates, Map<string, LawRegistry>>>();
const rateIndexes = new WeakMap<LawRecognitionRates, RateIndex>();

export interface LawRegistryForOptions {
  db: Db;
  on: string;
  /** The applicant's nationality (designations made only for some nationalities count only for them). */
  nationality?: string;
}

/**
 * The registry for an assessment on `on` of an applicant of `nationality`, from a snapshot and rates
 * already read (synchronous: for callers that read them before opening their own transaction).
 */
export function registryFrom(snapshot: LawSnapshot, rates: LawRecognitionRates, on: string, nationality?: string): LawRegistry {
  let byRates = built.get(snapshot);
  if (!byRates) built.set(snapshot, (byRates = new WeakMap()));
  let byKey = byRates.get(rates);
  if (!byKey) byRates.set(rates, (byKey = new Map()));
  const key = `${on}|${nationality ?? ''}`;
  let registry = byKey.get(key);
  if (!registry) {
    if (byKey.size >= KEPT_PER_SNAPSHOT) byKey.delete(byKey.keys().next().value!);
    let index = rateIndexes.get(rates);
    if (!index) rateIndexes.set(rates, (index = new RateIndex(rates.rates)));
    registry = new LawRegistry(snapshot.contextOn(on, nationality ? { nationality } : {}), index);
    byKey.set(key, registry);
  }
  return registry;
}

/** The registries' snapshot and the recognition rates as they stand (each cached; one primary-key read while nothing changed). */
export async function currentLawSources(db: Db): Promise<{ snapshot: LawSnapshot; rates: LawRecognitionRates }> {
  const [snapshot, rates] = await Promise.all([loadLawSnapshot({ db }), getLawRecognitionRates({ db })]);
  return { snapshot, rates };
}

/**
 * @example const registry = await lawRegistryFor({ db, on: '2026-08-01', nationality: 'BD' }); assess({ facts, on, registry });
 */
export async function lawRegistryFor({ db, on, nationality }: LawRegistryForOptions): Promise<LawRegistry> {
  const { snapshot, rates } = await currentLawSources(db);
  return registryFrom(snapshot, rates, on, nationality);
}
