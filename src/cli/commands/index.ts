/**
 * @module cli/commands
 * Every subcommand, by group. A command line loads only the group of its first word (`waypoint case …`
 * loads the case commands and what they use, not the statistics importers or the simulator): module
 * loading through tsx is most of a short command's time. `--help`, `help` and anything unknown load
 * every group, in the order the help lists them.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

export interface CommandGroup {
  /** The top-level commands the group registers. */
  names: readonly string[];
  load(): Promise<Register>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['law'], load: async () => (await import('./law.ts')).registerLawCommands },
  {
    names: ['case', 'person'],
    load: async () => {
      const [cases, bulk, deadlines] = await Promise.all([import('./case.ts'), import('./bulk.ts'), import('./deadlines.ts')]);
      return (program) => {
        cases.registerCaseCommands(program);
        bulk.registerBulkCommands(program);
        deadlines.registerDeadlineCommands(program);
      };
    },
  },
  { names: ['stats'], load: async () => (await import('./stats.ts')).registerStatsCommands },
  { names: ['registry'], load: async () => (await import('./registry.ts')).registerRegistryCommands },
  { names: ['simulate', 'backtest'], load: async () => (await import('./simulate.ts')).registerSimulateCommands },
  { names: ['ledger'], load: async () => (await import('./ledger.ts')).registerLedgerCommands },
  { names: ['rescue'], load: async () => (await import('./rescue.ts')).registerRescueCommands },
  { names: ['transfer'], load: async () => (await import('./transfer.ts')).registerTransferCommands },
  { names: ['start', 'migrate', 'seed', 'token', 'audit', 'export', 'import', 'retention'], load: async () => (await import('./core.ts')).registerCoreCommands },
];

/** Registers the group of the command `args` (the arguments after the program's name) names, or every group. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const first = args.find((a) => !a.startsWith('-'));
  const group = first === undefined ? undefined : COMMAND_GROUPS.find((g) => g.names.includes(first));
  for (const g of group ? [group] : COMMAND_GROUPS) (await g.load())(program);
}
