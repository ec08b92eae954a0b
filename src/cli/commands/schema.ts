/** @module `gorust schema`: print the JSON Schema of profile v1 (derived from the zod schema) for editors and CI validators. */
import type { Command } from 'commander';
import { profileJsonSchema } from '../../core/index.ts';
import { type CliIo, processIo } from '../output.ts';

/**
 * Register `gorust schema`.
 * @example
 * registerSchemaCommand(program);
 */
export function registerSchemaCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('schema')
    .description('print the JSON Schema of the project profile (gorust.yaml), version 1')
    .addHelpText(
      'after',
      '\nExample:\n  gorust schema > gorust.schema.json\n  # then, at the top of gorust.yaml (YAML language server):\n  # yaml-language-server: $schema=./gorust.schema.json\n',
    )
    .action(() => {
      io.stdout(`${JSON.stringify(profileJsonSchema(), null, 2)}\n`);
    });
}
