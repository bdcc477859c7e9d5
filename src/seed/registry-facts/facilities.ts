/**
 * @module seed/registry-facts/facilities
 * The facilities of the seeded mechanisms, with their capacity over time as the sources give it:
 *
 * - Shëngjin (port, Albania; Italian jurisdiction): disembarkation, screening, identification —
 *   capacity not recorded (no source gives one);
 * - Gjadër (former air base, Albania; Italian jurisdiction): the asylum-detention centre, built for 880
 *   places and opened for at least 400 in its first phase (October 2024), and the pre-removal
 *   detention centre (CPR) that Decree-Law 37/2025 opened to persons under return orders in Italy —
 *   144 places foreseen, about 40 when the first such transfers arrived on 11 April 2025;
 * - Hamdallaye (Niger): UNHCR's ETM transit facility, operational since March 2019, hosting up to 1,100
 *   (December 2019) and a maximum of 1,500 (EU Trust Fund, August 2020);
 * - Gashora (Rwanda): the ETM centre, up to 500 at any time under the Memorandum of 10 September 2019,
 *   700 from the first addendum of 14 October 2021.
 *
 * Where a source states a capacity without saying since when, the entry starts on the source's date
 * and says so. Coordinates are those of the town or site, approximate (two decimals), and marked so.
 */
import type { z } from 'zod';
import type { ZFacilityFields } from '../../domain/facilities/facility.ts';
import {
  GJADER_CPR_DECREE, GJADER_CPR_DELAY, GJADER_CPR_FIRST, GJADER_OPENING, IT_AL_ARTICLES, IT_AL_CAMERA, NE_EUTF_2020, NE_FACTSHEET_2019, RW_ADDENDUM_1, RW_CAMP_PROFILE,
} from './sources.ts';

type FacilityInput = z.input<typeof ZFacilityFields>;

const APPROXIMATE = { field: 'location', note: 'Approximate coordinates of the town or site (two decimals), not surveyed.' };

export function seedFacilities(): FacilityInput[] {
  return [
    {
      code: 'al-shengjin', name: 'Shëngjin reception and screening centre (port)', mechanisms: ['it-al-protocol'],
      location: { lat: 41.81, lon: 19.59, place: 'Shëngjin, Lezhë', country: 'AL' }, jurisdiction: 'IT',
      operator: 'Italian authorities (Prefecture and Questura of Rome, Law 14/2024 Art. 3)',
      sources: [IT_AL_CAMERA, GJADER_OPENING], owner: 'IT', verified: true,
      unverified: [APPROXIMATE, { field: 'capacity', note: 'No source found gives its capacity.' }],
      note: 'Disembarkation, identification and screening of persons taken aboard Italian vessels; from here they are taken to Gjadër, about 20 km inland.',
    },
    {
      code: 'al-gjader', name: 'Gjadër centre (former air base)', mechanisms: ['it-al-protocol'],
      location: { lat: 41.9, lon: 19.6, place: 'Gjadër, Lezhë', country: 'AL' }, jurisdiction: 'IT',
      operator: 'Italian authorities (Prefecture and Questura of Rome; Ministry of Justice for the penitentiary section)',
      capacity: [
        { section: 'asylum-detention', from: '2024-10-16', places: 400, note: 'Opened for at least 400 in the first phase; 880 places built. The first day is the first transfer (16 October 2024).', source: GJADER_OPENING, verified: false },
        { section: 'pre-removal-detention', from: '2025-04-11', places: 40, note: 'About 40 when the first persons under return orders arrived from Italy (11 April 2025); 144 places foreseen by the decree.', source: GJADER_CPR_FIRST, verified: false },
      ],
      occupancy: [
        { on: '2025-04-11', persons: 40, via: 'reported', source: GJADER_CPR_DELAY },
      ],
      sources: [GJADER_OPENING, GJADER_CPR_DECREE, IT_AL_ARTICLES], owner: 'IT', verified: true,
      unverified: [
        APPROXIMATE,
        { field: 'capacity', note: 'Figures from Italian press (TGCOM24, Italy News), not from an official act; the dates are those of the first transfers.' },
        { field: 'occupancy', note: 'About forty people transferred on 11 April 2025, as reported; how many stayed is not recorded.' },
      ],
      note: 'Three sections built: asylum-seeker detention (880 places), pre-removal detention CPR (144), penitentiary (20). The Protocol caps migrants present in Albania at 3,000 at a time (Art. 4).',
    },
    {
      code: 'ne-hamdallaye', name: 'ETM transit facility, Hamdallaye', mechanisms: ['ne-etm'],
      location: { lat: 13.55, lon: 2.45, place: 'Hamdallaye, Tillabéri region (about 40 km from Niamey)', country: 'NE' }, jurisdiction: 'NE',
      operator: 'UNHCR and partners, with the Government of Niger',
      capacity: [
        { section: 'whole', from: '2019-03-04', to: '2020-08-03', places: 1_100, note: 'Operational since March 2019 (first group of 120 transferred on 4 March 2019); "hosts up to 1,100" in UNHCR\'s December 2019 factsheet.', source: NE_FACTSHEET_2019, verified: true },
        { section: 'whole', from: '2020-08-04', places: 1_500, note: 'A maximum capacity of 1,500 as the EU Trust Fund for Africa stated it on 4 August 2020; when it rose is not stated.', source: NE_EUTF_2020, verified: true },
      ],
      sources: [NE_FACTSHEET_2019, NE_EUTF_2020], owner: 'UNHCR', verified: true,
      unverified: [APPROXIMATE, { field: 'capacity.1.from', note: 'The date of the source, not of the change.' }],
      note: 'The most vulnerable evacuees stay in guesthouses in Niamey.',
    },
    {
      code: 'rw-gashora', name: 'Gashora Emergency Transit Mechanism centre', mechanisms: ['rw-etm'],
      location: { lat: -2.25, lon: 30.23, place: 'Gashora sector, Bugesera district', country: 'RW' }, jurisdiction: 'RW',
      operator: 'Government of Rwanda (Ministry in charge of Emergency Management) with UNHCR and the African Union',
      capacity: [
        { section: 'whole', from: '2019-09-10', to: '2021-10-13', places: 500, note: 'Up to 500 persons at any given time under the Memorandum of 10 September 2019.', source: RW_CAMP_PROFILE, verified: true },
        { section: 'whole', from: '2021-10-14', places: 700, note: 'Raised to 700 by the first addendum (14 October 2021).', source: RW_ADDENDUM_1, verified: true },
      ],
      sources: [RW_CAMP_PROFILE, RW_ADDENDUM_1], owner: 'UNHCR', verified: true,
      unverified: [APPROXIMATE, { field: 'capacity.1.to', note: 'The addendums run to 31 December 2025; whether the centre still serves the ETM is not verified.' }],
      note: 'Established in 2015 for Burundian refugees; about 30,000 Burundians transited through it before the ETM (UNHCR).',
    },
  ];
}
