/**
 * @module api/routes/simulations/routes
 * Policy simulations (issue 8): `POST /api/simulations` records a scenario to run against the
 * baseline and answers 202 at once — the Monte Carlo runs go on in the background of the server
 * (worker threads); `GET /api/simulations/{id}` says where it is, `GET …/results` gives the summary
 * (medians and 90 % bands) once done. Policy analysts and administrators run and read their tenant's
 * simulations. A simulation reads statistics and registries, and writes only its own row.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { getSimulation } from '../../../domain/simulations/get-simulation.ts';
import { getSimulationResults } from '../../../domain/simulations/get-simulation-results.ts';
import { listSimulations } from '../../../domain/simulations/list-simulations.ts';
import { startSimulation } from '../../../domain/simulations/start-simulation.ts';
import { asActor } from '../../../storage/transaction.ts';
import type { AppEnv } from '../../env.ts';
import { bearer, idempotencyHeader, json, problemResponses, ZUuidParam } from '../../schemas.ts';
import { runWrite } from '../../write.ts';
import { presentSimulation } from './present.ts';
import { ZSimulation, ZSimulationList, ZSimulationResults, ZStartSimulationRequest } from './schema.ts';

export const simulationsRoutes = new OpenAPIHono<AppEnv>();

simulationsRoutes.openapi(createRoute({
  method: 'post', path: '/api/simulations', tags: ['Simulations'], summary: 'Run a scenario against the baseline (in the background)', security: bearer,
  description: 'Validates the scenario (each problem with its path under `scenario.`), records it and answers 202; the Monte Carlo runs go on in the server. Read the status at `Location`, the results at `links.results` once `status` is `done`.',
  parameters: [idempotencyHeader],
  request: { body: { required: true, ...json(ZStartSimulationRequest) } },
  responses: { 202: { description: 'Recorded and queued', ...json(ZSimulation) }, ...problemResponses(400, 413, 415) },
}), async (c) => {
  const body = c.req.valid('json');
  const actor = c.var.actor;
  let started: string | null = null;
  const response = await runWrite(c, body, async (tx) => {
    const simulation = await startSimulation({ tx, actor, input: body, requestId: c.var.requestId });
    started = simulation.id;
    return { status: 202, body: presentSimulation(simulation), headers: { location: `/api/simulations/${simulation.id}` } };
  });
  // Queued once its row is committed (a replayed Idempotency-Key started nothing new).
  if (started) c.var.services.simulations.start({ tenantId: actor.tenantId, id: started });
  return response as never;
});

simulationsRoutes.openapi(createRoute({
  method: 'get', path: '/api/simulations', tags: ['Simulations'], summary: 'The tenant\'s simulations, newest first', security: bearer,
  responses: { 200: { description: 'Simulations without their results', ...json(ZSimulationList) }, ...problemResponses() },
}), async (c) => {
  const items = await asActor(c.var.services.storage.db, c.var.actor, (tx) => listSimulations({ tx, actor: c.var.actor }));
  return c.json({ items: items.map(presentSimulation) }, 200);
});

simulationsRoutes.openapi(createRoute({
  method: 'get', path: '/api/simulations/{id}', tags: ['Simulations'], summary: 'A simulation\'s status and progress', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The simulation', ...json(ZSimulation) }, ...problemResponses(404) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const simulation = await asActor(c.var.services.storage.db, c.var.actor, (tx) => getSimulation({ tx, actor: c.var.actor, id }));
  return c.json(presentSimulation(simulation), 200);
});

simulationsRoutes.openapi(createRoute({
  method: 'get', path: '/api/simulations/{id}/results', tags: ['Simulations'], summary: 'A finished simulation\'s results: medians and 90 % bands, baseline, scenario and difference', security: bearer,
  request: { params: ZUuidParam },
  responses: { 200: { description: 'The summary', ...json(ZSimulationResults) }, ...problemResponses(404, 409) },
}), async (c) => {
  const { id } = c.req.valid('param');
  const { simulation, results } = await asActor(c.var.services.storage.db, c.var.actor, (tx) => getSimulationResults({ tx, actor: c.var.actor, id }));
  return c.json({ simulation: presentSimulation(simulation), results } as never, 200);
});
