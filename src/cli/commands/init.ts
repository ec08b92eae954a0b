/** @module `gorust init`: the command and its help; the work is in init-run.ts, imported when the command runs. */
import type { Command } from 'commander';
import { type CliIo, processIo } from '../io.ts';

/**
 * Register `gorust init`.
 * @example
 * registerInitCommand(program);
 */
export function registerInitCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('init')
    .description('answer a few questions in the terminal and write a project profile (gorust.yaml)')
    .argument('[file]', 'where to write the profile', 'gorust.yaml')
    .action(async (file: string) => {
      const [{ runInit }, { createClackPrompter, isInteractive }] = await Promise.all([
        import('./init-run.ts'),
        import('../prompts.ts'),
      ]);
      await runInit({ file, io, interactive: isInteractive(), prompter: createClackPrompter });
    });
}
