/**
 * Diagnostic: the same audited write as `POST /api/cases` (`openCase` in a tenant transaction), called
 * in-process without HTTP, on the PostgreSQL server. Comparing its Node CPU per write with the server's
 * in bench/api-write.ts separates the storage path (Kysely, pg, SQL, hashing) from the HTTP path.
 *
 *   node --import tsx bench/domain-write.ts [--duration S] [--concurrency N]
 */
import { openCase } from '../src/domain/cases/open-case.ts';
import type { Role } from '../src/domain/access/roles.ts';
import { openStorage } from '../src/storage/providers/index.ts';
import { asActor } from '../src/storage/transaction.ts';
import { BENCH_USERS, backendsCpuOf, benchBirthDate, createServerDatabase, loadAverage, parseOptions, positive, prepareDatabase } from './support.ts';

const options = parseOptions(process.argv.slice(2), { duration: '10', concurrency: '16', warmup: '3' });
const duration = positive('duration', options.duration);
const concurrency = Math.round(positive('concurrency', options.concurrency));
const warmup = Number(options.warmup);

const database = await createServerDatabase('wp_bench_domain');
try {
  await prepareDatabase(database);
  const storage = await openStorage({ databaseUrl: database.env.DATABASE_URL });
  const actors = BENCH_USERS.map((u) => ({ id: u.id, displayName: u.display_name, tenantId: u.tenant_id, unitId: u.unit_id, roles: u.roles as Role[] }));
  let n = 0;
  const run = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const actor = actors[i % actors.length]!;
        await asActor(storage.db, actor, (tx) => openCase({
          tx, actor, input: { kind: 'asylum', person: { givenNames: `Bench ${i}`, familyName: 'Load', birthDate: benchBirthDate(i), sex: 'F', nationality: 'SY' } },
        }));
        done++;
      }
    }));
    return done;
  };
  try {
    if (warmup > 0) await run(warmup);
    const load = loadAverage();
    const pg0 = backendsCpuOf(database.name!);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const done = await run(duration);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pg = backendsCpuOf(database.name!) - pg0;
    process.stdout.write(`domain-write: ${new Date().toISOString()}  ${concurrency} concurrent, ${seconds.toFixed(1)} s, load before ${load}\n`
      + `${(done / seconds).toFixed(0)} writes/s; CPU per write: Node ${((cpu.user + cpu.system) / done).toFixed(0)} µs, PostgreSQL backends ${(pg / done).toFixed(0)} µs\n`);
  } finally {
    await storage.close();
    // Let the pool's connections finish closing before the database is dropped under them.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
} finally {
  await database.drop();
}
