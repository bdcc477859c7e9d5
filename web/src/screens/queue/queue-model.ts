/**
 * @module web/screens/queue/queue-model
 * The logic of the caseworker's queue, apart from React: how urgent a deadline is (a level shown as
 * text and colour, never colour alone), which filters the address holds and how they become the
 * API's query (GET /api/queue takes kind, stage, unitId, assignedTo, overdue; anything else in the
 * address is dropped rather than sent to be refused), the pages walked by cursor (forward with the
 * API's `next`, back through the cursors seen), the selected rows, and the bulk-action request
 * (POST /api/case-actions) checked before it is sent.
 */
import type { Query } from '../../api/client.ts';
import { BULK_ACTIONS, CASE_FLAGS, CASE_KINDS, CASE_STAGES, type BulkActionName, type CaseFlag, type NextDeadline } from '../cases/case-types.ts';

/** How pressing a deadline is: passed, due today, within {@link SOON_DAYS} days, later, or no deadline. */
export type Urgency = 'overdue' | 'today' | 'soon' | 'later' | 'none';

/** A deadline this close is "soon" (a working week and a weekend). */
export const SOON_DAYS = 7;

/**
 * The urgency of a case's next deadline. The API's `overdue` wins over the day count (it is computed
 * on the same day), so a badge never says "0 days left" for a deadline that passed.
 * @example urgencyOf({ name: 'registration', dueOn: '2026-07-01', daysLeft: 3, overdue: false }) // 'soon'
 */
export function urgencyOf(next: NextDeadline | null): Urgency {
  if (!next) return 'none';
  if (next.overdue || next.daysLeft < 0) return 'overdue';
  if (next.daysLeft === 0) return 'today';
  return next.daysLeft <= SOON_DAYS ? 'soon' : 'later';
}

/** The badge class of each level: the colours of `styles.css`, each with its text beside it. */
export const URGENCY_CLASS: Record<Urgency, string> = {
  overdue: 'badge badge-no', today: 'badge badge-no', soon: 'badge badge-review', later: 'badge badge-yes', none: 'badge badge-uncertain',
};

export interface QueueFilters {
  kind: string;
  stage: string;
  unitId: string;
  /** '' (anyone), 'me', 'none' (unassigned) or a user id. */
  assignedTo: string;
  /** '' (all), 'true' (passed only) or 'false' (not passed). */
  overdue: string;
}

export const NO_FILTERS: QueueFilters = { kind: '', stage: '', unitId: '', assignedTo: '', overdue: '' };

const USER_OR_UNIT = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * The filters an address holds; values the API would refuse (an unknown stage, a malformed id) are
 * dropped, so a hand-edited link shows the whole queue rather than an error.
 * @example filtersFromSearch(new URLSearchParams('stage=admissibility&kind=x')) // { ...NO_FILTERS, stage: 'admissibility' }
 */
export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const pick = (name: string, allowed: readonly string[]) => {
    const value = search.get(name) ?? '';
    return allowed.includes(value) ? value : '';
  };
  const free = (name: string) => {
    const value = (search.get(name) ?? '').trim();
    return USER_OR_UNIT.test(value) ? value : '';
  };
  return {
    kind: pick('kind', CASE_KINDS), stage: pick('stage', CASE_STAGES), unitId: free('unitId'),
    assignedTo: free('assignedTo'), overdue: pick('overdue', ['true', 'false']),
  };
}

/** The address of the queue with these filters and, for a later page, the cursor it starts after. */
export function queueAddress(filters: QueueFilters, after: string | null = null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (after) params.set('after', after);
  const text = params.toString();
  return text ? `/queue?${text}` : '/queue';
}

/** The query of GET /api/queue for the filters, the page size and the cursor. */
export function queueQuery(filters: QueueFilters, after: string | null, limit: number): Query {
  return { ...filters, limit, after: after ?? undefined };
}

/**
 * Paging by cursor: the cursors of the pages before the current one (the first page has none), so
 * "previous" goes back exactly where the user came from.
 */
export interface Pages { before: Array<string | null>; current: string | null }

export const FIRST_PAGE: Pages = { before: [], current: null };

export function nextPage(pages: Pages, next: string): Pages {
  return { before: [...pages.before, pages.current], current: next };
}

export function previousPage(pages: Pages): Pages {
  if (pages.before.length === 0) return pages;
  return { before: pages.before.slice(0, -1), current: pages.before[pages.before.length - 1]! };
}

/** The page number shown to the user, from 1. */
export function pageNumber(pages: Pages): number {
  return pages.before.length + 1;
}

/** Selects or deselects one case. */
export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const copy = new Set(selected);
  if (copy.has(id)) copy.delete(id); else copy.add(id);
  return copy;
}

/** Selects every case of the page, or — when all are selected already — none of them (others stay). */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const copy = new Set(selected);
  for (const id of ids) if (all) copy.delete(id); else copy.add(id);
  return copy;
}

export interface BulkForm { action: BulkActionName; to: string; unitId: string; flag: string; reason: string }

export interface BulkRequest {
  action: BulkActionName; caseIds: string[]; reason: string; to?: string; unitId?: string; flag?: CaseFlag;
}

/** Which fields an action asks for. */
export function bulkFieldsOf(action: BulkActionName): { to: boolean; unitId: boolean; flag: boolean } {
  const assigning = action === 'assign' || action === 'reassign';
  return { to: assigning, unitId: assigning, flag: !assigning };
}

/**
 * The request of a bulk action on the selected cases, or the fields missing (by the API's path) —
 * checked here so the user is told before anything is sent; the API checks again.
 * @example bulkRequest({ action: 'flag', flag: 'priority', reason: 'triage', to: '', unitId: '' }, ['…']) // { ok: true, request: { action: 'flag', … } }
 */
export function bulkRequest(form: BulkForm, caseIds: readonly string[]): { ok: true; request: BulkRequest } | { ok: false; missing: string[] } {
  const fields = bulkFieldsOf(form.action);
  const missing: string[] = [];
  if (!BULK_ACTIONS.includes(form.action)) missing.push('action');
  if (caseIds.length === 0) missing.push('caseIds');
  if (fields.to && !form.to.trim()) missing.push('to');
  if (fields.flag && !(CASE_FLAGS as readonly string[]).includes(form.flag)) missing.push('flag');
  if (form.reason.trim().length === 0) missing.push('reason');
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    request: {
      action: form.action, caseIds: [...caseIds], reason: form.reason.trim(),
      ...(fields.to ? { to: form.to.trim() } : {}),
      ...(fields.unitId && form.unitId.trim() ? { unitId: form.unitId.trim() } : {}),
      ...(fields.flag ? { flag: form.flag as CaseFlag } : {}),
    },
  };
}
