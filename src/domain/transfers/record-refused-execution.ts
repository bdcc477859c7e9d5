/**
 * @module domain/transfers/record-refused-execution
 * A refused execution of a transfer leaves a trace. When the last-moment check refuses an execution
 * (TRANSFER_BLOCKED: the non-refoulement gate — a finding no longer permitting the removal or transfer,
 * no individual assessment of the risk on record —, a family that would be separated, or the case
 * having moved on), the execution's transaction rolls back and nothing of it is written. Who tried,
 * on which day, for which persons, and which findings and citations stopped it are then recorded as
 * one `transfer.execution-refused` event on the tenant's chain, in a transaction of its own — after
 * the refused one has ended, as PGlite has one connection — and the refusal goes on to the caller as
 * it was (the API's 422 problem document is unchanged). Persons are named by id only.
 */
import type { Actor } from '../access/roles.ts';
import { appendEvent } from '../audit/append-event.ts';
import type { Refusal } from '../cases/check-transition.ts';
import { isDomainError, type DomainError } from '../errors.ts';
import { asActor, type Db } from '../../storage/transaction.ts';
import type { FindingChange } from './check-movement.ts';
import type { PersonBlock } from './execute-transfer.ts';

/** The questions of the law engine that sit behind its non-refoulement gate, as a transfer asks them. */
const NON_REFOULEMENT_QUESTIONS: ReadonlySet<string> = new Set(['removal', 'stc-inadmissibility', 'offshore-processing', 'return-hub-transfer']);

/** What stopped one person's movement, by kind: the non-refoulement gate, family unity, the procedure, or another condition. */
export type RefusalGate = 'non-refoulement' | 'family-unity' | 'procedure' | 'other';

function gateOf(item: Pick<Refusal, 'code' | 'guard' | 'question'> | FindingChange): RefusalGate {
  if ('guard' in item && item.guard === 'family-together') return 'family-unity';
  if ('guard' in item && item.guard === 'no-real-risk-on-record') return 'non-refoulement';
  if (item.question && NON_REFOULEMENT_QUESTIONS.has(item.question)) return 'non-refoulement';
  return 'other';
}

/** The gates that refused a person, each once, in a stable order. */
export function gatesOf(block: PersonBlock): RefusalGate[] {
  const gates = new Set<RefusalGate>([...block.changes.map(gateOf), ...block.refusals.map(gateOf)]);
  if (block.procedure.length > 0) gates.add('procedure');
  const order: RefusalGate[] = ['non-refoulement', 'family-unity', 'procedure', 'other'];
  return order.filter((g) => gates.has(g));
}

export interface RecordRefusedExecutionOptions {
  db: Db;
  /** Who tried to execute the transfer. */
  actor: Actor;
  /** The refusal executeTransfer threw. */
  error: DomainError;
  /** The reason the executor gave for the execution. */
  reason: string;
  requestId?: string | null;
  now?: Date;
}

/**
 * Appends the `transfer.execution-refused` event for a TRANSFER_BLOCKED refusal, in its own transaction.
 * @example await recordRefusedExecution({ db, actor, error, reason: 'boarded at 06:10' });
 */
export async function recordRefusedExecution({ db, actor, error, reason, requestId = null, now = new Date() }: RecordRefusedExecutionOptions): Promise<void> {
  const x = error.extensions as { transfer: string; reference: string; on: string; persons: PersonBlock[]; law: Record<string, unknown> };
  await asActor(db, actor, async (tx) => {
    const manifest = await tx.selectFrom('transfer_persons').select(['case_id', 'person_id'])
      .where('tenant_id', '=', actor.tenantId).where('transfer_id', '=', x.transfer).execute();
    const personOf = new Map(manifest.map((m) => [m.case_id, m.person_id]));
    const persons = x.persons.map((b) => ({
      caseId: b.caseId, personId: personOf.get(b.caseId) ?? null, gates: gatesOf(b),
      ...(b.changes.length ? { changes: b.changes.map((c) => ({ question: c.question, ...(c.country ? { country: c.country } : {}), ...(c.agreement ? { agreement: c.agreement } : {}), planned: c.planned, now: c.now, basis: c.basis, because: c.because })) } : {}),
      ...(b.refusals.length ? { refusals: b.refusals.map((r) => ({
        code: r.code, ...(r.guard ? { guard: r.guard } : {}), ...(r.question ? { question: r.question } : {}), ...(r.country ? { country: r.country } : {}),
        ...(r.agreement ? { agreement: r.agreement } : {}), ...(r.outcome ? { outcome: r.outcome } : {}), message: r.message, basis: r.basis, because: r.because,
      })) } : {}),
      ...(b.procedure.length ? { procedure: b.procedure } : {}),
    }));
    await appendEvent({
      tx, tenantId: actor.tenantId, actorId: actor.id, action: 'transfer.execution-refused', entityType: 'transfer', entityId: x.transfer,
      reason, requestId, at: now,
      legalBasis: [...new Set(x.persons.flatMap((b) => [...b.changes.flatMap((c) => c.basis), ...b.refusals.flatMap((r) => r.basis)]))],
      data: { reference: x.reference, on: x.on, refusal: error.message, persons, law: x.law },
    });
  });
}

/**
 * Runs an execution (`run`: its whole transaction) and, when it is refused with TRANSFER_BLOCKED,
 * records the refusal before handing it on unchanged. Any other outcome passes through as it is.
 * @example return recordingRefusal({ db, actor, reason: body.reason, requestId }, () => runWrite(c, body, (tx) => executeTransfer({ tx, … })));
 */
export async function recordingRefusal<T>(options: Omit<RecordRefusedExecutionOptions, 'error'>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error, 'TRANSFER_BLOCKED')) await recordRefusedExecution({ ...options, error });
    throw error;
  }
}
