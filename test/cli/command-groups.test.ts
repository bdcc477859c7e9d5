/**
 * The CLI loads only the group of a command line's first word (`cli/commands/index.ts`). The table of
 * groups must say exactly which top-level commands each group registers, or a command would be
 * unknown when called on its own; this holds each group to its names, in-process (no child).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { COMMAND_GROUPS, registerCommands } from '../../src/cli/commands/index.ts';

describe('the CLI\'s command groups', () => {
  it('register exactly the top-level commands the table gives them, each name in one group', async () => {
    const seen = new Set<string>();
    for (const group of COMMAND_GROUPS) {
      const program = new Command();
      (await group.load())(program);
      assert.deepEqual(program.commands.map((c) => c.name()).sort(), [...group.names].sort());
      for (const name of group.names) {
        assert.ok(!seen.has(name), `${name} is in one group only`);
        seen.add(name);
      }
    }
  });

  it('loads the group of the first word, and every group for help or an unknown word', async () => {
    const names = async (args: string[]) => {
      const program = new Command();
      await registerCommands(program, args);
      return program.commands.map((c) => c.name());
    };
    assert.deepEqual(await names(['case', 'show', 'x']), ['case', 'person']);
    assert.deepEqual(await names(['audit', 'verify', '--tenant', 'IT']), ['start', 'migrate', 'seed', 'token', 'audit', 'export', 'import', 'retention']);
    const every = COMMAND_GROUPS.flatMap((g) => g.names);
    assert.deepEqual((await names(['--help'])).sort(), [...every].sort());
    assert.deepEqual((await names(['help'])).sort(), [...every].sort());
    assert.deepEqual((await names(['nonsense'])).sort(), [...every].sort());
  });
});
