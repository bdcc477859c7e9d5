/**
 * @module api/routes/simulations/schema
 * Request and response schemas of `/api/simulations`. The scenario is the documented scenario schema
 * (simulation/scenario/schema.ts, docs/simulation.md), validated here field by field; the domain then
 * checks what crosses fields (a capacity's unit, an agreement named), with paths under `scenario.`.
 */
import { z } from '@hono/zod-openapi';
import { MAX_API_RUNS, SIMULATION_STATUSES } from '../../../domain/simulations/simulation.ts';
import { ZScenario } from '../../../simulation/scenario/schema.ts';

export const ZStartSimulationRequest = z.strictObject({
  scenario: ZScenario.meta({ id: 'Scenario', description: 'A baseline plus an overlay: dated changes, each with its source (docs/simulation.md)' }),
  runs: z.number().int().min(1).max(MAX_API_RUNS).default(20).describe('Monte Carlo runs'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe('The same seed gives the same numbers'),
  scale: z.number().gt(0).max(1).default(1).describe('Persons simulated per real person (figures stay at full scale)'),
}).openapi('StartSimulationRequest');
export type TStartSimulationRequest = z.infer<typeof ZStartSimulationRequest>;

export const ZSimulation = z.object({
  id: z.string().uuid(),
  tenantId: z.string(),
  scenario: z.object({ id: z.string(), title: z.string(), changes: z.number().int().describe('How many changes the overlay makes') }),
  runs: z.number().int(),
  seed: z.number().int(),
  scale: z.number(),
  status: z.enum(SIMULATION_STATUSES),
  progress: z.number().int().describe('Monte Carlo runs finished'),
  attempts: z.number().int().describe('Times the run was started: 0 while queued; more than 1 when it was taken over after the process running it stopped (it is run again from the start, with the same numbers); after 3 it fails'),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  links: z.object({ self: z.string(), results: z.string() }),
}).openapi('Simulation');

export const ZSimulationList = z.object({ items: z.array(ZSimulation) }).openapi('SimulationList');

const ZBand = z.object({ median: z.number().nullable(), p05: z.number().nullable(), p95: z.number().nullable() }).openapi('Band');

export const ZSimulationResults = z.object({
  simulation: ZSimulation,
  results: z.object({
    summary: z.object({
      runs: z.number().int(), seed: z.number().int(), scale: z.number(), months: z.array(z.string()),
      figures: z.array(z.object({ metric: z.string(), where: z.string(), period: z.string(), baseline: ZBand, scenario: ZBand, difference: ZBand })),
      series: z.array(z.object({ metric: z.string(), where: z.string(), baseline: z.array(ZBand), scenario: z.array(ZBand) })),
      timeInProcedure: z.array(z.record(z.string(), z.unknown())),
      law: z.object({ asked: z.number(), cached: z.number() }),
      conservation: z.boolean(),
    }).passthrough(),
    calibration: z.record(z.string(), z.unknown()),
    provenance: z.array(z.string()),
    parameters: z.record(z.string(), z.number()),
    seconds: z.number(),
  }).passthrough(),
}).openapi('SimulationResults');
