/**
 * @module domain/facilities/facility
 * Facilities (centres) of the mechanisms: where they are (coordinates), who operates them, whose law
 * applies inside (Italy's, for the centres in Albania under the Protocol), their capacity over time
 * and their occupancy.
 *
 * Capacity is a dated series per section of the facility (Gjadër: an asylum-detention section, a
 * pre-removal detention section): entries of one section follow each other without overlapping, and
 * the capacity on a date is the sum of the sections' entries covering it. Occupancy is a list of
 * observations (persons on a day): reported ones now, and those case processing will record
 * (`via: 'case-processing'`) once transfers are booked against the facility.
 *
 * A facility belongs to the tenant that keeps its mechanisms (`owner`, checked against them).
 */
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { defineRegistryKind, fieldEquals, type FieldIssue } from '../registries/kind.ts';
import { safeText, ZCode, ZCountryCode, ZDate, ZNote, ZSource, ZSources, ZTenantCode, ZUnverified, ZVerified } from '../registries/fields.ts';
import type { Mechanism } from '../mechanisms/mechanism.ts';

const ZCapacityEntry = z.strictObject({
  section: safeText().trim().min(1).max(100).default('whole').describe('The part of the facility (whole, asylum-detention, pre-removal-detention …)'),
  from: ZDate.describe('First day of this capacity'),
  to: ZDate.nullable().default(null).describe('Last day, or null while it lasts'),
  places: z.number().int().nonnegative().max(1_000_000).describe('Places at a time'),
  note: safeText().trim().min(1).max(1000).nullable().default(null),
  source: ZSource.nullable().default(null),
  verified: ZVerified,
});

const ZOccupancy = z.strictObject({
  on: ZDate,
  persons: z.number().int().nonnegative().max(1_000_000),
  via: z.enum(['reported', 'case-processing']).describe('reported (a public figure) or case-processing (Waypoint\'s own transfers)'),
  source: ZSource.nullable().default(null),
});

export const ZFacilityFields = z.strictObject({
  code: ZCode.describe('The facility\'s code (its key): al-gjader'),
  name: safeText().trim().min(2).max(300),
  mechanisms: z.array(ZCode).min(1).max(20).describe('The mechanisms it serves (their codes)'),
  location: z.strictObject({
    lat: z.number().min(-90).max(90).describe('Latitude, WGS 84 decimal degrees'),
    lon: z.number().min(-180).max(180).describe('Longitude, WGS 84 decimal degrees'),
    place: safeText().trim().min(2).max(200).describe('Town or site'),
    country: ZCountryCode.describe('The country it stands in'),
  }),
  jurisdiction: ZCountryCode.describe('Whose law applies inside (Italy for the centres in Albania)'),
  operator: safeText().trim().min(2).max(300),
  capacity: z.array(ZCapacityEntry).max(200).default([]).describe('Capacity over time, per section'),
  occupancy: z.array(ZOccupancy).max(5000).default([]).describe('Persons present on a day: reported, or recorded by case processing'),
  sources: ZSources,
  owner: ZTenantCode.describe('The tenant that keeps its mechanisms'),
  verified: ZVerified,
  unverified: ZUnverified,
  note: ZNote,
});

export type Facility = z.output<typeof ZFacilityFields>;

function covers(entry: { from: string; to: string | null }, on: string): boolean {
  return entry.from <= on && (entry.to === null || on <= entry.to);
}

function facilityIssues(f: Facility): FieldIssue[] {
  const issues: FieldIssue[] = [];
  f.capacity.forEach((c, i) => {
    if (c.to !== null && c.to < c.from) issues.push({ path: `capacity.${i}.to`, message: `${c.to} is before from (${c.from})` });
    f.capacity.forEach((other, j) => {
      if (j <= i || other.section !== c.section) return;
      const overlap = c.from <= (other.to ?? '9999-12-31') && other.from <= (c.to ?? '9999-12-31');
      if (overlap) issues.push({ path: `capacity.${j}.from`, message: `section ${c.section}: overlaps the entry from ${c.from}; end that one the day before` });
    });
  });
  const seen = new Set<string>();
  f.occupancy.forEach((o, i) => {
    const key = `${o.on}:${o.via}`;
    if (seen.has(key)) issues.push({ path: `occupancy.${i}.on`, message: `a ${o.via} figure for ${o.on} is already recorded` });
    seen.add(key);
  });
  if (new Set(f.mechanisms).size !== f.mechanisms.length) issues.push({ path: 'mechanisms', message: 'a mechanism is listed twice' });
  return issues;
}

/**
 * Places on `on`: the sum of each section's entry covering the day; null when no entry covers it.
 * @example capacityOn(gjader, '2025-05-01') // { places: 440, sections: [{ section: 'asylum-detention', places: 400 }, { section: 'pre-removal-detention', places: 40 }] }
 */
export function capacityOn(f: Pick<Facility, 'capacity'>, on: string): { places: number | null; sections: Array<{ section: string; places: number; verified: boolean }> } {
  const sections = f.capacity.filter((c) => covers(c, on)).map((c) => ({ section: c.section, places: c.places, verified: c.verified }));
  return { places: sections.length ? sections.reduce((sum, s) => sum + s.places, 0) : null, sections };
}

/** The latest occupancy figure on or before `on` (case processing's over a report of the same day). */
export function occupancyOn(f: Pick<Facility, 'occupancy'>, on: string): Facility['occupancy'][number] | null {
  let best: Facility['occupancy'][number] | null = null;
  for (const o of f.occupancy) {
    if (o.on > on) continue;
    if (!best || o.on > best.on || (o.on === best.on && o.via === 'case-processing')) best = o;
  }
  return best;
}

export const facilityKind = defineRegistryKind<Facility>({
  name: 'facility',
  plural: 'facilities',
  title: 'Facilities',
  description: 'Centres of the mechanisms: location, operator, jurisdiction, capacity over time (per section) and occupancy',
  resource: 'facility',
  fields: ZFacilityFields,
  refine: facilityIssues,
  keyOf: (f) => f.code,
  ownerOf: (f) => f.owner,
  labelOf: (f) => `${f.name} (${f.location.place}, ${f.location.country})`,
  searchTermsOf: (f) => [f.code, f.name, f.location.place, f.location.country, f.jurisdiction, f.operator, ...f.mechanisms, f.note ?? ''],
  refsOf: (f) => [...f.mechanisms.map((m) => `mechanism:${m}`), ...new Set([f.location.country, f.jurisdiction].map((c) => `country:${c}`))],
  linksOf: (f) => f.mechanisms.map((code, i) => ({
    path: `mechanisms.${i}`, kind: 'mechanism', key: code,
    check: (m: Mechanism) => (m.owner === f.owner ? null : `the mechanism ${code} is kept by ${m.owner}: so is its facility (owner ${f.owner})`),
  })),
  validityOf: (f) => ({
    from: f.capacity.length ? f.capacity.map((c) => c.from).sort()[0]! : null,
    to: f.capacity.length && f.capacity.every((c) => c.to !== null) ? f.capacity.map((c) => c.to!).sort().at(-1)! : null,
  }),
  stateOf: (f, on) => {
    const { places } = capacityOn(f, on);
    if (places !== null) return 'open';
    return f.capacity.some((c) => c.from > on) ? 'not-yet' : f.capacity.length ? 'closed' : 'no-capacity-recorded';
  },
  summaryOn: (f, on) => {
    const capacity = capacityOn(f, on);
    const occupancy = occupancyOn(f, on);
    return {
      capacity: capacity.places,
      sections: capacity.sections,
      occupancy: occupancy ? { on: occupancy.on, persons: occupancy.persons, via: occupancy.via } : null,
      overCapacity: occupancy !== null && capacity.places !== null && occupancy.persons > capacity.places,
    };
  },
  filters: {
    country: {
      description: 'The country it stands in',
      schema: ZCountryCode,
      where: (value) => sql<SqlBool>`data -> 'location' ->> 'country' = ${value}`,
    },
    jurisdiction: fieldEquals('jurisdiction', ZCountryCode, 'Whose law applies inside'),
    mechanism: {
      description: 'Facilities of a mechanism (its code)',
      schema: ZCode,
      where: (value) => sql<SqlBool>`(data -> 'mechanisms') @> jsonb_build_array(${value}::text)`,
    },
  },
  example: {
    code: 'example-uy-centre', name: 'Example centre (illustration only)', mechanisms: ['example-es-uy-legal-pathway'],
    location: { lat: -34.9, lon: -56.16, place: 'Montevideo', country: 'UY' }, jurisdiction: 'UY', operator: 'Example operator',
    capacity: [{ section: 'whole', from: '2031-01-01', to: null, places: 100, note: null, source: null, verified: false }], occupancy: [],
    sources: [{ title: 'Example document (illustration only)', url: 'https://example.org/facility', date: null }],
    owner: 'ES', verified: false, unverified: [], note: 'An example, not a real facility',
  },
});
