/**
 * @module seed/registry-facts/border-situations
 * Border situations Waypoint starts with, as the Member State declared them: Finland's response to
 * instrumentalised migration across its land border with Russia — crossing points closed in stages
 * from 18 November 2023, the whole land border closed from 15 December 2023 until further notice, and
 * applications possible only at maritime and air crossing points (stated from 15 April 2024).
 *
 * No Council implementing decision under Regulation (EU) 2024/1359 has been found (it applies from
 * 12 June 2026): no crisis authorisation is seeded.
 */
import type { z } from 'zod';
import type { ZBorderSituationFields } from '../../domain/border-situations/border-situation.ts';
import { FI_FEBRUARY_2024, FI_INTERMIN, FI_NOVEMBER_2023 } from './sources.ts';

type BorderSituationInput = z.input<typeof ZBorderSituationFields>;

export function seedBorderSituations(): BorderSituationInput[] {
  return [{
    memberState: 'FI', type: 'instrumentalisation',
    section: { neighbour: 'RU', description: 'Land border between Finland and Russia' },
    declaredOn: '2023-11-16', from: '2023-11-18',
    declaration: [FI_NOVEMBER_2023, FI_INTERMIN],
    measures: [
      {
        type: 'applications-only-at-designated-points', crossingPoints: ['Vartius', 'Salla'], from: '2023-11-18', to: '2023-11-29',
        legalBasis: 'Border Guard Act s. 16 (Government decision)', sources: [FI_NOVEMBER_2023],
      },
      {
        type: 'crossing-points-closed', allCrossingPoints: true, from: '2023-12-15',
        legalBasis: 'Border Guard Act (Government decisions, renewed until further notice)', sources: [FI_INTERMIN, FI_FEBRUARY_2024],
      },
    ],
    asylumAccess: [
      { place: 'Vartius and Salla crossing points', onSection: true, from: '2023-11-18', to: '2023-11-29', note: 'The two crossing points left for applications after four of eight were closed' },
      { place: 'Maritime crossing points (other than Haapasaari, Nuijamaa port and Santio) and air crossing points', onSection: false, from: '2024-04-15', note: 'Stated by the Ministry of the Interior from 15 April 2024' },
    ],
    verified: true,
    unverified: [
      { field: 'measures', note: 'The closures between 18 November and 14 December 2023 (all but Raja-Jooseppi, then all, then a partial reopening) are reported by the press in stages that were not checked day by day; only the official closure from 15 December 2023 and the first designation of Vartius and Salla are recorded.' },
      { field: 'asylumAccess', note: 'Where applications could be made between 15 December 2023 and 14 April 2024 is not stated in the sources read (the Government said only that no land crossing point received them): none is recorded for those dates, and the asylum-access check flags it.' },
      { field: 'declaredOn', note: 'The day the Government announced the first closures (Thursday 16 November 2023, as reported by JURIST).' },
    ],
    note: 'The Act on Temporary Measures to Combat Instrumentalised Migration was approved on 16 July 2024 (Ministry of the Interior); whether it has been applied is not recorded.',
  }];
}
