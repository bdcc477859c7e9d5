/**
 * @module seed/registry-facts/outreach
 * The outreach calendar Waypoint starts with: the visits and signings at which three of the seeded
 * partnerships were agreed, with the commitments announced there — the signing of the EU–Tunisia
 * Memorandum (Carthage, 16 July 2023), the Commission President's visit to Nouakchott with Spain's Prime
 * Minister (8 February 2024), and the EU–Egypt summit in Cairo (17 March 2024). No joint message is
 * seeded: their drafts are not public.
 */
import type { z } from 'zod';
import type { ZOutreachEventFields } from '../../domain/outreach/outreach-event.ts';
import { EG_AFP, EG_ATHENS, EG_MACRO, MR_210, MR_SIGNING, MR_VISIT, TN_ALLNEWS, TN_BREAKING, TN_PLEDGE } from './sources.ts';

type OutreachEventInput = z.input<typeof ZOutreachEventFields>;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

export function seedOutreachEvents(): OutreachEventInput[] {
  return [
    {
      code: 'eu-tn-signing-2023-07-16', type: 'signing', title: 'Signing of the EU–Tunisia Memorandum of Understanding', partner: 'TN', partnership: 'eu-tn-mou',
      from: '2023-07-16', place: 'Carthage presidential palace, Tunis',
      participants: { memberStates: ['IT', 'NL'], eu: ['President of the European Commission'], others: ['President of Tunisia'] },
      asks: [{ by: 'partner', text: 'Tunisia called for a collective effort against irregular migration and the forced displacement organised by criminal networks', status: 'open' }],
      commitments: [
        { by: 'eu', text: 'About €105 million for migration management, €150 million of budget support in 2023, and up to €900 million of macro-financial assistance once an IMF agreement is reached', amount: eur(1_155_000_000), status: 'open' },
        { by: 'member-states', text: 'Italy invited Tunisia to an international conference on migration in Rome the following Sunday', due: '2023-07-23', status: 'open' },
      ],
      sources: [TN_BREAKING, TN_PLEDGE, TN_ALLNEWS], owner: 'COM', verified: true,
      unverified: [{ field: 'commitments', note: 'As reported by the press from the Commission\'s and the leaders\' statements; the €1,155 million is the sum of the three announced amounts, not a single figure announced. Whether they were met is not recorded.' }],
      note: 'The Prime Ministers of Italy (Giorgia Meloni) and the Netherlands (Mark Rutte) accompanied the President of the Commission, as on their first visit a month earlier.',
    },
    {
      code: 'eu-mr-visit-2024-02-08', type: 'mission', title: 'Visit of the President of the Commission and the Prime Minister of Spain to Mauritania', partner: 'MR',
      partnership: 'eu-mr-migration-partnership', from: '2024-02-08', place: 'Nouakchott',
      participants: { memberStates: ['ES'], eu: ['President of the European Commission'], others: ['President of Mauritania'] },
      commitments: [
        { by: 'eu', text: 'Mobilise more than €210 million for Mauritania before the end of 2024: migration management including the fight against smuggling, security and stability, humanitarian aid for refugees, support to host communities, Global Gateway investment', amount: eur(210_000_000), status: 'open' },
        { by: 'eu', text: 'Finalise a joint declaration launching a migration partnership and dialogue', status: 'done' },
      ],
      sources: [MR_VISIT, MR_210, MR_SIGNING], owner: 'COM', verified: true,
      unverified: [{ field: 'commitments.0.status', note: 'Whether the €210 million was mobilised in 2024 is not recorded.' }],
      note: 'The joint declaration was signed in Nouakchott on 7 March 2024.',
    },
    {
      code: 'eu-eg-summit-2024-03-17', type: 'summit', title: 'EU–Egypt summit: strategic and comprehensive partnership', partner: 'EG', partnership: 'eu-eg-partnership',
      from: '2024-03-17', place: 'Cairo',
      participants: { memberStates: ['AT', 'BE', 'CY', 'GR', 'IT'], eu: ['President of the European Commission'], others: ['President of Egypt'] },
      commitments: [
        { by: 'eu', text: '€7.4 billion over 2024–2027: €5 billion in loans (€1 billion in 2024), €1.8 billion for investment, €600 million in grants of which €200 million for migration', amount: eur(7_400_000_000), status: 'open' },
      ],
      sources: [EG_MACRO, EG_AFP, EG_ATHENS], owner: 'COM', verified: true,
      unverified: [{ field: 'commitments', note: 'The package\'s split is as a senior Commission official described it to the press.' }],
      note: 'Leaders present: Austria, Belgium, Cyprus, Greece and Italy.',
    },
  ];
}
