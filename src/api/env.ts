/**
 * @module api/env
 * What every request handler can reach: the services built at start-up and the per-request values
 * set by middleware (request id, authenticated actor).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Actor } from '../domain/access/roles.ts';
import type { OpenCaseInput } from '../domain/cases/open-case.ts';
import type { SimulationRunner } from '../domain/simulations/simulation-runner.ts';
import type { VerifyToken } from '../identity/verify-token.ts';
import type { Storage } from '../storage/providers/index.ts';
import type { GroupCommit } from './group-commit.ts';
import type { Metrics } from './metrics.ts';

export interface Services {
  storage: Storage;
  config: Config;
  verify: VerifyToken;
  logger: Logger;
  metrics: Metrics;
  /** Runs policy simulations in the background (`POST /api/simulations`). */
  simulations: SimulationRunner;
  /** `POST /api/cases` by group commit: a tenant's registrations arriving together are written together. */
  caseOpenings: GroupCommit<OpenCaseInput>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor;
    services: Services;
  };
}
