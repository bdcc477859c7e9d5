/**
 * @module domain/deadlines/schedule-sweeps
 * The deadline sweep of every tenant (`sweep-deadlines.ts`) as the operator runs it — once
 * (`waypoint case deadlines sweep`) or every few minutes in the running server. Each tenant is swept
 * by the system actor `system:deadlines` in transactions of its own; a tick that finds the previous
 * sweep still running is skipped, and the first sweep comes one interval after start, so that starting
 * the server writes nothing by itself.
 */
import { systemActor } from '../access/roles.ts';
import type { Db } from '../../storage/transaction.ts';
import { sweepDeadlines, type SweepReport } from './sweep-deadlines.ts';

export interface SweepTenantsOptions {
  db: Db;
  warningDays: number;
  /** Default: every tenant. */
  tenantIds?: string[];
  on?: string;
}

/**
 * Sweeps each tenant in turn.
 * @example const reports = await sweepTenants({ db, warningDays: 3 });
 */
export async function sweepTenants({ db, warningDays, tenantIds, on }: SweepTenantsOptions): Promise<SweepReport[]> {
  const ids = tenantIds ?? (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
  const reports: SweepReport[] = [];
  for (const tenantId of ids) reports.push(await sweepDeadlines({ db, actor: systemActor(tenantId, 'deadlines'), warningDays, on }));
  return reports;
}

export interface ScheduleSweepsOptions {
  db: Db;
  everyMinutes: number;
  warningDays: number;
  onReports: (reports: SweepReport[]) => void;
  onError: (error: unknown) => void;
}

export interface SweepSchedule {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * @example const schedule = scheduleSweeps({ db, everyMinutes: 15, warningDays: 3, onReports: log, onError: log }); await schedule.stop();
 */
export function scheduleSweeps({ db, everyMinutes, warningDays, onReports, onError }: ScheduleSweepsOptions): SweepSchedule {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepTenants({ db, warningDays }).then(onReports, onError).finally(() => { running = null; });
  }, everyMinutes * 60_000);
  // The schedule alone does not keep the process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
