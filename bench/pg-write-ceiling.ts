/**
 * PostgreSQL's own ceiling for Waypoint's audited write: pgbench replays the statements of one
 * `POST /api/cases` (the opening message with the role and tenant settings, the chain-head lock with the
 * case counter, the person + event + head move + case, commit) with a C client and prepared statements,
 * over the 27 Member States' chains, on a migrated and seeded fresh database. It measures the CPU the
 * PostgreSQL backends spend per write, which is what is left of the machine for the Node server and
 * the load generator. The statements are those of `src/domain/cases/open-case.ts` with literal
 * stand-ins for the values Node computes (uuid, hash, retention date).
 *
 *   node --import tsx bench/pg-write-ceiling.ts [--duration S] [--clients N] [--target 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TENANTS } from '../src/domain/tenants/tenants.ts';
import { backendsCpuOf, createServerDatabase, loadAverage, parseOptions, pgbenchPath, positive, prepareDatabase, SERVER_URL } from './support.ts';

const options = parseOptions(process.argv.slice(2), { duration: '20', clients: '8', target: '2000' });
const duration = positive('duration', options.duration);
const clients = Math.round(positive('clients', options.clients));
const target = positive('target', options.target);

const MEMBER_STATES = TENANTS.filter((t) => t.kind === 'member-state').map((t) => `'${t.id}'`).join(',');
const T = `(array[${MEMBER_STATES}])[:t]`;
const PERSON = JSON.stringify({ givenNames: 'Test', familyName: 'Person', nationality: 'BD', birthDate: '1996-05-01', sex: 'M' });
const EVENT = JSON.stringify({ reference: 'XX-2026-000001', kind: 'asylum', stage: 'registered', unitId: 'asylum', assignedTo: 'bench', personId: '00000000-0000-0000-0000-000000000000', recordType: 'applicant' });

/** One write, as the server sends it (four round trips: the opening message, two statements, commit). */
const SCRIPT = `\\set t random(1, 27)
\\set n random(1, 2000000000)
begin;
select set_config('role', 'waypoint_app', true), set_config('waypoint.tenant', ${T}, true), set_config('waypoint.tenants', ${T}, true);
with head as (select seq, hash from audit_heads where tenant_id = ${T} for update),
number as (insert into counters (tenant_id, name, value) select ${T}, 'case-2026', 1 from head on conflict (tenant_id, name) do update set value = counters.value + 1 returning value)
select head.seq, head.hash, number.value as number, policy.retain_months, policy.counted_from, exists (select 1 from units where tenant_id = ${T} and id = 'asylum') as unit_ok from head cross join number left join retention_policies policy on policy.record_type = 'applicant';
with inserted_person as (insert into persons (tenant_id, id, record_type, data, created_at, retain_until) values (${T}, gen_random_uuid(), 'applicant', '${PERSON}', now(), '2036-01-01') returning id), appended_event as (insert into audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, reason, legal_basis, data, request_id, prev_hash, hash) select ${T}, h.seq + 1, now(), 'bench', 'case.opened', 'case', gen_random_uuid()::text, null, '[]', '${EVENT}', 'bench', h.hash, md5(:n::text) || md5(h.hash) from audit_heads h where h.tenant_id = ${T}), moved_head as (update audit_heads set seq = seq + 1, hash = md5(:n::text) || md5(hash) where tenant_id = ${T}) insert into cases (tenant_id, id, reference, person_id, kind, stage, unit_id, assigned_to, opened_by, opened_at, updated_at, version) select ${T}, gen_random_uuid(), 'B-' || :n || '-' || md5(random()::text), id, 'asylum', 'registered', 'asylum', 'bench', 'bench', now(), now(), 1 from inserted_person returning *;
commit;
`;

const database = await createServerDatabase('wp_ceiling');
const dir = mkdtempSync(join(tmpdir(), 'wp-ceiling-'));
try {
  await prepareDatabase(database);
  const scriptFile = join(dir, 'write.sql');
  writeFileSync(scriptFile, SCRIPT);
  const url = new URL(SERVER_URL);
  const load = loadAverage();
  const args = ['-n', '-M', 'prepared', '-f', scriptFile, '-c', String(clients), '-j', '2', '-T', String(duration), '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'root', database.name!];
  const child = spawn(pgbenchPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  // Measure the backends' CPU over the middle of the run (they exit with pgbench, taking their counters along).
  const warm = Math.min(3, duration / 4);
  await new Promise((r) => setTimeout(r, warm * 1000));
  const cpu0 = backendsCpuOf(database.name!);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, (duration - 2 * warm) * 1000));
  const cpu1 = backendsCpuOf(database.name!);
  const seconds = (performance.now() - t0) / 1000;
  if ((await exited) !== 0) throw new Error(`pgbench failed: ${stderr}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  const pgCores = (cpu1 - cpu0) / 1e6 / seconds;
  const pgPerWrite = (pgCores * 1e6) / tps;
  const cores = 2;
  const left = (cores * 1e6) / target - pgPerWrite;
  console.log(`pg-write-ceiling: ${new Date().toISOString()}, load average before ${load}`);
  console.log(`pgbench ${args.slice(0, 9).join(' ')} <fresh seeded db>`);
  console.log(`${tps.toFixed(0)} audited writes/s from pgbench's C client, ${failed} failed; PostgreSQL backends ${pgCores.toFixed(2)} cores = ${pgPerWrite.toFixed(0)} µs of CPU per write`);
  console.log(`at ${target} writes/s PostgreSQL alone needs ${((pgPerWrite * target) / 1e6).toFixed(2)} cores; on ${cores} cores that leaves ${left.toFixed(0)} µs per write for the server and the load generator`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
}
