/**
 * @module domain/simulations/simulation-runner
 * Runs recorded simulations in the background of the server process, one at a time (a study already
 * uses every worker thread it is given): reads the history from the statistics folder (in a worker
 * thread), the registry facts of the scenario's first day, runs the study with its Monte Carlo runs in
 * worker threads so that the server keeps answering, writes the progress at most once a second, and
 * stores the summary — or the error — with an audit event. It writes only to `simulations`.
 *
 * **Claims and leases** (migration 0032). A run is claimed by one atomic update (queued → running)
 * that also writes a lease: `claimed_by` (this runner's {@link SimulationRunner.instanceId}, chosen when
 * the process starts), `lease_until` (the database's `now()` plus the lease, 60 s by default) and one
 * more `attempts`. While it runs, the runner moves the lease forward with every progress write and at
 * least every third of the lease; every write is conditioned on still holding the claim (same
 * instance, same attempt, still running), so a runner that lost its run stops (its study is aborted)
 * and writes nothing — neither results nor an error. A live run is therefore never taken over: its
 * owner keeps its lease ahead of the clock.
 *
 * A `running` simulation whose lease has passed was left by a process that stopped. It is taken over —
 * at start (`resume()`) and by a sweep every half-lease while this runner is idle (an unref'd timer,
 * stopped by `close()`) — by one update that succeeds only if the row is still as the sweep saw it
 * (running, lease passed, same attempt): of two runners racing for it, exactly one wins. The takeover
 * writes `simulation.resumed` (the previous claimant, the attempt) in the same transaction and runs it
 * again from the start: a simulation is determined by its seed, so the numbers are the same. A
 * simulation already claimed {@link MAX_ATTEMPTS} times is not run again but failed, with
 * `simulation.failed` saying so. `close()` aborts the running simulation and releases its lease (it
 * passes at once), so that another instance, or this one after a restart, takes it over; it forgets the
 * queue, whose rows stay queued for the next `resume()`.
 *
 * The sweep reads every tenant's unfinished simulations in one read-only transaction as `waypoint_app`
 * with those tenants visible (row-level security still applies); each claim and its event are written
 * in a transaction confined to the simulation's tenant, as every write is.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { sql, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import { loadHistory } from '../../simulation/history/load-history.ts';
import type { Scenario } from '../../simulation/scenario/schema.ts';
import { DEFAULT_PERIOD } from '../../simulation/scenario/schema.ts';
import { runStudy } from '../../simulation/study.ts';
import type { SimulationRow } from '../../storage/schema.ts';
import { inTenant, type Db, type Tx } from '../../storage/transaction.ts';
import { appendEvent } from '../audit/append-event.ts';
import { simulationRegistry } from './registry-input.ts';

const ACTOR = 'system:simulator';
const PROGRESS_EVERY_MS = 1000;
/** How long a claim holds without being renewed, unless the runner is given another length. */
export const LEASE_MS = 60_000;
/** Claims of one simulation (the first and the takeovers) before it is failed rather than run again. */
export const MAX_ATTEMPTS = 3;

export interface SimulationRunnerOptions {
  db: Db;
  /** The statistics folder the history is read from (WAYPOINT_STATS_DIR); null: none configured. */
  statsDir: string | null;
  logger: Logger;
  /** Worker threads for a study (default: the machine's cores less one, at least one). */
  threads?: number;
  /** This runner's name in `claimed_by` (default: host, process id and a random suffix). */
  instanceId?: string;
  /** How long a claim holds without renewal, in milliseconds (default {@link LEASE_MS}); renewed every third of it. */
  leaseMs?: number;
  /** How often an idle runner looks for runs whose lease has passed (default: half the lease). */
  takeoverEveryMs?: number;
  /** Default {@link MAX_ATTEMPTS}. */
  maxAttempts?: number;
}

interface Job {
  tenantId: string;
  id: string;
}

/** A run whose lease had passed, with the attempt seen: taken over only if it is still that attempt. */
interface Takeover extends Job {
  previous: { claimedBy: string | null; attempts: number };
}

/** What this runner holds while it runs a simulation: the row and attempt its writes are conditioned on. */
interface Held extends Job {
  attempt: number;
}

/** The abort reason when this runner no longer holds the run (another instance took it over). */
class LeaseLost extends Error {}

/** The abort reason of `close()`. */
class Stopped extends Error {}

export class SimulationRunner {
  /** The name this runner's claims carry (`simulations.claimed_by`). */
  readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly takeoverEveryMs: number;
  private readonly maxAttempts: number;
  private readonly queue: (Job | Takeover)[] = [];
  private readonly known = new Set<string>();
  private running: { job: Job; abort: AbortController; done: Promise<void> } | null = null;
  private sweeping: Promise<unknown> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private tenantIds: readonly string[] = [];
  private closed = false;

  constructor(private readonly options: SimulationRunnerOptions) {
    this.instanceId = options.instanceId ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.takeoverEveryMs = options.takeoverEveryMs ?? this.leaseMs / 2;
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  }

  /** Queues a recorded simulation (once; a repeated id is ignored). */
  start(job: Job): void {
    if (this.closed || this.known.has(job.id)) return;
    this.known.add(job.id);
    this.queue.push(job);
    this.next();
  }

  /**
   * Queues every simulation of these tenants recorded as queued — those accepted before a restart —
   * and every running one whose lease has passed (to take over), oldest first, read in one query;
   * then looks for runs to take over every `takeoverEveryMs` while idle. Returns how many were queued.
   */
  async resume(tenantIds: readonly string[]): Promise<number> {
    this.tenantIds = [...tenantIds];
    const queued = await this.sweep(this.find(true));
    if (queued > 0) this.options.logger.info({ simulations: queued }, 'queued and abandoned simulations resumed');
    if (!this.timer && !this.closed) {
      this.timer = setInterval(() => {
        if (!this.sweeping && !this.running && this.queue.length === 0) void this.takeOverExpired().catch((err) => this.options.logger.error({ err }, 'simulation takeover sweep failed'));
      }, this.takeoverEveryMs);
      // The sweep alone does not keep the process alive.
      this.timer.unref();
    }
    return queued;
  }

  /**
   * Queues, to take over, every running simulation (of the tenants given to `resume`) whose lease has
   * passed; the timer calls it. Returns how many were queued.
   */
  takeOverExpired(): Promise<number> {
    return this.sweep(this.find(false));
  }

  /** Resolves when nothing is being looked for, queued or running (tests wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.sweeping) await this.sweeping.catch(() => undefined);
      else if (this.running) await this.running.done;
      else return;
    }
  }

  /** Stops the sweep, aborts the running simulation (releasing its lease) and forgets the queue. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.queue.length = 0;
    await this.sweeping?.catch(() => undefined);
    if (this.running) {
      this.running.abort.abort(new Stopped('the server stopped'));
      await this.running.done;
    }
  }

  private async sweep(found: Promise<(Job | Takeover)[]>): Promise<number> {
    const sweeping = found.then((jobs) => {
      let queued = 0;
      for (const job of jobs) {
        if (this.closed || this.known.has(job.id)) continue;
        this.known.add(job.id);
        this.queue.push(job);
        queued += 1;
      }
      this.next();
      return queued;
    });
    this.sweeping = sweeping;
    try {
      return await sweeping;
    } finally {
      if (this.sweeping === sweeping) this.sweeping = null;
    }
  }

  /**
   * The runs to queue, in one statement over every tenant: the transaction sees the tenants given to
   * `resume` (row-level security still confines it) and is read-only, so it cannot write to the one
   * tenant a transaction must name.
   */
  private async find(withQueued: boolean): Promise<(Job | Takeover)[]> {
    const [first] = this.tenantIds;
    if (first === undefined) return [];
    const rows = await inTenant(this.options.db, { tenantId: first, visible: [...this.tenantIds] }, async (tx) => {
      await sql`set transaction read only`.execute(tx);
      return tx.selectFrom('simulations').select(['tenant_id', 'id', 'status', 'claimed_by', 'attempts'])
        .where((eb) => {
          const abandoned = eb.and([eb('status', '=', 'running'), eb('lease_until', '<', sql<Date>`now()`)]);
          return withQueued ? eb.or([eb('status', '=', 'queued'), abandoned]) : abandoned;
        })
        .orderBy('created_at').orderBy('id').execute();
    });
    return rows.map((r) => (r.status === 'queued'
      ? { tenantId: r.tenant_id, id: r.id }
      : { tenantId: r.tenant_id, id: r.id, previous: { claimedBy: r.claimed_by, attempts: r.attempts } }));
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    const abort = new AbortController();
    const done = this.run(job, abort).catch((error) => this.options.logger.error({ err: error, simulation: job.id }, 'simulation bookkeeping failed'))
      .finally(() => { this.running = null; this.known.delete(job.id); this.next(); });
    this.running = { job, abort, done };
  }

  /** The end of a lease starting now, on the database's clock. */
  private leaseEnd() {
    return sql<Date>`now() + make_interval(secs => ${this.leaseMs / 1000}::double precision)`;
  }

  /** An update of the simulation this runner holds: matches nothing once it no longer holds it. */
  private holding(tx: Tx, held: Held) {
    return tx.updateTable('simulations').where('tenant_id', '=', held.tenantId).where('id', '=', held.id)
      .where('status', '=', 'running').where('claimed_by', '=', this.instanceId).where('attempts', '=', held.attempt);
  }

  /** Claims a queued simulation; nothing when another runner claimed it first. */
  private claim(job: Job): Promise<Selectable<SimulationRow> | undefined> {
    return inTenant(this.options.db, { tenantId: job.tenantId }, (tx) => tx.updateTable('simulations')
      .set((eb) => ({ status: 'running', started_at: new Date(), claimed_by: this.instanceId, lease_until: this.leaseEnd(), attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).where('status', '=', 'queued').returningAll().executeTakeFirst());
  }

  /**
   * Takes over a run whose lease had passed, if it is still the attempt seen and its lease has still
   * passed — or fails it when it has had its attempts — with its audit event, in one transaction.
   * Nothing when another runner took it first, or its owner renewed the lease meanwhile.
   */
  private takeOver({ tenantId, id, previous }: Takeover): Promise<Selectable<SimulationRow> | undefined> {
    return inTenant(this.options.db, { tenantId }, async (tx) => {
      const abandoned = tx.updateTable('simulations').where('tenant_id', '=', tenantId).where('id', '=', id)
        .where('status', '=', 'running').where('lease_until', '<', sql<Date>`now()`).where('attempts', '=', previous.attempts);
      const event = { tx, tenantId, actorId: ACTOR, entityType: 'simulation', entityId: id };
      if (previous.attempts >= this.maxAttempts) {
        const error = `the simulation was started ${previous.attempts} times and each time its process stopped before it finished: it is not run again`;
        const failed = await abandoned.set({ status: 'failed', error, lease_until: null, finished_at: new Date() }).returning('id').executeTakeFirst();
        if (failed) {
          this.options.logger.warn({ simulation: id, attempts: previous.attempts }, 'abandoned simulation failed: no attempts left');
          await appendEvent({ ...event, action: 'simulation.failed', data: { error, attempts: previous.attempts, previousClaimant: previous.claimedBy } });
        }
        return undefined;
      }
      const row = await abandoned.set((eb) => ({ claimed_by: this.instanceId, lease_until: this.leaseEnd(), attempts: eb('attempts', '+', 1), progress: 0, started_at: new Date() }))
        .returningAll().executeTakeFirst();
      if (row) {
        this.options.logger.info({ simulation: id, previousClaimant: previous.claimedBy, attempt: row.attempts }, 'abandoned simulation taken over');
        await appendEvent({ ...event, action: 'simulation.resumed', data: { previousClaimant: previous.claimedBy, attempt: row.attempts, maxAttempts: this.maxAttempts } });
      }
      return row;
    });
  }

  /** Moves the lease forward (and writes the progress, when given); false once this runner no longer holds the run. */
  private async renew(held: Held, progress?: number): Promise<boolean> {
    const row = await inTenant(this.options.db, { tenantId: held.tenantId }, (tx) => this.holding(tx, held)
      .set({ lease_until: this.leaseEnd(), ...(progress === undefined ? {} : { progress }) }).returning('id').executeTakeFirst());
    return row !== undefined;
  }

  private async run(job: Job | Takeover, abort: AbortController): Promise<void> {
    const { db, statsDir, logger } = this.options;
    // Claimed in one statement: another process that claimed it first leaves nothing to return here.
    const row = 'previous' in job ? await this.takeOver(job) : await this.claim(job);
    if (!row) return;
    const held: Held = { tenantId: job.tenantId, id: job.id, attempt: row.attempts };
    const scenario = row.scenario as unknown as Scenario;
    let last = 0;
    // Lease and progress writes are chained, and awaited before the final write, so none lands after it.
    let writes: Promise<void> = Promise.resolve();
    const renew = (progress?: number) => {
      writes = writes.then(async () => {
        if (abort.signal.aborted) return;
        if (!(await this.renew(held, progress))) abort.abort(new LeaseLost('another instance took the simulation over'));
      }).catch((error) => logger.warn({ err: error, simulation: job.id }, 'simulation lease not renewed'));
    };
    const heartbeat = setInterval(() => renew(), this.leaseMs / 3);
    heartbeat.unref();
    const settle = async () => {
      clearInterval(heartbeat);
      await writes;
    };
    try {
      abort.signal.throwIfAborted();
      if (!statsDir) throw new Error('no statistics folder is configured (WAYPOINT_STATS_DIR): the simulator has no history to run on');
      const { history } = await loadHistory(statsDir);
      abort.signal.throwIfAborted();
      const registry = await simulationRegistry({ db, on: (scenario.period ?? DEFAULT_PERIOD).start });
      const study = await runStudy({
        history, scenario, runs: row.runs, seed: Number(row.seed), scale: row.scale, registry, signal: abort.signal, inThread: false,
        threads: this.options.threads ?? Math.max(1, availableParallelism() - 1),
        onProgress: (done) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          renew(done);
        },
      });
      // Written even if the server is stopping meanwhile; not if another instance took the run over (the update matches nothing).
      await settle();
      const results = { summary: study.summary, calibration: study.inputs.calibration, provenance: study.inputs.provenance, parameters: study.inputs.parameters, seconds: study.seconds };
      const written = await inTenant(db, { tenantId: job.tenantId }, async (tx) => {
        const done = await this.holding(tx, held).set({ status: 'done', progress: row.runs, results: JSON.stringify(results), lease_until: null, finished_at: new Date() })
          .returning('id').executeTakeFirst();
        if (done) {
          await appendEvent({ tx, tenantId: job.tenantId, actorId: ACTOR, action: 'simulation.finished', entityType: 'simulation', entityId: job.id,
            data: { seconds: Math.round(study.seconds * 10) / 10, conservation: study.summary.conservation, attempt: held.attempt } });
        }
        return done !== undefined;
      });
      if (!written) logger.warn({ simulation: job.id }, 'simulation finished after another instance took it over: its results are not written');
    } catch (error) {
      await settle();
      const reason: unknown = abort.signal.reason;
      if (abort.signal.aborted && reason instanceof LeaseLost) {
        logger.warn({ simulation: job.id }, 'simulation stopped: another instance took it over');
        return;
      }
      if (abort.signal.aborted && reason instanceof Stopped) {
        // Released: the lease passes now, and the next sweep (here after a restart, or elsewhere) takes it over.
        await inTenant(db, { tenantId: job.tenantId }, (tx) => this.holding(tx, held).set({ lease_until: sql<Date>`now()` }).execute());
        logger.info({ simulation: job.id }, 'simulation stopped with the server: its lease is released');
        return;
      }
      const message = (error as Error).message;
      logger.warn({ err: error, simulation: job.id }, 'simulation failed');
      await inTenant(db, { tenantId: job.tenantId }, async (tx) => {
        const failed = await this.holding(tx, held).set({ status: 'failed', error: message, lease_until: null, finished_at: new Date() }).returning('id').executeTakeFirst();
        if (failed) await appendEvent({ tx, tenantId: job.tenantId, actorId: ACTOR, action: 'simulation.failed', entityType: 'simulation', entityId: job.id, data: { error: message } });
      });
    } finally {
      clearInterval(heartbeat);
    }
  }
}
