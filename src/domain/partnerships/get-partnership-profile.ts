/**
 * @module domain/partnerships/get-partnership-profile
 * A partnership and everything that hangs on it, in one read: the mechanisms it sets up, their
 * facilities, the funding to any of them, the joint messages and outreach events about it — the
 * country ↔ agreement ↔ mechanism ↔ facility ↔ funding links of issue 4, followed through the `refs`
 * index (each record names what it belongs to).
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { getRegistryRecord } from '../registries/get-record.ts';
import type { RegistryKind } from '../registries/kind.ts';
import { listRelatedRecords } from '../registries/list-related-records.ts';
import type { RegistryRecord } from '../registries/record.ts';
import { facilityKind } from '../facilities/facility.ts';
import { fundingKind } from '../funding/funding-line.ts';
import { mechanismKind } from '../mechanisms/mechanism.ts';
import { jointMessageKind } from '../outreach/joint-message.ts';
import { outreachEventKind } from '../outreach/outreach-event.ts';
import { partnershipKind, type Partnership } from './partnership.ts';

export interface PartnershipProfile {
  partnership: RegistryRecord<Partnership>;
  /** Related records by kind, in key order (kinds the actor may not read are left out). */
  related: Map<RegistryKind<any>, RegistryRecord[]>;
}

export interface GetPartnershipProfileOptions {
  tx: Tx;
  actor: Actor;
  /** The partnership's id or code. */
  idOrKey: string;
}

/** Records of `kinds` naming any of `refs`, merged into `into` without repeats. */
async function gather(tx: Tx, actor: Actor, kinds: RegistryKind<any>[], refs: string[], into: Map<RegistryKind<any>, RegistryRecord[]>): Promise<void> {
  for (const ref of refs) {
    for (const [kind, records] of await listRelatedRecords({ tx, actor, kinds, ref })) {
      const list = into.get(kind) ?? [];
      for (const r of records) if (!list.some((x) => x.id === r.id)) list.push(r);
      into.set(kind, list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    }
  }
}

/**
 * @throws DomainError NOT_FOUND when no partnership has that id or code.
 * @example const { partnership, related } = await getPartnershipProfile({ tx, actor, idOrKey: 'it-al-protocol' });
 */
export async function getPartnershipProfile({ tx, actor, idOrKey }: GetPartnershipProfileOptions): Promise<PartnershipProfile> {
  const partnership = await getRegistryRecord<Partnership>({ tx, actor, kind: partnershipKind, idOrKey });
  const related = new Map<RegistryKind<any>, RegistryRecord[]>();
  await gather(tx, actor, [mechanismKind, fundingKind, jointMessageKind, outreachEventKind], [`partnership:${partnership.key}`], related);
  const mechanisms = related.get(mechanismKind) ?? [];
  await gather(tx, actor, [facilityKind, fundingKind], mechanisms.map((m) => `mechanism:${m.key}`), related);
  await gather(tx, actor, [fundingKind], (related.get(facilityKind) ?? []).map((f) => `facility:${f.key}`), related);
  return { partnership, related };
}
