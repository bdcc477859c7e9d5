/**
 * @module domain/simulations/registry-input
 * The registry facts a simulation's law engine starts from, read from the product's registries (the
 * same snapshot `POST /api/law/assess` reads): designations in force for every applicant, those made
 * for some nationalities only (Greece's designation of Türkiye for five nationalities), readmission
 * statuses and agreements in force on the scenario's first day, and the Council's crisis
 * authorisations. The simulator never reads storage itself: it is handed this.
 */
import countries from 'i18n-iso-countries';
import type { RegistryInput } from '../../simulation/model/build-inputs.ts';
import type { Db } from '../../storage/transaction.ts';
import { loadLawSnapshot } from '../registries/law-snapshot.ts';

type Designation = NonNullable<RegistryInput['facts']['designations']>[number];

const sameDesignation = (a: Designation, b: Designation) =>
  a.country === b.country && a.kind === b.kind && a.level === b.level && a.memberState === b.memberState && a.from === b.from;

/**
 * @example const registry = await simulationRegistry({ db, on: '2026-01-01' }); runStudy({ …, registry });
 */
export async function simulationRegistry({ db, on }: { db: Db; on: string }): Promise<RegistryInput> {
  const snapshot = await loadLawSnapshot({ db });
  const common = snapshot.contextOn(on);
  const byNationality: Record<string, Designation[]> = {};
  for (const nationality of Object.keys(countries.getAlpha2Codes())) {
    const extra = snapshot.contextOn(on, { nationality }).designations.filter((d) => !common.designations.some((c) => sameDesignation(c, d)));
    if (extra.length) byNationality[nationality] = extra;
  }
  return { facts: common, byNationality };
}
