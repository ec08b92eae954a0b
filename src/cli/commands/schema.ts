/** @module `gorust schema [profile|decision]`: print the JSON Schema (draft 2020-12) of profile v1 or of the decision JSON, both derived from the zod schemas, for editors and CI validators. */
import { type Command, InvalidArgumentError } from 'commander';
import { type CliIo, processIo } from '../io.ts';

/**
 * Register `gorust schema`.
 * @example
 * registerSchemaCommand(program);
 */
export function registerSchemaCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema of the project profile (gorust.yaml, version 1) or of the decision JSON',
    )
    .argument(
      '[which]',
      'profile or decision',
      (value: string) => {
        if (value !== 'profile' && value !== 'decision')
          throw new InvalidArgumentError('expected profile or decision.');
        return value;
      },
      'profile',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  gorust schema > gorust.schema.json\n  # then, at the top of gorust.yaml (YAML language server):\n  # yaml-language-server: $schema=./gorust.schema.json\n  gorust schema decision > decision.schema.json\n',
    )
    .action(async (which: 'profile' | 'decision') => {
      const { decisionJsonSchema, profileJsonSchema } = await import('../../core/index.ts');
      const schema = which === 'decision' ? decisionJsonSchema() : profileJsonSchema();
      io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
