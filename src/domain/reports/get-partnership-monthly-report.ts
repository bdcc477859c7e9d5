/**
 * @module domain/reports/get-partnership-monthly-report
 * Gathers a partnership's monthly monitoring report: the partnership and what hangs on it from the
 * registries (read in the caller's transaction), and the public statistics on its routes and of its
 * nationals (read from the pre-aggregated indicators, as the open-data API does). Rendering is
 * `render-html.ts` and `render-pdf.ts`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor } from '../access/roles.ts';
import { facilityKind, type Facility } from '../facilities/facility.ts';
import { fundingKind, type FundingLine } from '../funding/funding-line.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { getPartnershipProfile } from '../partnerships/get-partnership-profile.ts';
import type { Source } from '../registries/fields.ts';
import type { RegistryRecord } from '../registries/record.ts';
import type { SourceRef } from '../statistics/indicators.ts';
import type { PartnershipMonthlyReport } from './monthly-report.ts';
import { lastDay, monthWindow } from './months.ts';
import { routesFor, type FrontexRoute } from '../partnerships/partnership-routes.ts';
import { caseDataSection } from './report-case-data.ts';
import { capacitySection, fundingSection, mechanismsSection, partnershipSection } from './report-registries.ts';
import { deathsSection, flowsSection, returnsSection } from './report-statistics.ts';

/** Months in the charts: the month reported and the twelve before it (so the same month a year before). */
export const REPORT_WINDOW = 13;

export interface GetPartnershipMonthlyReportOptions {
  /** Reads the registries: a transaction as the actor (`readRegistries` or `asActor`). */
  read: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Reads the public statistics (reference tables, no tenant). */
  db: Kysely<Database>;
  actor: Actor;
  /** The partnership's id or code. */
  idOrKey: string;
  /** YYYY-MM. */
  month: string;
  /** Routes to follow instead of the partnership's own. */
  routes?: FrontexRoute[];
  now?: Date;
  /** Smallest count shown as it is in the section from case data (`WAYPOINT_SMALL_CELL_MIN`, default 5). */
  smallCellMin?: number;
}

/**
 * @throws DomainError NOT_FOUND when no partnership has that id or code; FORBIDDEN without `statistics:read`.
 * @example const report = await getPartnershipMonthlyReport({ read: (w) => asActor(db, actor, w), db, actor, idOrKey: 'eu-tn-mou', month: '2023-09' });
 */
export async function getPartnershipMonthlyReport({ read, db, actor, idOrKey, month, routes: asked, now = new Date(), smallCellMin = 5 }: GetPartnershipMonthlyReportOptions): Promise<PartnershipMonthlyReport> {
  authorize({ actor, action: 'read', resource: 'statistics' });
  const { partnership, related } = await read((tx) => getPartnershipProfile({ tx, actor, idOrKey }));
  const to = lastDay(month);
  const window = monthWindow(month, REPORT_WINDOW);
  const mechanisms = (related.get(mechanismKind) ?? []) as RegistryRecord<Mechanism>[];
  const facilities = (related.get(facilityKind) ?? []) as RegistryRecord<Facility>[];
  const funding = (related.get(fundingKind) ?? []) as RegistryRecord<FundingLine>[];
  const p = partnership.data;
  const routes = routesFor({ code: p.code, partner: p.parties.partner, asked });

  const statistics = new Map<string, SourceRef>();
  const input = { db, month, window, sources: statistics };
  const flows = await flowsSection({ ...input, routes: routes.frontex, partner: p.parties.partner });
  const returns = await returnsSection({ ...input, partner: p.parties.partner });
  const deaths = await deathsSection({ ...input, routes: routes.iom });
  const caseData = await caseDataSection({
    db, actor, window, threshold: smallCellMin,
    ledgers: mechanisms.filter((m) => m.data.kind === 'one-to-one').map((m) => ({ code: m.data.code, title: m.data.title })),
    facilities: facilities.map((f) => f.data.code),
  });

  const documents = new Map<string, Source>();
  for (const s of [...p.documents, ...mechanisms.flatMap((m) => m.data.sources), ...facilities.flatMap((f) => f.data.sources), ...funding.flatMap((f) => f.data.sources)]) {
    if (!documents.has(s.url)) documents.set(s.url, s);
  }
  return {
    month, from: `${month}-01`, to, window, generatedAt: now.toISOString(),
    partnership: partnershipSection(partnership, to),
    routes,
    mechanisms: mechanismsSection(mechanisms, window),
    capacity: capacitySection(facilities, window),
    flows, returns, deaths,
    funding: fundingSection(funding, month),
    caseData,
    sources: { statistics: [...statistics.values()].sort((a, b) => Number(a.id) - Number(b.id)), documents: [...documents.values()] },
  };
}
