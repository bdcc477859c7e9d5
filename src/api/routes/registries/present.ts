/**
 * @module api/routes/registries/present
 * The JSON shape of a registry record: its fields, owner, label, state on a date, what it says on that
 * date (`summary`: a facility's capacity, a partnership's phase and next gate), review reminder, and
 * the actions the caller may take on it (from the permission table).
 */
import type { Actor } from '../../../domain/access/roles.ts';
import { canWrite } from '../../../domain/registries/authorize-record.ts';
import { recordState, type RegistryKind } from '../../../domain/registries/kind.ts';
import type { RegistryRecord } from '../../../domain/registries/record.ts';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function presentRecord<T extends object>(kind: RegistryKind<T>, record: RegistryRecord<T>, actor: Actor, on: string = today()) {
  const owner = kind.ownerOf(record.data);
  const reviewDue = kind.reviewDueOf?.(record.data) ?? null;
  const state = recordState(kind, record.data, on);
  return {
    id: record.id,
    kind: record.kind,
    key: record.key,
    version: record.version,
    owner,
    label: kind.labelOf(record.data),
    state,
    reviewDue,
    reviewOverdue: reviewDue !== null && reviewDue < on && state !== 'ended',
    summary: kind.summaryOn?.(record.data, on) ?? null,
    data: record.data,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
    allowed: canWrite(actor, kind, 'update', owner) ? ['update'] : [],
  };
}
