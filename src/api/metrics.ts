/**
 * @module api/metrics
 * Prometheus metrics: Node's defaults plus request counts and latencies by route and status.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  writes: Counter<'tenant'>;
  writeBatches: Histogram;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waypoint_' });
  return {
    registry,
    requests: new Counter({ name: 'waypoint_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    duration: new Histogram({
      name: 'waypoint_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'], registers: [registry],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    writes: new Counter({ name: 'waypoint_writes_total', help: 'Writes committed through the API (each with its audit event)', labelNames: ['tenant'], registers: [registry] }),
    writeBatches: new Histogram({
      name: 'waypoint_write_batch_size', help: 'Requests written per transaction by group commit (case registrations)', registers: [registry],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    }),
  };
}
