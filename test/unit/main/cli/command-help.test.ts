import { describe, expect, it } from 'vitest';

import { commandHelp, HELP_COMMANDS, USAGE } from '../../../../main/cli/command-help.js';

describe('ferry help COMMAND', () => {
  it('has a page for every command in the overview, each fitting an 80-column terminal', () => {
    const commands = [...USAGE.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    for (const command of new Set(commands)) {
      if (command === 'help') continue;
      expect(HELP_COMMANDS).toContain(command);
      const page = commandHelp(command as string) ?? '';
      expect(page).toMatch(new RegExp(`^Usage: ferry ${command}`));
      for (const line of page.split('\n')) expect(line.length).toBeLessThan(80);
    }
    for (const line of USAGE.split('\n')) expect(line.length).toBeLessThan(80);
    expect(commands).toEqual(['sync', 'status', 'serve', 'check', 'secret', 'secret', 'help']);
    expect(commandHelp('nope')).toBeNull();
  });

  it('documents the config default and Ctrl+C', () => {
    expect(commandHelp('sync')).toMatch(/FERRY_CONFIG/);
    expect(commandHelp('sync')).toMatch(/Ctrl\+C prints a summary once/);
    expect(USAGE).toMatch(/130 a --once run interrupted/);
    expect(USAGE).toMatch(/--version/);
  });
});
