/**
 * @module seed/registry-facts/partnerships
 * The partnerships Waypoint starts with (../shared/LAW.md §6), each with the documents it rests on:
 * the EU–Turkey Statement, the EU–Tunisia Memorandum of Understanding, the EU–Egypt strategic and
 * comprehensive partnership, the EU–Mauritania migration partnership, the Italy–Albania Protocol,
 * UNHCR's emergency transit mechanisms in Niger and Rwanda, the Netherlands–Uganda letter of intent,
 * and UK–Rwanda as a cautionary record (ended; no one was transferred).
 *
 * How the facts were checked: against the sources cited (stored copies of public pages, read through
 * the project's search tools on 2026-11-21; law/VERIFICATION.md §10 for the EU–Turkey Statement and the
 * Italy–Albania Protocol). `verified` says whether the core facts — parties, kind, dates — were
 * confirmed; `unverified` names every figure or fact that rests on press reports only, or that no
 * source gave (a day of signature, a clause).
 *
 * Conventions, stated once:
 * - the lifecycle of a signed instrument is recorded from the day it was signed or applied, in the
 *   phase it then entered (implementation for an instrument put into effect, design for a letter of
 *   intent to be worked out), as it happened: the gates apply to phase changes made in Waypoint;
 * - a gate checklist item is recorded as done only where a source shows it: the partner's consent is
 *   its signature of the instrument, funding is secured where a commitment is on record (the Facility
 *   for Refugees in Turkey, Italy's budget law); nothing else is assumed — no seeded partnership records
 *   a fundamental-rights impact assessment or a designated monitoring body, because none was found;
 * - roles (RACI) are not seeded: who was responsible for what in these partnerships is not public.
 */
import type { z } from 'zod';
import type { ZPartnershipFields } from '../../domain/partnerships/partnership.ts';
import type { Source } from '../../domain/registries/fields.ts';
import {
  EG_AFP, EG_MACRO, EU_TR_ASIL, EU_TR_FIRST_RETURNS, EU_TR_STATEMENT, FRIT_DECISION, FRIT_SUMMARY, IT_AL_ART6, IT_AL_ARTICLES, IT_AL_CAMERA, IT_AL_LAW,
  IT_AL_TERM, MR_COMMISSION, MR_NONBINDING, MR_PILLARS, MR_SIGNING, NE_FACTSHEET_2019, NE_FACTSHEET_2020, NE_FACTSHEET_MARCH_2020, NL_UG_GOVERNMENT,
  NL_UG_REUTERS, RW_ADDENDUM_1, RW_ADDENDUM_2, RW_CAMP_PROFILE, RW_FIRST_FLIGHTS, TN_BREAKING, TN_CARTHAGE, TN_EURACTIV, TN_PLEDGE, UK_RW_ACT,
  UK_RW_END, UK_RW_TREATY, UK_RW_UKSC,
} from './sources.ts';

type PartnershipInput = z.input<typeof ZPartnershipFields>;
type ChecklistInput = NonNullable<PartnershipInput['lifecycle']['checklist']>;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A checklist item done on a day, with the document showing it. */
const done = (on: string, evidence: Source, note: string | null = null) => ({ done: true, on, evidence: [evidence], note });
const NOT_RECORDED = 'Not recorded: no source found for it.';
const notRecorded = () => ({ done: false, on: null, evidence: [], note: NOT_RECORDED });

function checklist(items: Partial<ChecklistInput>): ChecklistInput {
  return {
    legalReview: notRecorded(), fundamentalRightsImpactAssessment: notRecorded(), fundingSecured: notRecorded(),
    monitoringBodyDesignated: notRecorded(), partnerConsent: notRecorded(), ...items,
  };
}

// ---------------------------------------------------------------------------------------------------
// The partnerships
// ---------------------------------------------------------------------------------------------------

const euTurkey: PartnershipInput = {
  code: 'eu-tr-statement',
  title: 'EU–Turkey Statement',
  kind: 'statement',
  legallyBinding: false,
  parties: { eu: true, memberStates: [], partner: 'TR' },
  dates: { signed: '2016-03-18', inForce: '2016-03-20' },
  pillars: [
    {
      title: 'Returns from the Greek islands and 1:1 resettlement',
      commitments: [
        { side: 'partner', text: 'Türkiye takes back all new irregular migrants crossing from Türkiye into the Greek islands as from 20 March 2016' },
        { side: 'eu', text: 'For every Syrian returned to Türkiye from the Greek islands, another Syrian is resettled from Türkiye to the EU, up to 72,000 (18,000 remaining resettlement places and up to 54,000 unused relocation places)' },
      ],
    },
    {
      title: 'Facility for Refugees in Turkey',
      commitments: [
        { side: 'eu', text: 'Speed up the disbursement of the €3 billion allocated under the Facility for Refugees in Turkey', amount: eur(3_000_000_000) },
        { side: 'eu', text: 'Mobilise an additional €3 billion for the Facility once the first resources are used (Decision C(2018) 1500)', amount: eur(3_000_000_000) },
      ],
    },
  ],
  humanRights: {
    nonRefoulementClause: null, humanRightsClause: null,
    text: 'Returns are to take place through the Greek admissibility procedures (first country of asylum for Syrians, safe third country for others). Türkiye has not readmitted applicants from Greece since March 2020 (readmission registry; C-134/23).',
  },
  documents: [EU_TR_STATEMENT, EU_TR_FIRST_RETURNS, EU_TR_ASIL, FRIT_SUMMARY],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2016-03-20', reason: 'The Statement applies to irregular arrivals on the Greek islands from 20 March 2016; first returns and resettlements on 4 April 2016', sources: [EU_TR_FIRST_RETURNS] }],
    checklist: checklist({
      partnerConsent: done('2016-03-18', EU_TR_STATEMENT, 'Agreed by the Members of the European Council and Türkiye on 18 March 2016'),
      fundingSecured: done('2015-11-24', FRIT_DECISION, 'The Facility for Refugees in Turkey (€3 billion), set up before the Statement; a second €3 billion followed in March 2018'),
    }),
  },
  owner: 'COM',
  verified: true,
  unverified: [
    { field: 'legallyBinding', note: 'A political statement; the General Court held it was not an act of the European Council (T-193/16 NF, order of 28 February 2017) — the order was not re-checked (law/VERIFICATION.md §10).' },
    { field: 'humanRights.nonRefoulementClause', note: 'The Statement\'s wording on non-refoulement and collective expulsion was not read in a stored copy of its text: left unknown.' },
    { field: 'results', note: 'Later cumulative totals of returns and resettlements (LAW.md §6.1) are not verified and are not recorded.' },
  ],
  note: 'Dates and the 72,000 ceiling: law/VERIFICATION.md §10. The 1:1 mechanism is the law package\'s agreement eu-tr-statement.',
};

const euTunisia: PartnershipInput = {
  code: 'eu-tn-mou',
  title: 'EU–Tunisia Memorandum of Understanding on a strategic and comprehensive partnership',
  kind: 'memorandum-of-understanding',
  legallyBinding: null,
  parties: { eu: true, memberStates: [], partner: 'TN' },
  dates: { signed: '2023-07-16' },
  pillars: [
    {
      title: 'Macroeconomic stability',
      commitments: [
        { side: 'eu', text: 'Up to €900 million of macro-financial assistance, to be released after an agreement between Tunisia and the IMF', amount: eur(900_000_000) },
        { side: 'eu', text: '€150 million of direct budget support in 2023, not conditional on an IMF agreement', amount: eur(150_000_000) },
      ],
    },
    { title: 'Economy and trade', commitments: [] },
    { title: 'Green energy transition', commitments: [] },
    {
      title: 'People-to-people contacts',
      commitments: [
        { side: 'eu', text: 'An Erasmus+ window for Tunisian students', amount: eur(10_000_000) },
        { side: 'eu', text: 'Modernisation of 80 schools for the green and digital transition', amount: eur(65_000_000) },
      ],
    },
    {
      title: 'Migration and mobility',
      commitments: [
        { side: 'eu', text: 'About €105 million for migration management: border management, the fight against smuggling and irregular departures, returns, search and rescue equipment for the coastguard', amount: eur(105_000_000) },
        { side: 'partner', text: 'Cooperation on returns of Tunisian nationals; Tunisia refused to act as a reception centre for non-Tunisian returnees' },
      ],
    },
  ],
  humanRights: { nonRefoulementClause: null, humanRightsClause: null, text: 'Border management "in full compliance with international law", as the President of the Commission described the migration pillar at the signing.' },
  documents: [TN_BREAKING, TN_PLEDGE, TN_CARTHAGE, TN_EURACTIV],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2023-07-16', reason: 'Memorandum signed in Carthage (Tunis) on 16 July 2023', sources: [TN_BREAKING] }],
    checklist: checklist({ partnerConsent: done('2023-07-16', TN_BREAKING, 'Signed by Tunisia') }),
  },
  owner: 'COM',
  verified: true,
  unverified: [
    { field: 'pillars', note: 'The amounts (€105 m, €150 m, up to €900 m, €10 m, €65 m) and the five pillars are as the press reported them from the Commission\'s statements; the Memorandum\'s text was not read.' },
    { field: 'legallyBinding', note: 'Whether the Memorandum binds in law was not established from its text.' },
    { field: 'pillars.4.commitments.1', note: 'Tunisia\'s position on returns of non-nationals as reported by Carthage Magazine.' },
  ],
  note: 'Signed by the President of the Commission and President Saied, with the Prime Ministers of Italy and the Netherlands present.',
};

const euEgypt: PartnershipInput = {
  code: 'eu-eg-partnership',
  title: 'EU–Egypt strategic and comprehensive partnership',
  kind: 'joint-declaration',
  legallyBinding: null,
  parties: { eu: true, memberStates: [], partner: 'EG' },
  dates: { signed: '2024-03-17' },
  pillars: [
    { title: 'Political relations', commitments: [] },
    {
      title: 'Macroeconomic stability',
      commitments: [{ side: 'eu', text: '€5 billion of concessional loans supporting economic reforms', amount: eur(5_000_000_000) }],
    },
    {
      title: 'Sustainable investment and trade',
      commitments: [{ side: 'eu', text: '€1.8 billion to support investment', amount: eur(1_800_000_000) }],
    },
    {
      title: 'Migration',
      commitments: [{ side: 'eu', text: '€600 million in grants, of which €200 million for migration management', amount: eur(600_000_000) }],
    },
    { title: 'Security', commitments: [] },
    { title: 'Human capital', commitments: [] },
  ],
  documents: [EG_MACRO, EG_AFP],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2024-03-17', reason: 'Joint declaration signed in Cairo on 17 March 2024; a €7.4 billion package over 2024–2027', sources: [EG_MACRO] }],
    checklist: checklist({ partnerConsent: done('2024-03-17', EG_AFP, 'Signed by President al-Sisi and the President of the Commission') }),
  },
  owner: 'COM',
  verified: true,
  unverified: [
    { field: 'pillars', note: 'The €7.4 billion package and its split (€5 bn loans, €1.8 bn investment, €600 m grants of which €200 m for migration) are as the press reported them; the declaration\'s text was not read.' },
  ],
  note: 'Signed in the presence of the leaders of Austria, Belgium, Cyprus, Greece and Italy.',
};

const euMauritania: PartnershipInput = {
  code: 'eu-mr-migration-partnership',
  title: 'EU–Mauritania joint declaration launching a migration partnership',
  kind: 'joint-declaration',
  legallyBinding: false,
  parties: { eu: true, memberStates: [], partner: 'MR' },
  dates: { signed: '2024-03-07' },
  pillars: [
    { title: 'Creating job opportunities', commitments: [{ side: 'eu', text: 'Vocational training, access to finance for enterprises, skills for young Mauritanians, particularly women' }] },
    { title: 'Protection and asylum', commitments: [{ side: 'eu', text: 'Support Mauritania\'s reception capacity for refugees and the protection of the most vulnerable' }] },
    { title: 'Promoting legal migration', commitments: [{ side: 'eu', text: 'Mobility of students, researchers and entrepreneurs; explore circular mobility' }] },
    {
      title: 'Reinforcing cooperation to prevent irregular migration',
      commitments: [
        { side: 'eu', text: 'Fight migrant smuggling and trafficking in human beings through joint investigations and operational cooperation; strengthen border management and search and rescue' },
        { side: 'partner', text: 'Cooperation on the return of Mauritanians staying irregularly in Europe' },
      ],
    },
    {
      title: 'Funding',
      commitments: [{ side: 'eu', text: 'Mobilise more than €210 million for Mauritania in 2024 (announced by the President of the Commission on 8 February 2024)', amount: eur(210_000_000) }],
    },
  ],
  documents: [MR_COMMISSION, MR_PILLARS, MR_SIGNING, MR_NONBINDING],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2024-03-07', reason: 'Joint declaration signed in Nouakchott on 7 March 2024 by Commissioner Johansson and the Mauritanian Minister of the Interior', sources: [MR_SIGNING] }],
    checklist: checklist({ partnerConsent: done('2024-03-07', MR_SIGNING, 'Signed by the Mauritanian Minister of the Interior') }),
  },
  owner: 'COM',
  verified: true,
  unverified: [
    { field: 'pillars', note: 'The declaration has five pillars; the first four are as the Commission\'s release lists them, the fifth was cut off in the stored copy. "Funding" is recorded as a pillar of its own for the €210 million, which is not one of the declaration\'s pillars.' },
    { field: 'legallyBinding', note: 'Non-binding as reported by the press (weafrica24); the declaration\'s text was not read.' },
  ],
  note: 'The Spanish Minister of the Interior and the Belgian Presidency of the Council attended the signing.',
};

const italyAlbania: PartnershipInput = {
  code: 'it-al-protocol',
  title: 'Protocol between Italy and Albania on strengthening cooperation on migration',
  kind: 'protocol',
  legallyBinding: true,
  parties: { eu: false, memberStates: ['IT'], partner: 'AL' },
  dates: { signed: '2023-11-06' },
  pillars: [
    {
      title: 'Areas and facilities in Albania under Italian jurisdiction',
      commitments: [
        { side: 'partner', text: 'Albania grants Italy the use of areas for facilities for border and return procedures, free of charge for the Protocol\'s duration (Art. 3)' },
        { side: 'member-states', text: 'Italy runs the facilities under Italian and European law; disputes with the migrants there fall under Italian jurisdiction; at most 3,000 migrants present in Albania at a time (Art. 4)' },
        { side: 'member-states', text: 'Italy transfers the migrants out of Albania at once when their title to stay in the facilities ends, and carries out all transfers with its own means (Art. 4)' },
      ],
    },
    {
      title: 'Costs',
      commitments: [{ side: 'member-states', text: 'Italy bears the costs, including a guarantee fund (Annex 2) and reimbursements (Art. 10); authorised by Law 14/2024 Art. 6' }],
    },
  ],
  humanRights: { nonRefoulementClause: null, humanRightsClause: null, text: 'The facilities are run under the relevant Italian and European law (Art. 4).' },
  violations: null,
  documents: [IT_AL_LAW, IT_AL_ARTICLES, IT_AL_TERM, IT_AL_CAMERA],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2024-10-16', reason: 'First transfer to Shëngjin and Gjadër on 16 October 2024 (16 men)', sources: [] }],
    checklist: checklist({
      partnerConsent: done('2023-11-06', IT_AL_TERM, 'Signed by the Albanian Council of Ministers in Rome on 6 November 2023'),
      fundingSecured: done('2024-02-22', IT_AL_ART6, 'Spending authorised by Law 14/2024 Art. 6'),
    }),
  },
  owner: 'IT',
  verified: true,
  unverified: [
    { field: 'dates.inForce', note: 'The Protocol enters into force on a date agreed by exchange of notes (Art. 13(1)); that date was not found (law/VERIFICATION.md §10).' },
    { field: 'lifecycle.phases.0', note: 'The first transfer on 16 October 2024 is as LAW.md §6.4 records it; not re-checked.' },
    { field: 'humanRights', note: 'Whether the Protocol has a non-refoulement clause was not established from its text.' },
  ],
  note: 'Five years, tacitly renewed for five more unless notice is given at least six months before expiry (law/VERIFICATION.md §10). Since Decree-Law 37/2025 (28 March 2025) Gjadër also serves as a pre-removal detention centre (CPR) for persons under return orders in Italy. Pending before the Court of Justice: C-414/25 Sedrata, C-706/25 and C-707/25 Comeri and Sidilli.',
};

const nigerEtm: PartnershipInput = {
  code: 'ne-unhcr-etm',
  title: 'Emergency Transit Mechanism in Niger (UNHCR–Government of Niger)',
  kind: 'memorandum-of-understanding',
  legallyBinding: null,
  parties: { eu: false, memberStates: [], partner: 'NE', organisations: ['UNHCR'] },
  pillars: [{
    title: 'Evacuation from Libya, transit and solutions',
    commitments: [
      { side: 'partner', text: 'Niger temporarily expands its asylum space to refugees and asylum-seekers evacuated from detention in Libya' },
      { side: 'organisations', text: 'UNHCR evacuates, registers and protects the evacuees, carries out refugee status determination with the government, and prepares resettlement files for third countries' },
    ],
  }],
  documents: [NE_FACTSHEET_2019, NE_FACTSHEET_2020, NE_FACTSHEET_MARCH_2020],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2017-11-11', reason: 'First evacuation flight from Libya to Niger on 11 November 2017', sources: [NE_FACTSHEET_2019] }],
    checklist: checklist({}),
  },
  owner: 'UNHCR',
  verified: true,
  unverified: [
    { field: 'dates.signed', note: 'The UNHCR–Niger Memorandum was signed in December 2017 (UNHCR); the day is not given.' },
    { field: 'dates', note: 'The Memorandum was extended for two years — in December 2019 or February 2020, UNHCR\'s factsheets differ. Its status after that is not verified.' },
    { field: 'lifecycle.checklist.partnerConsent', note: 'Niger\'s consent is its signature of the Memorandum (December 2017); not recorded as done for want of a day.' },
  ],
  note: 'Evacuees: 3,080 by December 2019 and 3,361 by December 2020 (UNHCR; indicators of the mechanism). Funded by the EU Emergency Trust Fund for Africa.',
};

const rwandaEtm: PartnershipInput = {
  code: 'rw-unhcr-au-etm',
  title: 'Emergency Transit Mechanism in Rwanda (Rwanda–UNHCR–African Union)',
  kind: 'memorandum-of-understanding',
  legallyBinding: null,
  parties: { eu: false, memberStates: [], partner: 'RW', organisations: ['UNHCR', 'African Union'] },
  dates: { signed: '2019-09-10' },
  pillars: [{
    title: 'Evacuation from Libya, transit and solutions',
    commitments: [
      { side: 'partner', text: 'Rwanda receives and protects up to 500 refugees and asylum-seekers evacuated from Libya at any given time (700 from the first addendum of 14 October 2021)' },
      { side: 'organisations', text: 'UNHCR, with the Government and the African Union, seeks durable solutions: resettlement, complementary pathways, voluntary return' },
    ],
  }],
  documents: [RW_CAMP_PROFILE, RW_ADDENDUM_1, RW_ADDENDUM_2, RW_FIRST_FLIGHTS],
  lifecycle: {
    phases: [{ phase: 'implementation', from: '2019-09-26', reason: 'First evacuation flight (66 people) on 26 September 2019', sources: [RW_FIRST_FLIGHTS] }],
    checklist: checklist({ partnerConsent: done('2019-09-10', RW_CAMP_PROFILE, 'Memorandum signed by Rwanda, UNHCR and the African Union on 10 September 2019') }),
  },
  owner: 'UNHCR',
  reviewDue: '2025-12-31',
  verified: true,
  unverified: [
    { field: 'dates.ended', note: 'Extended to 31 December 2025 by the second addendum (August 2024); whether it continued after that is not verified — hence the review date.' },
  ],
  note: 'EU funding of €10.3 million through the EU Emergency Trust Fund for Africa was announced in November 2019 (KT Press).',
};

const netherlandsUganda: PartnershipInput = {
  code: 'nl-ug-loi',
  title: 'Netherlands–Uganda letter of intent on return via Uganda (transit hub)',
  kind: 'letter-of-intent',
  legallyBinding: null,
  parties: { eu: false, memberStates: ['NL'], partner: 'UG' },
  dates: { signed: '2025-09-25' },
  pillars: [{
    title: 'Return via Uganda',
    commitments: [
      { side: 'member-states', text: 'The Netherlands returns, via Uganda, persons with a departure obligation from countries in Uganda\'s region who cannot leave within a reasonable time; voluntary return with the usual support is preferred' },
      { side: 'partner', text: 'Uganda accommodates them temporarily at a reception location, from which they depart to their country of origin' },
      { side: 'member-states', text: 'Refine the letter into a small-scale pilot transit hub for a limited number of rejected asylum seekers, in compliance with national, European and international law, consulting the EU, IOM and UNHCR' },
    ],
  }],
  humanRights: { nonRefoulementClause: null, humanRightsClause: null, text: 'The ministers stated that the arrangements must comply with national, European and international law and that the human rights of the persons returned will be safeguarded.' },
  documents: [NL_UG_GOVERNMENT, NL_UG_REUTERS],
  lifecycle: {
    phases: [{ phase: 'design', from: '2025-09-25', reason: 'Letter of intent signed in New York; to be worked out into a small-scale pilot', sources: [NL_UG_GOVERNMENT] }],
    checklist: checklist({ partnerConsent: done('2025-09-25', NL_UG_GOVERNMENT, 'Signed by Uganda\'s Minister of Foreign Affairs') }),
  },
  owner: 'NL',
  verified: true,
  unverified: [
    { field: 'lifecycle', note: 'Whether the pilot started in 2026 is not verified (LAW.md §6.5: no evidence of transfers found).' },
  ],
  note: 'Signed by Minister David van Weel and Foreign Minister Odongo Jeje Abubakhar at the UN General Assembly.',
};

const ukRwanda: PartnershipInput = {
  code: 'uk-rw-medp',
  title: 'UK–Rwanda Migration and Economic Development Partnership and asylum partnership treaty (ended; cautionary record)',
  kind: 'binding-agreement',
  legallyBinding: true,
  parties: { eu: false, memberStates: [], partner: 'RW', otherStates: ['GB'] },
  dates: { signed: '2022-04-14' },
  pillars: [{
    title: 'Relocation of asylum seekers to Rwanda',
    commitments: [
      { side: 'partner', text: 'Rwanda processes the claims of persons relocated from the United Kingdom and does not remove them (the treaty of 5 December 2023 added a binding commitment against removal)' },
    ],
  }],
  humanRights: {
    nonRefoulementClause: true, humanRightsClause: null,
    text: 'R (AAA) v SSHD [2023] UKSC 42 (15 November 2023, unanimous): substantial grounds to believe a real risk of refoulement, given Rwanda\'s human-rights record, its asylum system and its breach of non-refoulement under a prior arrangement with Israel. The treaty of 5 December 2023 and the Safety of Rwanda (Asylum and Immigration) Act 2024 (Royal Assent 25 April 2024) followed.',
  },
  documents: [UK_RW_UKSC, UK_RW_TREATY, UK_RW_ACT, UK_RW_END],
  lifecycle: {
    phases: [
      { phase: 'implementation', from: '2022-04-14', reason: 'Migration and Economic Development Partnership announced and signed on 14 April 2022', sources: [UK_RW_END] },
      { phase: 'ended', from: '2024-07-06', reason: 'The new UK government announced on 6 July 2024 that the scheme was "dead and buried"; no one was transferred under it', sources: [UK_RW_END] },
    ],
    checklist: checklist({ partnerConsent: done('2022-04-14', UK_RW_END, 'Signed by Rwanda') }),
  },
  owner: 'COM',
  verified: true,
  unverified: [
    { field: 'dates.signed', note: '14 April 2022 as LAW.md §6.6 gives it; the sources cited say April 2022.' },
    { field: 'dates.ended', note: 'The formal termination of the treaty was not verified; the lifecycle records the announcement of 6 July 2024.' },
    { field: 'humanRights.nonRefoulementClause', note: 'The treaty\'s commitment against removal is as the UK government described it to Parliament; its text was not read.' },
  ],
  note: 'Not an EU partnership: kept by the Commission as a cautionary record of a third-country processing scheme struck down for the risk of refoulement.',
};

export function seedPartnerships(): PartnershipInput[] {
  return [euTurkey, euTunisia, euEgypt, euMauritania, italyAlbania, nigerEtm, rwandaEtm, netherlandsUganda, ukRwanda];
}
