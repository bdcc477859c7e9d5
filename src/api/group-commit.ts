/**
 * @module api/group-commit
 * Group commit for writes that come in bursts in one tenant — a landing registered at a hotspot,
 * a caseload imported screen by screen. While one batch of a tenant's writes is being written, the
 * tenant's next requests wait; when it commits, they are written together, in one transaction in that
 * tenant, by a batch operation that does in a few statements what each request would do in as many
 * (one lock of the tenant's audit chain, one statement per table, one commit). A request arriving
 * when nothing of its tenant is being written goes at once, alone: no request waits for company.
 *
 * What each request gets is what {@link runWrite} would give it: its own audit event, its own answer,
 * its own refusal (an item refused by the batch operation writes nothing and does not stop the
 * others), and `Idempotency-Key` replay, stored in the same transaction as the effect. Tenants never
 * share a transaction, so row-level security confines each batch to its tenant as it confines one
 * request. When the transaction itself fails (the database, not an item), every request of the batch
 * is tried again alone, so that a failure is only ever reported to the request that caused it.
 */
import type { Actor } from '../domain/access/roles.ts';
import { DomainError } from '../domain/errors.ts';
import { inTenant, type Db, type Tx } from '../storage/transaction.ts';
import { storedResponse, storeResponses, UNIQUE_VIOLATION, type Idempotency, type WriteOutcome, type WriteResult } from './write.ts';

/** One request's part in a batch. */
export interface BatchRequest<I> {
  actor: Actor;
  input: I;
  requestId: string | null;
  idempotency: Idempotency | null;
}

/**
 * The batch operation: every request's result, or its refusal, in order. It throws only for what is
 * not one request's doing (the transaction then rolls back, and each request is retried alone).
 */
export type BatchWork<I> = (tx: Tx, tenantId: string, requests: ReadonlyArray<BatchRequest<I>>) => Promise<Array<WriteResult | DomainError>>;

interface Waiting<I> extends BatchRequest<I> {
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<I> {
  db: Db;
  work: BatchWork<I>;
  /** Most requests written in one transaction; 1 writes each alone. */
  maxBatch: number;
  /** Told the size of every batch committed (for metrics). */
  onBatch?: (size: number) => void;
  /**
   * Requests with the same key are never in one batch: the later waits for the next, so that it sees
   * what the earlier wrote, as it would have one request after the other.
   */
  conflictKey?: (input: I) => string | null;
}

export class GroupCommit<I> {
  private readonly queues = new Map<string, Array<Waiting<I>>>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(private readonly options: GroupCommitOptions<I>) {}

  /**
   * Writes one request, with whatever else of its tenant is waiting, and resolves with its outcome
   * once its transaction has committed.
   * @throws DomainError the request's own refusal; or the error of its own transaction.
   */
  submit(request: BatchRequest<I>): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      const tenantId = request.actor.tenantId;
      const queue = this.queues.get(tenantId);
      if (queue) queue.push({ ...request, resolve, reject });
      else this.queues.set(tenantId, [{ ...request, resolve, reject }]);
      if (!this.writing.has(tenantId)) {
        // Start after the requests already read from other sockets in this turn of the event loop
        // have been queued too (setImmediate runs after I/O callbacks): they go in the same batch.
        const run = new Promise<void>((done) => setImmediate(() => { void this.drain(tenantId).finally(done); }));
        this.writing.set(tenantId, run);
      }
    });
  }

  /** Resolves when every request submitted so far has been answered. */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.all([...this.writing.values()]);
  }

  private async drain(tenantId: string): Promise<void> {
    try {
      for (;;) {
        const batch = this.take(tenantId);
        if (batch.length === 0) return;
        if (batch.length === 1) await this.writeAlone(tenantId, batch[0]!);
        else await this.writeBatch(tenantId, batch);
      }
    } finally {
      // Nothing awaits between the empty take and this: a request submitted from now on starts a drain.
      this.writing.delete(tenantId);
    }
  }

  /**
   * The next batch: waiting requests in arrival order, up to the limit. A request repeating the
   * `Idempotency-Key` of one already taken waits for the next batch, so that it finds the stored answer;
   * so does one in conflict with one already taken (`conflictKey`).
   */
  private take(tenantId: string): Array<Waiting<I>> {
    const queue = this.queues.get(tenantId);
    if (!queue) return [];
    const batch: Array<Waiting<I>> = [];
    const rest: Array<Waiting<I>> = [];
    const keys = new Set<string>();
    for (const request of queue) {
      const key = request.idempotency ? `key\n${request.actor.id}\n${request.idempotency.key}` : null;
      const conflict = this.options.conflictKey?.(request.input) ?? null;
      if (batch.length >= this.options.maxBatch || (key !== null && keys.has(key)) || (conflict !== null && keys.has(`conflict\n${conflict}`))) {
        rest.push(request);
        continue;
      }
      if (key !== null) keys.add(key);
      if (conflict !== null) keys.add(`conflict\n${conflict}`);
      batch.push(request);
    }
    if (rest.length > 0) this.queues.set(tenantId, rest);
    else this.queues.delete(tenantId);
    return batch;
  }

  /** One transaction for the whole batch; if it fails, each request alone. */
  private async writeBatch(tenantId: string, batch: Array<Waiting<I>>): Promise<void> {
    let outcomes: Array<WriteOutcome | DomainError>;
    try {
      outcomes = await this.transaction(tenantId, batch);
    } catch {
      for (const request of batch) await this.writeAlone(tenantId, request);
      return;
    }
    this.options.onBatch?.(batch.length);
    batch.forEach((request, i) => settle(request, outcomes[i]!));
  }

  /** A request in a transaction of its own, retried once when its key's answer was stored meanwhile. */
  private async writeAlone(tenantId: string, request: Waiting<I>): Promise<void> {
    try {
      let outcomes: Array<WriteOutcome | DomainError>;
      try {
        outcomes = await this.transaction(tenantId, [request]);
      } catch (error) {
        // Two requests with one key raced (another process stored it first): the retry finds its answer.
        if (!request.idempotency || (error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        outcomes = await this.transaction(tenantId, [request]);
      }
      this.options.onBatch?.(1);
      settle(request, outcomes[0]!);
    } catch (error) {
      request.reject(error);
    }
  }

  private transaction(tenantId: string, batch: ReadonlyArray<Waiting<I>>): Promise<Array<WriteOutcome | DomainError>> {
    return inTenant(this.options.db, { tenantId }, async (tx) => {
      const outcomes: Array<WriteOutcome | DomainError> = new Array(batch.length);
      const fresh: number[] = [];
      for (const [i, request] of batch.entries()) {
        if (request.idempotency) {
          try {
            const stored = await storedResponse(tx, request.actor, request.idempotency);
            if (stored) { outcomes[i] = { result: stored, replayed: true }; continue; }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            outcomes[i] = error;
            continue;
          }
        }
        fresh.push(i);
      }
      const results = fresh.length > 0 ? await this.options.work(tx, tenantId, fresh.map((i) => batch[i]!)) : [];
      const toStore: Array<{ actor: Actor; idempotency: Idempotency; result: WriteResult }> = [];
      fresh.forEach((i, k) => {
        const result = results[k]!;
        outcomes[i] = result instanceof DomainError ? result : { result, replayed: false };
        const { actor, idempotency } = batch[i]!;
        if (idempotency && !(result instanceof DomainError)) toStore.push({ actor, idempotency, result });
      });
      await storeResponses(tx, toStore);
      return outcomes;
    });
  }
}

function settle<I>(request: Waiting<I>, outcome: WriteOutcome | DomainError): void {
  if (outcome instanceof DomainError) request.reject(outcome);
  else request.resolve(outcome);
}
