#!/usr/bin/env node
// Runs `waypoint start` in WAYPOINT_WORKERS processes sharing one port (node:cluster: the primary
// accepts connections and hands them to the workers in turn). This is how a deployment on a machine
// with several cores would run the server on the PostgreSQL engine; PGlite is one process and must
// not be run this way. Used by the benchmarks with --workers N; the product itself is unchanged.
import cluster from 'node:cluster';

const workers = Math.max(1, Number(process.env.WAYPOINT_WORKERS ?? 2));

if (cluster.isPrimary) {
  if (!process.env.DATABASE_URL) {
    process.stderr.write('cluster-server: several processes need the PostgreSQL server engine (DATABASE_URL); PGlite is single-process\n');
    process.exit(2);
  }
  let stopping = false;
  // Start one worker first so that migrations and seeding run once, then the others.
  const first = cluster.fork();
  let started = 1;
  cluster.on('message', (worker, message) => {
    if (message === 'ready' && started < workers && worker === first) {
      for (; started < workers; started++) cluster.fork();
    }
  });
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      process.stderr.write(`cluster-server: worker ${worker.process.pid} exited with ${code}; stopping\n`);
      stop();
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  // Tell the primary when this worker listens (the start command prints its banner then).
  const write = process.stdout.write.bind(process.stdout);
  let told = false;
  process.stdout.write = (chunk, ...rest) => {
    if (!told && String(chunk).includes('Waypoint is running at')) {
      told = true;
      process.send?.('ready');
    }
    return write(chunk, ...rest);
  };
  process.argv = [process.argv[0], 'waypoint', 'start'];
  await import('../bin/waypoint.mjs');
}
