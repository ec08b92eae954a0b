/** @module Tests of which command modules a command line loads: one for a named command, none for --version, all for help and typos. */
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, commandsNeeded, loadCommands } from './command-list.ts';

const ALL = Object.keys(COMMAND_LOADERS);

describe('commandsNeeded', () => {
  it('loads only the named command', () => {
    expect(commandsNeeded(['decide', 'x.yaml', '--format', 'json'])).toEqual(['decide']);
    expect(commandsNeeded(['lab', 'run', 'http-json'])).toEqual(['lab']);
  });

  it('loads none for a bare --version, all for help, options first, and unknown commands', () => {
    expect(commandsNeeded(['--version'])).toEqual([]);
    expect(commandsNeeded(['-V'])).toEqual([]);
    for (const argv of [[], ['--help'], ['help', 'decide'], ['decied'], ['--version', 'x']]) {
      expect(commandsNeeded(argv)).toEqual(ALL);
    }
    // A key of Object.prototype is not a command.
    expect(commandsNeeded(['toString'])).toEqual(ALL);
  });

  it('lists every command in help order and loads real registrations', async () => {
    expect(ALL).toEqual(['init', 'decide', 'check', 'kb', 'schema', 'lab', 'serve']);
    const registrations = await loadCommands(['schema']);
    expect(registrations).toHaveLength(1);
    expect(typeof registrations[0]).toBe('function');
  });
});
