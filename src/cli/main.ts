/**
 * @module cli/main
 * `npx waypoint <command>`: operators' commands over the same domain and storage as the API.
 * Exit codes: 0 done, 1 a check failed (e.g. a broken audit chain), 2 invalid input or usage.
 */
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../domain/errors.ts';
import { registerCommands } from './commands/index.ts';
import { UsageError } from './usage-error.ts';

const program = new Command();
program.name('waypoint').description('Waypoint: operations platform for the EU\'s new and innovative solutions on migration')
  .exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
await registerCommands(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (isDomainError(error)) {
    process.stderr.write(`waypoint: ${error.message}\n`);
    for (const field of error.fields) process.stderr.write(`  ${field.path}: ${field.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`waypoint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
