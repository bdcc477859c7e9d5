/**
 * @module seed/registry-facts/readmission
 * The readmission cooperation Waypoint starts with: Türkiye has not readmitted applicants from Greece
 * since March 2020 — the registry fact the law package held in `law/registry/defaults.yaml`, with the
 * same date and source, and the EUAA's summary of C-134/23 as further evidence.
 */
import type { Readmission } from '../../domain/readmission/readmission.ts';

export function seedReadmission(): Readmission[] {
  return [
    {
      country: 'TR', memberState: 'GR', status: 'suspended', from: '2020-03-01', to: null,
      evidence: [
        { title: 'Court of Justice, C-134/23 Elliniko Symvoulio gia tous Prosfyges, judgment of 4 October 2024: Türkiye has suspended readmissions from Greece since March 2020', url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62023CJ0134', date: '2024-10-04' },
        { title: 'EUAA case-law database: summary of C-134/23 (readmissions frozen since March 2020)', url: 'https://caselaw.euaa.europa.eu/pages/viewcaselaw.aspx?CaseLawID=4575', date: null },
      ],
      verified: true,
      note: 'Türkiye has not readmitted applicants from Greece since March 2020 (facts of C-134/23; law/VERIFICATION.md §10). The month is verified; the day (1 March) is a convention.',
    },
  ];
}
