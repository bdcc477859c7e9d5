/**
 * @module cli/context
 * Opens the configured storage for a command, migrated, and closes it afterwards.
 */
import { loadConfig, type Config } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { openStorage, type Storage } from '../storage/providers/index.ts';
import { seedReference } from '../seed/reference.ts';

export async function withStorage<T>(work: (storage: Storage, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    await migrate(storage.db);
    await seedReference(storage.db);
    return await work(storage, config);
  } finally {
    await storage.close();
  }
}
