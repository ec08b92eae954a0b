/** @module Tests of the one place that maps outcomes to exit codes: 0 success, 2 bad input, 1 internal error (no stack unless GORUST_DEBUG), 130 cancelled. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UserError } from '../core/index.ts';
import type { CliIo } from './output.ts';
import { CancelledError, runCli } from './run.ts';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, env, cwd: '/' };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const failing =
  (error: unknown) =>
  (program: Command): void => {
    program.command('boom').action(() => {
      throw error;
    });
  };

describe('runCli', () => {
  it('maps a UserError to exit 2 with its problems listed', async () => {
    const { io, err } = capture();
    const problem = {
      path: 'team.go',
      expected: 'none | some | strong',
      found: '"x"',
      message: 'expected none | some | strong, found "x"',
    };
    expect(
      await runCli(
        ['boom'],
        [failing(new UserError('gorust.yaml is not valid (1 problem):', [problem]))],
        io,
      ),
    ).toBe(2);
    expect(err()).toBe(
      'gorust: gorust.yaml is not valid (1 problem):\n  team.go: expected none | some | strong, found "x"\n',
    );
  });

  it('maps any other error to exit 1 without a stack, unless GORUST_DEBUG is set', async () => {
    const plain = capture();
    expect(await runCli(['boom'], [failing(new TypeError('x is undefined'))], plain.io)).toBe(1);
    expect(plain.err()).toContain('gorust: internal error: x is undefined');
    expect(plain.err()).not.toMatch(/^\s+at /m);
    const debug = capture({ GORUST_DEBUG: '1' });
    expect(await runCli(['boom'], [failing(new TypeError('x is undefined'))], debug.io)).toBe(1);
    expect(debug.err()).toMatch(/^\s+at /m);
  });

  it('maps a cancel to exit 130', async () => {
    const { io, err } = capture();
    expect(await runCli(['boom'], [failing(new CancelledError('cancelled; nothing was written.'))], io)).toBe(
      130,
    );
    expect(err()).toBe('gorust: cancelled; nothing was written.\n');
  });

  it('maps bad arguments to exit 2, and help and version to 0', async () => {
    const bad = capture();
    expect(await runCli(['boom', '--nope'], [failing(null)], bad.io)).toBe(2);
    // Commander's own messages carry gorust's prefix, as every other message about bad input does.
    expect(bad.err()).toMatch(/^gorust: unknown option '--nope'\n/);
    const unknown = capture();
    expect(await runCli(['frob'], [failing(null)], unknown.io)).toBe(2);
    expect(unknown.err()).toMatch(/^gorust: unknown command 'frob'\n/);
    // A mistyped command with --help is still a mistake, not a request for the top-level help.
    const unknownHelp = capture();
    expect(await runCli(['frob', '--help'], [failing(null)], unknownHelp.io)).toBe(2);
    expect(unknownHelp.err()).toMatch(/^gorust: unknown command 'frob'\n/);
    expect(unknownHelp.out()).toBe('');
    const group = (program: Command): void => {
      program
        .command('group')
        .command('sub')
        .action(() => undefined);
    };
    const nested = capture();
    expect(await runCli(['group', 'sbu', '-h'], [group], nested.io)).toBe(2);
    expect(nested.err()).toMatch(/^gorust: unknown command 'sbu'\n/);
    const nestedHelp = capture();
    expect(await runCli(['group', 'sub', '--help'], [group], nestedHelp.io)).toBe(0);
    expect(nestedHelp.out()).toContain('Usage: gorust group sub');
    const help = capture();
    expect(await runCli(['--help'], [failing(null)], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: gorust');
    const none = capture();
    expect(await runCli([], [failing(null)], none.io)).toBe(0);
    expect(none.out()).toContain('boom');
    const version = capture();
    expect(await runCli(['--version'], [], version.io)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
