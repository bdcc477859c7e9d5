/**
 * @module domain/bulk/chain-events
 * Many audit events at once on a tenant's locked chain head: each hashed onto the one before exactly
 * by `audit/chain.ts`'s `hashEvent` (SHA-256 over the previous hash, a newline and the event's RFC 8785
 * JSON), so that `waypoint audit verify` recomputes the same hashes.
 */
import type { ChainHead } from '../audit/append-event.ts';
import { hashEvent, type ChainedEvent } from '../audit/chain.ts';

export interface ChainedRow {
  event: ChainedEvent;
  prevHash: string;
  hash: string;
}

/**
 * The events numbered from the head on, each linked to the one before. The head must be locked in
 * the caller's transaction (`lockHeadQuery`) until the events and the moved head commit.
 * @example const chained = chainEvents(head, [{ tenantId: 'IT', at, actorId, action: 'case.updated', … }]);
 */
export function chainEvents(head: ChainHead, events: ReadonlyArray<Omit<ChainedEvent, 'seq'>>): ChainedRow[] {
  let seq = Number(head.seq);
  let prevHash = head.hash;
  return events.map((e) => {
    const event: ChainedEvent = { ...e, seq: ++seq };
    const hash = hashEvent(prevHash, event);
    const row = { event, prevHash, hash };
    prevHash = hash;
    return row;
  });
}
