/**
 * @module domain/persons/person
 * Personal data, kept apart from cases and events. The fields are the minimum the procedures need
 * (issue 5): names and aliases, nationality, birth date or an assessed age with its method, sex,
 * languages, vulnerabilities and special needs, security markers. Anything else belongs to a
 * national system, not here. The person's id is pseudonymous: it carries no data, and cases and
 * events name the person only by it.
 */
import type { Selectable } from 'kysely';
import { VULNERABILITIES } from '../../../law/facts.ts';
import type { PersonRow } from '../../storage/schema.ts';

export { VULNERABILITIES };
export type Vulnerability = (typeof VULNERABILITIES)[number];

/** How an age was assessed when no reliable birth date is known (APR Art. 25; EUAA Practical Guide on age assessment, 2018). */
export const AGE_METHODS = ['documents', 'declaration', 'interview', 'visual', 'medical', 'multidisciplinary'] as const;
export type AgeMethod = (typeof AGE_METHODS)[number];

/**
 * Markers of a security concern. `national-security` and `public-order` are the "reasonable grounds"
 * of APR Art. 42(1)(f) and Art. 53(2) that the law engine reads as `securityRisk`; the others are
 * recorded for the caseworker only.
 */
export const SECURITY_MARKER_KINDS = ['national-security', 'public-order', 'sis-alert', 'other'] as const;
export type SecurityMarkerKind = (typeof SECURITY_MARKER_KINDS)[number];

export const ALIAS_KINDS = ['alias', 'spelling', 'previous', 'merged'] as const;

export interface PersonAlias {
  givenNames?: string | null;
  familyName: string;
  /** `merged`: the names of a duplicate record merged into this one. */
  kind?: (typeof ALIAS_KINDS)[number];
}

export interface AssessedAge {
  /** Age in whole years on `on`. */
  years: number;
  on: string;
  method: AgeMethod;
}

export interface SecurityMarker {
  kind: SecurityMarkerKind;
  since: string;
  /** Who reported it (an authority, a database), never the content of an alert. */
  source?: string | null;
}

export interface PersonData {
  givenNames: string;
  familyName: string;
  aliases?: PersonAlias[];
  /** ISO date, when known. */
  birthDate?: string | null;
  /** When no birth date is established. */
  assessedAge?: AssessedAge | null;
  sex?: 'M' | 'F' | 'X' | null;
  /** ISO 3166-1 alpha-2; `XX` for stateless. */
  nationality: string;
  /** Stateless persons only: the country of former habitual residence. */
  formerHabitualResidence?: string | null;
  /** Free text, matched against the territorial exceptions of a designation. */
  regionOfOrigin?: string | null;
  /** ISO 639 codes of the languages the person speaks. */
  languages?: string[];
  /** Recorded after an assessment; missing means not known. */
  unaccompaniedMinor?: boolean | null;
  /** An empty list means "assessed: none"; missing means not known. */
  vulnerabilities?: Vulnerability[];
  /** Special reception or procedural needs, in words (APR Art. 20–23; RCD 2024/1346 Art. 24–25). */
  specialNeeds?: string[];
  /** An empty list means "checked: none"; missing means not known. */
  securityMarkers?: SecurityMarker[];
}

export interface Person {
  id: string;
  tenantId: string;
  recordType: string;
  /** `null` once erased. */
  data: PersonData | null;
  createdAt: string;
  retainUntil: string | null;
  erasedAt: string | null;
  version: number;
  /** Set when this record was a duplicate merged into another: the person it points to. */
  mergedInto: string | null;
  mergedAt: string | null;
}

export function personFromRow(row: Selectable<PersonRow>): Person {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    recordType: row.record_type,
    data: (row.data as unknown as PersonData | null) ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    retainUntil: row.retain_until,
    erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
    version: row.version ?? 1,
    mergedInto: row.merged_into ?? null,
    mergedAt: row.merged_at ? new Date(row.merged_at).toISOString() : null,
  };
}

/**
 * Every name of a person on one line, in the order the search keys are built from (given and family
 * names, then each alias), as `persons_search_keys()` in migration 0020 joins them.
 */
export function namesLine(data: Pick<PersonData, 'givenNames' | 'familyName' | 'aliases'>): string {
  const aliases = (data.aliases ?? []).map((a) => [a.givenNames, a.familyName].filter(Boolean).join(' '));
  return [data.givenNames, data.familyName, ...aliases].filter((part) => part !== '').join(' ');
}
