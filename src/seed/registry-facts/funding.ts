/**
 * @module seed/registry-facts/funding
 * The funding instruments Waypoint starts with (../shared/LAW.md §7) — NDICI-Global Europe, AMIF,
 * BMVI, the Facility for Refugees in Turkey, Italy's State budget, and the proposed Global Europe
 * instrument for 2028–2034, recorded as a proposal — and the funding lines the sources establish as
 * commitments: the Facility's two €3 billion tranches, and the spending Italy's ratification law
 * authorised for the facilities in Albania (Law 14/2024 Art. 6(1)).
 *
 * The packages announced with the Tunisia, Egypt and Mauritania partnerships are recorded as their
 * commitments (pillars), not here: which instrument pays which part, and when, is not in the sources.
 */
import type { z } from 'zod';
import type { ZFundingFields } from '../../domain/funding/funding-line.ts';
import type { ZInstrumentFields } from '../../domain/funding/instrument.ts';
import {
  AMIF_REGULATION, BMVI_REGULATION, FRIT_2018, FRIT_DECISION, FRIT_SUMMARY, GLOBAL_EUROPE_OEIL, GLOBAL_EUROPE_REMARKS, HOME_FUNDS_COMMISSION, HOME_FUNDS_EP,
  IT_AL_ART6, IT_AL_LAW, NDICI_EP, NDICI_SUMMARY,
} from './sources.ts';

type InstrumentInput = z.input<typeof ZInstrumentFields>;
type FundingInput = z.input<typeof ZFundingFields>;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

export function seedInstruments(): InstrumentInput[] {
  return [
    {
      code: 'ndici-global-europe', title: 'Neighbourhood, Development and International Cooperation Instrument – Global Europe', level: 'eu', status: 'in-force',
      legalBasis: 'Regulation (EU) 2021/947', from: '2021-01-01', to: '2027-12-31', envelope: eur(79_462_000_000),
      objectives: ['development', 'migration-governance', 'protection', 'trade-investment-energy'], measuresMustPursue: ['development'],
      sources: [NDICI_EP, NDICI_SUMMARY], verified: true,
      unverified: [{ field: 'objectives', note: 'The indicative 10 % of the envelope for migration and forced displacement (LAW.md §7) was not read in the Regulation.' }],
      note: 'The EU\'s main external financing instrument; applies from 1 January 2021. Its measures pursue development cooperation objectives, which the funding checks require each NDICI line to record.',
    },
    {
      code: 'amif', title: 'Asylum, Migration and Integration Fund 2021–2027', level: 'eu', status: 'in-force',
      legalBasis: 'Regulation (EU) 2021/1147', from: '2021-01-01', to: '2027-12-31', envelope: eur(9_880_000_000),
      objectives: ['protection', 'legal-pathways', 'integration', 'return-readmission', 'migration-governance'],
      sources: [AMIF_REGULATION, HOME_FUNDS_COMMISSION, HOME_FUNDS_EP], verified: true,
      unverified: [{ field: 'envelope', note: '€9.88 bn as the Commission and Parliament state the initial budget (rounded; LAW.md gives €9.882 bn).' }],
      note: 'Can finance actions in or with third countries; amended to finance solidarity under the Pact.',
    },
    {
      code: 'bmvi', title: 'Instrument for Financial Support for Border Management and Visa Policy 2021–2027', level: 'eu', status: 'in-force',
      legalBasis: 'Regulation (EU) 2021/1148', from: '2021-01-01', to: '2027-12-31', envelope: eur(6_240_000_000),
      objectives: ['border-management'],
      sources: [BMVI_REGULATION, HOME_FUNDS_EP, HOME_FUNDS_COMMISSION], verified: true,
      unverified: [{ field: 'envelope', note: '€6.24 bn as Parliament stated it on adoption; the Commission cites an initial budget of €6.38 bn.' }],
      note: null,
    },
    {
      code: 'frit', title: 'Facility for Refugees in Turkey', level: 'eu', status: 'in-force',
      legalBasis: 'Commission Decision C(2015) 9500 of 24 November 2015, as amended by C(2016) 855, C(2017) 2293 and C(2018) 1500', from: '2015-11-24', envelope: eur(6_000_000_000),
      objectives: ['humanitarian', 'development', 'protection'],
      sources: [FRIT_DECISION, FRIT_SUMMARY], verified: true,
      note: 'A coordination mechanism of EU budget and Member State contributions for the humanitarian and development needs of refugees and host communities in Türkiye: €3 bn (2016–2017) and a further €3 bn, as the EU–Turkey Statement provided.',
    },
    {
      code: 'it-state-budget', title: 'Italian State budget', level: 'national', memberState: 'IT', status: 'in-force',
      legalBasis: 'Budget laws of the Italian Republic; for the Albania facilities, Law 14/2024 Art. 6', from: '2024-01-01',
      objectives: ['migration-governance', 'border-management', 'return-readmission'],
      sources: [IT_AL_ART6], verified: true,
      note: 'Recorded for the spending Italy authorised for the Protocol with Albania.',
    },
    {
      code: 'global-europe-2028-2034', title: 'Global Europe instrument 2028–2034 (Commission proposal)', level: 'eu', status: 'proposal',
      legalBasis: 'Commission proposal for a Regulation establishing Global Europe, part of the MFF 2028–2034 proposals of 16 July 2025', from: '2028-01-01', to: '2034-12-31',
      envelope: eur(200_000_000_000), objectives: ['development', 'migration-governance', 'trade-investment-energy'],
      sources: [GLOBAL_EUROPE_OEIL, GLOBAL_EUROPE_REMARKS], verified: true,
      unverified: [{ field: 'envelope', note: '"Over €200 billion" in the Commissioners\' remarks (€200.3 bn in some reporting, with a reserve of about €15 bn): recorded as €200 bn. The negotiations\' outcome is not known.' }],
      note: 'A proposal: it funds nothing until adopted. Would merge the external instruments, with migration as a component of the partnerships.',
    },
  ];
}

export function seedFunding(): FundingInput[] {
  const italy = (code: string, measure: string, amount: number, basis: string): FundingInput => ({
    code, instrument: 'it-state-budget', type: 'commitment', measure, objectives: ['migration-governance', 'border-management'],
    recipients: { partnership: null, mechanism: 'it-al-protocol', facility: null }, amount: eur(amount), date: '2024-02-22',
    sources: [IT_AL_ART6, IT_AL_LAW], owner: 'IT', verified: true,
    note: `Spending authorised for 2024 by ${basis}.`,
  });
  return [
    {
      code: 'frit-tranche-1', instrument: 'frit', type: 'commitment', measure: 'Facility for Refugees in Turkey, first tranche (2016–2017): €1 bn from the EU budget, €2 bn from Member States',
      objectives: ['humanitarian', 'development', 'protection'], recipients: { partnership: 'eu-tr-statement' }, amount: eur(3_000_000_000), date: '2015-11-24',
      sources: [FRIT_DECISION, FRIT_SUMMARY], owner: 'COM', verified: true,
      note: 'Set up by the Decision of 24 November 2015 (€0.5 bn EU, €2.5 bn Member States), split €1 bn / €2 bn by the amendment of 10 February 2016; it predates the Statement, which undertook to speed up its disbursement.',
    },
    {
      code: 'frit-tranche-2', instrument: 'frit', type: 'commitment', measure: 'Facility for Refugees in Turkey, second tranche: the additional €3 bn the EU–Turkey Statement provided',
      objectives: ['humanitarian', 'development', 'protection'], recipients: { partnership: 'eu-tr-statement' }, amount: eur(3_000_000_000), date: '2018-03-14',
      sources: [FRIT_SUMMARY, FRIT_2018], owner: 'COM', verified: true,
      note: 'Commission Decision C(2018) 1500 of 14 March 2018 amending Decision C(2015) 9500.',
    },
    italy('it-al-2024-construction-interior', 'Building the facilities in Albania (Ministry of the Interior)', 31_200_000, 'Law 14/2024 Art. 6(1)(a)'),
    italy('it-al-2024-construction-justice', 'Building the facilities in Albania (Ministry of Justice)', 8_000_000, 'Law 14/2024 Art. 6(1)(a)'),
    italy('it-al-2024-equipment-interior', 'Capital equipment for carrying out the Protocol (Ministry of the Interior)', 7_300_000, 'Law 14/2024 Art. 6(1)(b)'),
    italy('it-al-2024-equipment-justice', 'Capital equipment for carrying out the Protocol (Ministry of Justice)', 1_180_000, 'Law 14/2024 Art. 6(1)(b)'),
  ];
}
