/**
 * @module seed/registry-facts/mechanisms
 * The mechanisms the seeded partnerships set up, with their parameters and sources. Two of them are
 * the agreements the law package held in `law/registry/defaults.yaml`, under the same ids, dates and
 * sources: `it-al-protocol` (offshore processing) and `eu-tr-statement` (the 1:1 swap); the law
 * snapshot gives them to the engine from here.
 *
 * Where an instrument gives no first day of operation, the mechanism's `from` is the instrument's
 * signature and the note says so; a mechanism still to be set up (the Netherlands–Uganda transit hub)
 * has none.
 */
import type { z } from 'zod';
import type { ZMechanismFields } from '../../domain/mechanisms/mechanism.ts';
import {
  EU_TR_FIRST_RETURNS, EU_TR_STATEMENT, IT_AL_ARTICLES, IT_AL_ELIGIBILITY, IT_AL_LAW, MR_COMMISSION, NE_FACTSHEET_2019, NE_FACTSHEET_2020, NL_UG_GOVERNMENT,
  RW_ADDENDUM_1, RW_CAMP_PROFILE, TN_EURACTIV, UK_RW_UKSC,
} from './sources.ts';

type MechanismInput = z.input<typeof ZMechanismFields>;

export function seedMechanisms(): MechanismInput[] {
  return [
    {
      code: 'eu-tr-statement', title: 'EU–Turkey 1:1 mechanism: returns from the Greek islands, resettlement of Syrians', kind: 'one-to-one', partnership: 'eu-tr-statement',
      partner: 'TR', memberStates: ['GR'], from: '2016-03-20',
      parameters: {
        cap: { total: 72_000, note: '18,000 remaining resettlement places and up to 54,000 unused relocation places (law/VERIFICATION.md §10)' },
        eligibility: 'For every Syrian returned to Türkiye from the Greek islands, another Syrian is resettled from Türkiye to the EU',
      },
      sources: [EU_TR_STATEMENT, EU_TR_FIRST_RETURNS],
      owner: 'COM', verified: true,
      note: 'Returns are from Greece (memberStates); resettlement is to the Member States taking part. Türkiye has not readmitted applicants from Greece since March 2020 (readmission registry). The law package\'s agreement eu-tr-statement, same id, date and source.',
    },
    {
      code: 'it-al-protocol', title: 'Italy–Albania offshore processing: border and return procedures in Italian centres in Albania', kind: 'offshore-processing', partnership: 'it-al-protocol',
      partner: 'AL', memberStates: ['IT'], from: '2024-02-22',
      parameters: {
        capacity: 3_000,
        categoriesExcluded: ['minors', 'women', 'the elderly', 'the sick', 'victims of torture or trafficking'],
        eligibility: 'Only persons taken aboard vessels of the Italian authorities outside Italy\'s territorial waters (Law 14/2024 Art. 3(2)); adult men, not vulnerable, from designated safe countries of origin, in the accelerated border procedure (press reports)',
      },
      sources: [IT_AL_LAW, IT_AL_ARTICLES, IT_AL_ELIGIBILITY],
      owner: 'IT', verified: true,
      unverified: [
        { field: 'from', note: 'The date of publication of the ratification law, as the law package\'s registry default has it; the Protocol\'s entry into force by exchange of notes (Art. 13(1)) is not verified. First transfers: 16 October 2024.' },
        { field: 'parameters.categoriesExcluded', note: 'As the press reported the Italian government\'s criteria (LAW.md §6.4); not read in the Protocol or the law.' },
      ],
      note: 'At most 3,000 migrants present in Albania at a time (Protocol Art. 4). Since Decree-Law 37/2025 (28 March 2025) Gjadër also holds persons under return orders in Italy (pre-removal detention). The law package\'s agreement it-al-protocol, same id, date and source.',
    },
    {
      code: 'eu-tn-border-smuggling', title: 'EU–Tunisia cooperation on border management, smuggling and returns', kind: 'counter-smuggling', partnership: 'eu-tn-mou',
      partner: 'TN', from: '2023-07-16',
      sources: [TN_EURACTIV],
      owner: 'COM', verified: false,
      unverified: [{ field: 'from', note: 'The Memorandum\'s signature: when the cooperation\'s operations began is not recorded.' }],
      note: 'About €105 million for border management, the fight against irregular departures and smuggling, returns, and equipment for the coastguard (press reports of the Commission\'s figures). No indicators recorded yet.',
    },
    {
      code: 'eu-mr-smuggling', title: 'EU–Mauritania cooperation against migrant smuggling and trafficking', kind: 'counter-smuggling', partnership: 'eu-mr-migration-partnership',
      partner: 'MR', from: '2024-03-07',
      sources: [MR_COMMISSION],
      owner: 'COM', verified: true,
      unverified: [{ field: 'from', note: 'The joint declaration\'s signature: when the cooperation\'s operations began is not recorded.' }],
      note: 'Joint investigations, reinforced security and operational cooperation (the declaration\'s fourth pillar). No indicators recorded yet.',
    },
    {
      code: 'ne-etm', title: 'Emergency Transit Mechanism Niger: evacuation from Libya, transit in Niger', kind: 'emergency-transit', partnership: 'ne-unhcr-etm',
      partner: 'NE', from: '2017-11-11',
      indicators: [
        { name: 'Refugees and asylum-seekers evacuated from Libya to Niger (cumulative)', unit: 'persons', value: 3_080, from: '2017-11-11', to: '2019-12-31', source: NE_FACTSHEET_2019 },
        { name: 'Refugees and asylum-seekers evacuated from Libya to Niger (cumulative)', unit: 'persons', value: 3_361, from: '2017-11-11', to: '2020-12-24', source: NE_FACTSHEET_2020 },
      ],
      sources: [NE_FACTSHEET_2019, NE_FACTSHEET_2020],
      owner: 'UNHCR', verified: true,
      unverified: [{ field: 'to', note: 'Whether the mechanism still operates (after the Memorandum\'s extension of 2019/2020) is not verified.' }],
      note: 'UNHCR runs it with the Government of Niger; evacuees are resettled to third countries.',
    },
    {
      code: 'rw-etm', title: 'Emergency Transit Mechanism Rwanda: evacuation from Libya, transit in Rwanda', kind: 'emergency-transit', partnership: 'rw-unhcr-au-etm',
      partner: 'RW', from: '2019-09-26',
      parameters: { capacity: 700 },
      sources: [RW_CAMP_PROFILE, RW_ADDENDUM_1],
      owner: 'UNHCR', verified: true,
      unverified: [{ field: 'to', note: 'Extended to 31 December 2025; whether it continues after that is not verified.' }],
      note: 'Up to 500 persons at any time under the Memorandum of 10 September 2019, 700 from the first addendum of 14 October 2021 (the Gashora facility\'s capacity series).',
    },
    {
      code: 'nl-ug-transit-hub', title: 'Netherlands–Uganda return transit hub (pilot, planned)', kind: 'return-hub', partnership: 'nl-ug-loi',
      partner: 'UG', memberStates: ['NL'],
      parameters: { eligibility: 'Persons with a departure obligation from countries in Uganda\'s region who cannot leave the Netherlands within a reasonable time, voluntarily or by force' },
      sources: [NL_UG_GOVERNMENT],
      owner: 'NL', verified: true,
      note: 'A small-scale pilot for a limited number of rejected asylum seekers, to be worked out from the letter of intent. Not operating: it has no first day.',
    },
    {
      code: 'uk-rw-relocation', title: 'UK–Rwanda relocation of asylum seekers for processing in Rwanda (ended)', kind: 'stc-arrangement', partnership: 'uk-rw-medp',
      partner: 'RW', from: '2022-04-14', to: '2024-07-06',
      sources: [UK_RW_UKSC],
      owner: 'COM', verified: true,
      unverified: [{ field: 'to', note: 'The day the UK government announced its end; formal termination not verified.' }],
      note: 'No one was relocated under it. No Member State takes part: the law snapshot leaves it out.',
    },
  ];
}
