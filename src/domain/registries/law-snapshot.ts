/**
 * @module domain/registries/law-snapshot
 * The registry facts the law engine reads, in the exact shapes of `law/facts.ts` (`ZContext`:
 * designations, readmission, agreements, crisis authorisations), read from the database. The law
 * package cannot import storage (the dependency rule), so the caller hands `contextOn(date)` to the
 * assessment as its registry facts; an assessment's own `context` stays an override on top.
 *
 * What goes in, and why:
 * - designations: every verified designation, with its period and the Commission's suspensions of a
 *   Union-level designation (Art. 63 APR): the engine leaves the suspended days out, and on those days
 *   refuses the safe-country-of-origin presumption for the country, national designations included
 *   (Art. 64(2)); a designation made only for some nationalities
 *   (`appliesTo`) is included only when the applicant's nationality is given and listed;
 * - readmission: the status in force on the date, per country and Member State (the engine's entries
 *   have a start and no end); an EU-wide status stands for every Member State without its own;
 * - agreements: the mechanisms of the kinds the engine reasons on (offshore processing, return hub,
 *   safe-third-country arrangement, 1:1 swap, readmission: `AGREEMENT_KINDS`) that have a first day and
 *   at least one Member State taking part, each under its code (the id the engine's findings name:
 *   `it-al-protocol`, `eu-tr-statement`), with whether its partnership binds in law and, where its
 *   monitoring body is designated, whether that body is independent; its period is the mechanism's own;
 * - crisis authorisations: the Council's authorisations of derogations (Regulation (EU) 2024/1359), as
 *   recorded, whatever the date (the engine applies a derogation by the application's dates).
 * Unverified facts (`verified: false`) are left out by default: the engine must not conclude on a
 * fact nobody checked against its source.
 *
 * Reuse: the snapshot is cached per database and keyed on the registry writes on the registries' audit
 * chain (`EU`). Every registry write appends to that chain in its own transaction, so the head moves
 * when a registry write commits (in this process or another); a call costs one primary-key read while
 * the head stays. The 1:1 ledger's counts append to the same chain (`swap-ledger/ledger.ts`: the
 * shared half of a ledger lives there) and move the head too, without changing a registry fact: when
 * the head moved, one range read of the events since the last head seen says whether any of them is
 * something other than a ledger event; only then is the snapshot read anew. The snapshot's `revision`
 * is the place on the chain of the last event that is not a ledger event, so it names the registries'
 * state whatever the ledgers did since, in every process alike.
 */
import { AGREEMENT_KINDS, type Context } from '../../../law/facts.ts';
import { crisisAuthorisationKind, type CrisisAuthorisation } from '../border-situations/crisis-authorisation.ts';
import { mechanismKind, type Mechanism } from '../mechanisms/mechanism.ts';
import { partnershipKind, type Partnership } from '../partnerships/partnership.ts';
import { MEMBER_STATE_CODES } from '../tenants/tenants.ts';
import { inTenant, type Db } from '../../storage/transaction.ts';
import { countryKind, holdsOn, type Country } from '../countries/country.ts';
import { designationKind, type Designation } from '../designations/designation.ts';
import { readmissionKind, type Readmission } from '../readmission/readmission.ts';
import { REGISTRY_CHAIN } from './chain.ts';
import { recordFromRow } from './record.ts';

type LawDesignation = NonNullable<Context['designations']>[number];
type LawReadmission = NonNullable<Context['readmission']>[number];
type LawAgreement = NonNullable<Context['agreements']>[number];
type LawCrisis = NonNullable<Context['crisisAuthorisations']>[number];

/** The registry part of an assessment's context, every list present. */
export type RegistryContext = Required<Pick<Context, 'designations' | 'readmission' | 'agreements' | 'crisisAuthorisations'>>;

export interface ContextOptions {
  /** The applicant's nationality: designations made only for some nationalities count only for them. */
  nationality?: string;
}

export interface LawSnapshot {
  /** The registries' revision: the sequence number, on their audit chain, of the last event that is not a 1:1 ledger event when read. */
  revision: number;
  readAt: string;
  /** The registry facts for an assessment on `on`, in the shapes of `ZContext`. */
  contextOn(on: string, options?: ContextOptions): RegistryContext;
  /** Candidate countries on `on` (countries registry), to compare with the law package's parameter. */
  candidatesOn(on: string): string[];
  /** Countries under a Union-level safe-country-of-origin designation in force on `on`. */
  euSafeCountriesOfOriginOn(on: string): string[];
}

export interface LoadLawSnapshotOptions {
  /** The storage's database (not a transaction: the snapshot reads in a transaction of its own). */
  db: Db;
  /** Include facts marked unverified (default false). */
  includeUnverified?: boolean;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The periods of a designation in which it applies: its period minus its suspensions. */
export function applicablePeriods(d: Pick<Designation, 'from' | 'to' | 'suspensions'>): Array<{ from: string; to: string | null }> {
  const suspensions = [...d.suspensions].sort((a, b) => (a.from < b.from ? -1 : 1));
  const periods: Array<{ from: string; to: string | null }> = [];
  let start: string | null = d.from;
  for (const s of suspensions) {
    if (start === null) break;
    if (s.from > start) periods.push({ from: start, to: d.to !== null && d.to < dayBefore(s.from) ? d.to : dayBefore(s.from) });
    start = s.to === null ? null : (start > dayAfter(s.to) ? start : dayAfter(s.to));
  }
  if (start !== null && (d.to === null || start <= d.to)) periods.push({ from: start, to: d.to });
  return periods.filter((p) => p.to === null || p.from <= p.to);
}

/** A designation in the law's shape, with the Commission's suspensions of it (the engine leaves those days out). */
function lawDesignation(d: Designation): LawDesignation {
  const out: LawDesignation = { country: d.country, kind: d.kind, level: d.level, from: d.from, to: d.to, source: d.sources[0]!.url };
  if (d.memberState !== null) out.memberState = d.memberState;
  if (d.suspensions.length > 0) out.suspensions = d.suspensions.map((x) => ({ from: x.from, to: x.to, source: x.sources[0]!.url }));
  if (d.exceptions.regions.length > 0 || d.exceptions.categories.length > 0) {
    out.exceptions = {};
    if (d.exceptions.regions.length > 0) out.exceptions.regions = [...d.exceptions.regions];
    if (d.exceptions.categories.length > 0) out.exceptions.categories = [...d.exceptions.categories];
  }
  return out;
}

function inForce(p: { from: string; to: string | null }, on: string): boolean {
  return p.from <= on && (p.to === null || on <= p.to);
}

const LAW_AGREEMENT_KINDS: ReadonlySet<string> = new Set(AGREEMENT_KINDS);

/**
 * A mechanism as the law engine's agreement, or null when the engine does not reason on it: another
 * kind, planned (no first day), no Member State taking part (UK–Rwanda), or no partnership found.
 */
export function lawAgreement(m: Mechanism, partnership: Partnership | undefined): LawAgreement | null {
  if (!LAW_AGREEMENT_KINDS.has(m.kind) || m.from === null || m.memberStates.length === 0 || !partnership) return null;
  const out: LawAgreement = {
    id: m.code, kind: m.kind as LawAgreement['kind'], partner: m.partner, memberStates: [...m.memberStates], from: m.from, to: m.to, source: m.sources[0]!.url,
  };
  if (partnership.legallyBinding !== null) out.legallyBinding = partnership.legallyBinding;
  if (partnership.monitoring.body !== null && partnership.monitoring.independent !== null) out.independentMonitoring = partnership.monitoring.independent;
  return out;
}

function lawCrisis(a: CrisisAuthorisation): LawCrisis {
  return { memberState: a.memberState, kind: a.kind, from: a.from, to: a.to, derogations: [...a.derogations] };
}

export interface LawSnapshotInput {
  revision: number;
  designations: Designation[];
  readmission: Readmission[];
  countries: Country[];
  partnerships?: Partnership[];
  mechanisms?: Mechanism[];
  crisisAuthorisations?: CrisisAuthorisation[];
  includeUnverified?: boolean;
}

/** Builds the snapshot from the records (pure; exported for tests). */
export function buildLawSnapshot(input: LawSnapshotInput): LawSnapshot {
  const keep = <T extends { verified: boolean }>(x: T) => input.includeUnverified === true || x.verified;
  const partnerships = new Map((input.partnerships ?? []).filter(keep).map((p) => [p.code, p]));
  const agreements = (input.mechanisms ?? []).filter(keep)
    .map((m) => lawAgreement(m, partnerships.get(m.partnership)))
    .filter((a): a is LawAgreement => a !== null)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const crises = (input.crisisAuthorisations ?? []).filter(keep).map(lawCrisis);
  const designations = input.designations.filter(keep).map((d) => ({ source: d, law: lawDesignation(d), periods: applicablePeriods(d) }));
  const readmission = input.readmission.filter(keep);
  const countries = input.countries;
  return {
    revision: input.revision,
    readAt: new Date().toISOString(),
    contextOn(on, options = {}) {
      const own = designations.filter(({ source }) => source.appliesTo === null
        || (options.nationality !== undefined && source.appliesTo.nationalities.includes(options.nationality)));
      const current = readmission.filter((r) => inForce(r, on));
      const entries: LawReadmission[] = [];
      const national = new Set(current.filter((r) => r.memberState !== null).map((r) => `${r.country}<${r.memberState}`));
      for (const r of current) {
        const evidence = r.evidence[0]!.url;
        if (r.memberState !== null) {
          entries.push({ country: r.country, from: r.memberState, status: r.status, since: r.from, source: evidence });
        } else {
          for (const ms of MEMBER_STATE_CODES) {
            if (ms !== r.country && !national.has(`${r.country}<${ms}`)) entries.push({ country: r.country, from: ms, status: r.status, since: r.from, source: evidence });
          }
        }
      }
      return {
        designations: own.map(({ law }) => ({
          ...law, ...(law.exceptions ? { exceptions: { ...law.exceptions } } : {}), ...(law.suspensions ? { suspensions: law.suspensions.map((x) => ({ ...x })) } : {}),
        })),
        readmission: entries,
        agreements: agreements.filter((a) => inForce({ from: a.from, to: a.to ?? null }, on)).map((a) => ({ ...a, memberStates: [...a.memberStates!] })),
        crisisAuthorisations: crises.map((c) => ({ ...c, derogations: [...c.derogations] })),
      };
    },
    candidatesOn: (on) => countries.filter((c) => holdsOn(c.candidate, on)).map((c) => c.code).sort(),
    euSafeCountriesOfOriginOn: (on) => [...new Set(designations
      .filter(({ law, periods }) => law.level === 'eu' && law.kind === 'safe-country-of-origin' && periods.some((p) => inForce(p, on)))
      .map(({ law }) => law.country))].sort(),
  };
}

/**
 * Events on the registries' chain that change no registry fact: the 1:1 ledgers' counts
 * (`swap-ledger/record-return.ts`, `record-resettlement.ts`), whose events name the entity type
 * `swap-ledger`. Any other event may be a registry write and makes the snapshot be read anew.
 */
export const NON_REGISTRY_ENTITY_TYPES: readonly string[] = ['swap-ledger'];

interface CachedSnapshot {
  includeUnverified: boolean;
  snapshot: LawSnapshot;
  /** The chain's head up to which every event is known to leave the snapshot as it is. */
  checkedThrough: number;
}

const cache = new WeakMap<Db, CachedSnapshot>();

/** How many times this process read the registries for a snapshot, per database (tests). */
const reads = new WeakMap<Db, number>();

/** How many times the snapshot of `db` was read from the registries (not from the cache) in this process. */
export function lawSnapshotReads(db: Db): number {
  return reads.get(db) ?? 0;
}

/**
 * The current snapshot: the cached one while no registry write committed since it was read, else read anew.
 * @example const snapshot = await loadLawSnapshot({ db: storage.db }); assess({ facts: { ...facts, context: { ...snapshot.contextOn(on), ...facts.context } }, on });
 */
export async function loadLawSnapshot({ db, includeUnverified = false }: LoadLawSnapshotOptions): Promise<LawSnapshot> {
  return inTenant(db, { tenantId: REGISTRY_CHAIN }, async (tx) => {
    const readHead = async () => Number((await tx.selectFrom('audit_heads').select('seq').where('tenant_id', '=', REGISTRY_CHAIN).executeTakeFirst())?.seq ?? 0);
    /** The last event up to `through` that is not a ledger event (a backward read of the chain's key). */
    const lastRegistryEvent = async (through: number) => Number((await tx.selectFrom('audit_events').select('seq')
      .where('tenant_id', '=', REGISTRY_CHAIN).where('seq', '<=', String(through)).where('entity_type', 'not in', NON_REGISTRY_ENTITY_TYPES)
      .orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ?? 0);
    /** Whether an event after `from` and up to `through` is not a ledger event (a range read of the chain's key, new events only). */
    const registryEventBetween = async (from: number, through: number) => (await tx.selectFrom('audit_events').select('seq')
      .where('tenant_id', '=', REGISTRY_CHAIN).where('seq', '>', String(from)).where('seq', '<=', String(through)).where('entity_type', 'not in', NON_REGISTRY_ENTITY_TYPES)
      .limit(1).executeTakeFirst()) !== undefined;
    let head = await readHead();
    const cached = cache.get(db);
    if (cached && cached.includeUnverified === includeUnverified) {
      if (cached.checkedThrough === head) return cached.snapshot;
      // The head moved: a registry write, or only ledger counts? The events are read up to the head
      // read, so a write committing meanwhile is seen on the next call.
      if (head > cached.checkedThrough && !(await registryEventBetween(cached.checkedThrough, head))) {
        cached.checkedThrough = head;
        return cached.snapshot;
      }
    }
    for (let attempt = 0; ; attempt++) {
      const rows = await tx.selectFrom('registry_records').selectAll()
        .where('kind', 'in', [countryKind.name, designationKind.name, readmissionKind.name, partnershipKind.name, mechanismKind.name, crisisAuthorisationKind.name]).execute();
      // Registry writes move the head when they commit: the same head before and after the read means
      // the records read are those of that head.
      const after = await readHead();
      if (after !== head && attempt < 3) { head = after; continue; }
      reads.set(db, (reads.get(db) ?? 0) + 1);
      const records = rows.map((row) => recordFromRow(row));
      const snapshot = buildLawSnapshot({
        revision: await lastRegistryEvent(after),
        countries: records.filter((r) => r.kind === countryKind.name).map((r) => r.data as unknown as Country),
        designations: records.filter((r) => r.kind === designationKind.name).map((r) => r.data as unknown as Designation),
        readmission: records.filter((r) => r.kind === readmissionKind.name).map((r) => r.data as unknown as Readmission),
        partnerships: records.filter((r) => r.kind === partnershipKind.name).map((r) => r.data as unknown as Partnership),
        mechanisms: records.filter((r) => r.kind === mechanismKind.name).map((r) => r.data as unknown as Mechanism),
        crisisAuthorisations: records.filter((r) => r.kind === crisisAuthorisationKind.name).map((r) => r.data as unknown as CrisisAuthorisation),
        includeUnverified,
      });
      cache.set(db, { includeUnverified, snapshot, checkedThrough: after });
      return snapshot;
    }
  });
}
