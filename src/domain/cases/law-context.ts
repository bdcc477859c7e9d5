/**
 * @module domain/cases/law-context
 * The facts beyond the case that an assessment of a case reads: the registries in force on the date
 * (designations, readmission, agreements, crisis authorisations) and the EU-wide recognition rates,
 * as the law engine's `LawRegistry` — the same facts `POST /api/law/assess` reads
 * (`domain/registries/law-registry.ts`). Both are read from storage in transactions of their own, so
 * they are loaded *before* the case's transaction opens (PGlite has one connection) and handed to the
 * domain operation, which builds the registry for its date and applicant.
 */
import { LawRegistry } from '../../../law/registry.ts';
import type { Db } from '../../storage/transaction.ts';
import { currentLawSources, registryFrom } from '../registries/law-registry.ts';
import type { RegistryFacts } from './build-facts.ts';

export interface CaseLaw {
  /** The registry facts in force on `on` for an applicant of `nationality`; undefined: the law package's own defaults. */
  registryOn(on: string, nationality: string): LawRegistry | undefined;
  /** The registries' revision (head of their audit chain) the facts were read at; `null` without registries. */
  registryRevision: number | null;
}

/** No registries: the law package's `registry/defaults.yaml` answers (tests, seeding). */
export const BASELINE_LAW: CaseLaw = { registryOn: () => undefined, registryRevision: null };

/** Registry facts given as they are, for every date and applicant (tests, what-if). */
export function caseLawWith(facts: RegistryFacts): CaseLaw {
  const registry = new LawRegistry(facts);
  return { registryOn: () => registry, registryRevision: null };
}

/**
 * Reads the current registry snapshot and recognition rates (both cached: one primary-key read each
 * while nothing changed); the registries per date and nationality are those `POST /api/law/assess`
 * uses, built once and shared (`registryFrom`).
 * @example const law = await loadCaseLaw(storage.db); await asActor(db, actor, (tx) => listTransitions({ tx, actor, caseId, law }));
 */
export async function loadCaseLaw(db: Db): Promise<CaseLaw> {
  const { snapshot, rates } = await currentLawSources(db);
  return { registryOn: (on, nationality) => registryFrom(snapshot, rates, on, nationality), registryRevision: snapshot.revision };
}
