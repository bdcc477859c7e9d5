/**
 * @module cli/commands/core
 * The platform's own commands: `start`, `migrate`, `seed`, `token`, `audit verify`, `export`/`import` of
 * a tenant, `retention run`. What only one of them needs (the HTTP app, the demo caseload, the statistics
 * importers, the local issuer) is loaded by that command, not by the others.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { systemActor } from '../../domain/access/roles.ts';
import { TENANT_CODES } from '../../domain/tenants/tenants.ts';
import { migrate } from '../../storage/migrate.ts';
import { openStorage } from '../../storage/providers/index.ts';
import { DataDirInUseError } from '../../storage/providers/pglite.ts';
import { asActor } from '../../storage/transaction.ts';
import { DEMO_USERS, seedDemoUsers } from '../../seed/demo-users.ts';
import { withStorage } from '../context.ts';
import { progress } from '../progress.ts';
import { readableFile, UsageError } from '../usage-error.ts';

function tenantOption(value: string): string {
  const id = value.toUpperCase();
  if (!TENANT_CODES.has(id)) throw new UsageError(`unknown tenant ${value}: use a Member State code (IT, GR, …) or FRONTEX, EUAA, FRA, COM, UNHCR, IOM`);
  return id;
}

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`not a date: ${value} (expected YYYY-MM-DD)`);
  }
  return value;
}

/** Opens the export's output file, failing as a usage error (exit 2) when it cannot be created. */
async function openOutput(file: string): Promise<ReturnType<typeof createWriteStream>> {
  const out = createWriteStream(file);
  try {
    await once(out, 'open');
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
  }
  return out;
}

async function tokenFromServer(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/oidc/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  const body = (await response.json()) as { access_token?: string; detail?: string };
  if (!response.ok || !body.access_token) throw new UsageError(body.detail ?? `the server at ${url} answered ${response.status}`);
  return body.access_token;
}

export function registerCoreCommands(program: Command): void {
  program.command('start').description('migrate, seed reference data and (first run) the demo, then serve the API and web app on one port')
    .option('--port <port>', 'port (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      if (opts.port) process.env.PORT = opts.port;
      const config = loadConfig();
      const started = Date.now();
      // The HTTP app and the client build are loaded here, not at the top: every other command starts
      // without them (a second of module loading less per command).
      const [{ buildProduct, listen }, { prepareClient }, { seedDemoCaseload }, { importStatisticsAtStart }] = await Promise.all([
        import('../../server.ts'), import('../../web/client-build.ts'), import('../../seed/demo-caseload.ts'), import('./stats.ts')]);
      process.stderr.write(`Waypoint: opening ${config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`}…\n`);
      const client = await prepareClient();
      if (!client.ok) process.stderr.write(`Waypoint: the web app is not served: ${client.problem}\n`);
      else if (client.built) process.stderr.write(`Waypoint: built the web app in ${client.ms} ms\n`);
      const product = await buildProduct({ config, client: client.ok ? client.assets : null });
      if (config.demo) {
        const bar = progress('demo caseload', 1);
        const opened = await seedDemoCaseload({ db: product.services.storage.db, count: config.demoCases, statsDir: config.statsDir, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        if (opened > 0) process.stderr.write(`Waypoint: opened ${opened} demo cases\n`);
      }
      await importStatisticsAtStart({ db: product.services.storage.db, config });
      const { url } = await listen(product);
      const lines = [
        '', `Waypoint is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s, ${product.services.storage.engine})`,
        `  Web app: ${client.ok ? url : 'not built (see above)'}    API reference: ${url}/api/docs    OpenAPI: ${url}/api/openapi.json    health: ${url}/health`,
      ];
      if (product.localIssuer) {
        lines.push(`  Sign in: ${url}/signin   or get a token: npx waypoint token --user it-caseworker`, '  Demo users:');
        for (const u of DEMO_USERS) lines.push(`    ${u.id.padEnd(34)} ${u.tenant_id.padEnd(8)} ${u.roles.join(', ')}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = async () => { await product.close(); process.exit(0); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program.command('migrate').description('apply pending database migrations').action(async () => {
    const config = loadConfig();
    const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrate(storage.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
    } finally { await storage.close(); }
  });

  program.command('seed').description('load reference data (tenants, units, retention policies) and the demo users; --demo adds the demo caseload')
    .option('--demo', 'also seed the demo caseload (only into an empty database)')
    .action((opts: { demo?: boolean }) => withStorage(async (storage, config) => {
      await seedDemoUsers(storage.db);
      process.stdout.write('reference data and demo users seeded\n');
      if (opts.demo) {
        const { seedDemoCaseload } = await import('../../seed/demo-caseload.ts');
        const bar = progress('demo caseload', 1);
        const n = await seedDemoCaseload({ db: storage.db, count: config.demoCases, statsDir: config.statsDir, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        process.stdout.write(n ? `opened ${n} demo cases\n` : 'cases already exist: demo caseload not added\n');
      }
    }));

  program.command('token').description('print a bearer token for a demo user of the local issuer')
    .requiredOption('--user <name>', 'demo user, e.g. it-caseworker')
    .action(async (opts: { user: string }) => {
      const config = loadConfig();
      const { assertLocalIssuerAllowed, issueLocalToken } = await import('../../identity/local-issuer.ts');
      assertLocalIssuerAllowed(config);
      let token: string;
      try {
        token = await withStorage(async (storage) => {
          await seedDemoUsers(storage.db);
          return issueLocalToken({ db: storage.db, username: opts.user, audience: config.oidcAudience });
        });
      } catch (error) {
        if (!(error instanceof DataDirInUseError)) throw error;
        // The running server holds the embedded database: ask it instead.
        token = await tokenFromServer(config.publicUrl ?? `http://${config.host}:${config.port}`, opts.user);
      }
      process.stdout.write(`${token}\n`);
    });

  const audit = program.command('audit').description('audit trail tools');
  audit.command('verify').description('recompute every tenant\'s audit chain; exit 1 at the first broken link')
    .option('--tenant <id>', 'only this tenant', tenantOption)
    .action((opts: { tenant?: string }) => withStorage(async (storage) => {
      const { verifyChains } = await import('../../domain/audit/verify-chain.ts');
      const reports = await verifyChains({ db: storage.db, tenantIds: opts.tenant ? [opts.tenant] : undefined });
      let total = 0;
      for (const r of reports) {
        total += r.events;
        if (!r.ok) {
          process.stdout.write(`BROKEN ${r.tenantId} at event ${r.broken!.seq}: ${r.broken!.problem}\n`);
          process.exitCode = 1;
          return;
        }
      }
      process.stdout.write(`ok: ${reports.length} chains, ${total} events verified\n`);
    }));

  program.command('export').description('export one tenant\'s data as JSON lines')
    .requiredOption('--tenant <id>', 'tenant to export', tenantOption)
    .option('--out <file>', 'write to a file instead of standard output')
    .action((opts: { tenant: string; out?: string }) => withStorage(async (storage) => {
      const { exportTenant } = await import('../../domain/tenants/tenant-data.ts');
      const out = opts.out ? await openOutput(opts.out) : process.stdout;
      const bar = opts.out ? progress(`export ${opts.tenant}`, 0) : null;
      let rows = 0;
      for await (const line of exportTenant({ db: storage.db, tenantId: opts.tenant })) {
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        bar?.update(++rows, rows);
      }
      bar?.stop();
      if (opts.out) { (out as ReturnType<typeof createWriteStream>).end(); await once(out, 'finish'); }
    }));

  program.command('import').description('import a tenant export (all or nothing; safe to run again)')
    .argument('<file>', 'JSON lines written by `waypoint export`', readableFile)
    .action((file: string) => withStorage(async (storage) => {
      const { importTenant } = await import('../../domain/tenants/tenant-data.ts');
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      const bar = progress(`import ${file}`, 0);
      const result = await importTenant({ db: storage.db, lines, onProgress: (n) => bar.update(n, n) });
      bar.stop();
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      process.stdout.write(`imported ${result.tenantId}: ${sum(result.inserted)} rows inserted, ${sum(result.skipped)} already present\n`);
    }));

  const retention = program.command('retention').description('retention of personal data');
  retention.command('run').description('erase personal data whose retention period ended, leaving tombstone events')
    .requiredOption('--tenant <id>', 'tenant', tenantOption)
    .option('--on <date>', 'erase what expired before this date (default today)', dateOption)
    .action((opts: { tenant: string; on?: string }) => withStorage(async (storage) => {
      const { runRetention } = await import('../../domain/persons/run-retention.ts');
      const actor = systemActor(opts.tenant, 'retention');
      const result = await asActor(storage.db, actor, (tx) => runRetention({ tx, actor, on: opts.on ?? new Date().toISOString().slice(0, 10), asSystem: true }));
      process.stdout.write(`erased ${result.erased.length} records in ${opts.tenant}\n`);
    }));
}
