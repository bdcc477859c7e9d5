/**
 * @module domain/simulations/simulation-runner
 * Runs recorded simulations in the background of the server process, one at a time (a study already
 * uses every worker thread it is given): reads the history from the statistics folder (in a worker
 * thread), the registry facts of the scenario's first day, runs the study with its Monte Carlo runs in
 * worker threads so that the server keeps answering, writes the progress at most once a second, and
 * stores the summary — or the error — with an audit event. It writes only to `simulations`.
 *
 * A run is claimed by one atomic update (queued → running), so two processes on one database never
 * run the same simulation. `resume()` (called when the product starts) queues again every simulation
 * still recorded as queued — those accepted before a restart. One that was running when its process
 * stopped stays `running`: with several instances on one database, this process cannot tell a dead
 * run from another instance's live one. `close()` aborts the running one and forgets the queue.
 */
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { loadHistory } from '../../simulation/history/load-history.ts';
import type { Scenario } from '../../simulation/scenario/schema.ts';
import { DEFAULT_PERIOD } from '../../simulation/scenario/schema.ts';
import { runStudy } from '../../simulation/study.ts';
import { inTenant, type Db } from '../../storage/transaction.ts';
import { appendEvent } from '../audit/append-event.ts';
import { simulationRegistry } from './registry-input.ts';

const ACTOR = 'system:simulator';
const PROGRESS_EVERY_MS = 1000;

export interface SimulationRunnerOptions {
  db: Db;
  /** The statistics folder the history is read from (WAYPOINT_STATS_DIR); null: none configured. */
  statsDir: string | null;
  logger: Logger;
  /** Worker threads for a study (default: the machine's cores less one, at least one). */
  threads?: number;
}

interface Job {
  tenantId: string;
  id: string;
}

export class SimulationRunner {
  private readonly queue: Job[] = [];
  private readonly known = new Set<string>();
  private running: { job: Job; abort: AbortController; done: Promise<void> } | null = null;
  private closed = false;

  constructor(private readonly options: SimulationRunnerOptions) {}

  /** Queues a recorded simulation (once; a repeated id is ignored). */
  start(job: Job): void {
    if (this.closed || this.known.has(job.id)) return;
    this.known.add(job.id);
    this.queue.push(job);
    this.next();
  }

  /**
   * Queues every simulation recorded as queued, oldest first, tenant by tenant (row-level security:
   * each tenant's rows are read in its own transaction). Returns how many were queued.
   */
  async resume(tenantIds: readonly string[]): Promise<number> {
    let queued = 0;
    for (const tenantId of tenantIds) {
      const rows = await inTenant(this.options.db, { tenantId }, (tx) => tx.selectFrom('simulations').select('id')
        .where('tenant_id', '=', tenantId).where('status', '=', 'queued').orderBy('created_at').execute());
      for (const row of rows) {
        this.start({ tenantId, id: row.id });
        queued += 1;
      }
    }
    if (queued > 0) this.options.logger.info({ simulations: queued }, 'queued simulations resumed');
    return queued;
  }

  /** Resolves when nothing is queued or running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running.done;
  }

  /** Aborts the running simulation and forgets the queue. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.running) {
      this.running.abort.abort(new Error('the server stopped'));
      await this.running.done;
    }
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    const abort = new AbortController();
    const done = this.run(job, abort.signal).catch((error) => this.options.logger.error({ err: error, simulation: job.id }, 'simulation bookkeeping failed'))
      .finally(() => { this.running = null; this.known.delete(job.id); this.next(); });
    this.running = { job, abort, done };
  }

  private update(job: Job, values: Record<string, unknown>): Promise<void> {
    return inTenant(this.options.db, { tenantId: job.tenantId }, async (tx) => {
      await tx.updateTable('simulations').set(values).where('tenant_id', '=', job.tenantId).where('id', '=', job.id).execute();
    });
  }

  private async run(job: Job, signal: AbortSignal): Promise<void> {
    const { db, statsDir, logger } = this.options;
    // Claimed in one statement: another process that claimed it first leaves nothing to return here.
    const row = await inTenant(db, { tenantId: job.tenantId }, (tx) => tx.updateTable('simulations').set({ status: 'running', started_at: new Date() })
      .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).where('status', '=', 'queued').returningAll().executeTakeFirst());
    if (!row) return;
    const scenario = row.scenario as unknown as Scenario;
    let last = 0;
    // Progress writes are chained, and awaited before the final write, so none lands after it.
    let progress: Promise<void> = Promise.resolve();
    try {
      if (!statsDir) throw new Error('no statistics folder is configured (WAYPOINT_STATS_DIR): the simulator has no history to run on');
      const { history } = await loadHistory(statsDir);
      const registry = await simulationRegistry({ db, on: (scenario.period ?? DEFAULT_PERIOD).start });
      const study = await runStudy({
        history, scenario, runs: row.runs, seed: Number(row.seed), scale: row.scale, registry, signal, inThread: false,
        threads: this.options.threads ?? Math.max(1, availableParallelism() - 1),
        onProgress: (done) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          progress = progress.then(() => this.update(job, { progress: done })).catch((error) => logger.warn({ err: error, simulation: job.id }, 'simulation progress not written'));
        },
      });
      await progress;
      const results = { summary: study.summary, calibration: study.inputs.calibration, provenance: study.inputs.provenance, parameters: study.inputs.parameters, seconds: study.seconds };
      await inTenant(db, { tenantId: job.tenantId }, async (tx) => {
        await tx.updateTable('simulations').set({ status: 'done', progress: row.runs, results: JSON.stringify(results), finished_at: new Date() })
          .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).execute();
        await appendEvent({ tx, tenantId: job.tenantId, actorId: ACTOR, action: 'simulation.finished', entityType: 'simulation', entityId: job.id,
          data: { seconds: Math.round(study.seconds * 10) / 10, conservation: study.summary.conservation } });
      });
    } catch (error) {
      await progress;
      const message = (error as Error).message;
      logger.warn({ err: error, simulation: job.id }, 'simulation failed');
      await inTenant(db, { tenantId: job.tenantId }, async (tx) => {
        await tx.updateTable('simulations').set({ status: 'failed', error: message, finished_at: new Date() })
          .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).execute();
        await appendEvent({ tx, tenantId: job.tenantId, actorId: ACTOR, action: 'simulation.failed', entityType: 'simulation', entityId: job.id, data: { error: message } });
      });
    }
  }
}
