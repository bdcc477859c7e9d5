/**
 * @module test/support/template
 * The migrated and seeded database that `openTestStorage` copies, made once per `npm test` run by
 * scripts/test.mjs instead of once per test file: on PGlite an archive of an in-memory database
 * (`Storage.dump()`, started again with `snapshot`), on the server a template database
 * (`create database … template …`). Starting from either takes a fraction of migrating and seeding
 * anew (bench/RESULTS.md, "Test run time"). The storage tests still migrate empty databases
 * themselves (`openEmptyStorage`); a test file run alone, without the runner, migrates as before.
 *
 *   node --import tsx test/support/template.ts create   # prints the value for WAYPOINT_TEST_TEMPLATE
 *   node --import tsx test/support/template.ts remove VALUE
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../src/storage/providers/index.ts';
import { migrateAndSeed, onServer, withDatabase } from './storage.ts';

/** A server template's name: the only form `remove` drops, so a typo cannot drop another database. */
const TEMPLATE_DATABASE = /^wp_template_\d+_[0-9a-f]{8}$/;

/** Migrates and seeds a new template on the engine the environment selects; returns its name or file. */
async function createTemplate(): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const storage = await openStorage({ dataDir: 'memory://' });
    try {
      await migrateAndSeed(storage.db);
      const file = join(tmpdir(), `waypoint-test-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
      writeFileSync(file, new Uint8Array(await (await storage.dump!()).arrayBuffer()));
      return file;
    } finally {
      await storage.close();
    }
  }
  const name = `wp_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  try {
    const storage = await openStorage({ databaseUrl: withDatabase(serverUrl, name), poolSize: 2 });
    try {
      await migrateAndSeed(storage.db);
    } finally {
      await storage.close();
    }
  } catch (error) {
    await removeTemplate(name);
    throw error;
  }
  return name;
}

/** Removes a template made by {@link createTemplate}. */
async function removeTemplate(template: string): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    rmSync(template, { force: true });
    return;
  }
  if (!TEMPLATE_DATABASE.test(template)) throw new Error(`not a test template database: ${template}`);
  await onServer(serverUrl, `drop database if exists ${template} with (force)`);
}

const [command, value] = process.argv.slice(2);
// Interrupted, `create` still finishes and prints the template's name, so that scripts/test.mjs can remove it.
if (command === 'create') {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});
  process.stdout.write(`${await createTemplate()}\n`);
} else if (command === 'remove' && value) await removeTemplate(value);
else {
  process.stderr.write('usage: template.ts create | remove VALUE\n');
  process.exit(2);
}
