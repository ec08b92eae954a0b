/** @module `gorust decide [PROFILE]`: the command's flags and help. The work (profile, knowledge base, engine, renderers) is in decide-run.ts, imported when the command runs, so `gorust decide --help` loads no zod or yaml. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CliIo, processIo } from '../io.ts';

/**
 * The output formats and their help. To add one, add an entry here and its renderer in decide-run.ts
 * (the compiler asks for it); `--format`'s choices and help follow from this table.
 */
export const FORMAT_HELP = {
  text: 'terminal summary',
  md: 'full Markdown report',
  adr: 'architecture decision record (MADR 4.0.0)',
  json: 'the decision as JSON (CONTRACT.md §2)',
  html: 'self-contained HTML report with SVG charts (no external requests, printable)',
} as const;

export type Format = keyof typeof FORMAT_HELP;

/** The parsed options of `gorust decide`; `format` is undefined when not given (inferred from --out). */
export type DecideFlags = {
  format?: Format | undefined;
  out?: string | undefined;
  seed?: number;
  lab?: string;
  db?: string;
  /** --no-color: commander sets color to false. */
  color?: boolean;
  /** ADR options. */
  status?: string;
  decider?: string[];
  consulted?: string[];
  informed?: string[];
  template?: 'madr' | 'log4brains' | 'nygard';
  supersedes?: string;
  force?: boolean;
};

/** Collect a repeatable option into a list. */
function collect(value: string, previous: string[] | undefined): string[] {
  const name = value.trim();
  if (name === '') throw new InvalidArgumentError('a name cannot be empty.');
  return [...(previous ?? []), name];
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 0xffff_ffff) {
    throw new InvalidArgumentError('the seed must be a whole number from 0 to 4294967295.');
  }
  return Number(value);
}

/** --lab names a stored run: an empty value (`--lab ""`, an unset variable) is a mistake, not a run id. */
function parseLabRef(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError(
      'give a lab run id (or a unique prefix of one), or latest; `gorust lab runs` lists them.',
    );
  }
  return value;
}

/**
 * Register `gorust decide`.
 * @example
 * registerDecideCommand(program);
 */
export function registerDecideCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('decide')
    .description('decide Go, Rust or hybrid for a project profile')
    .argument('[profile]', 'the profile file, YAML or JSON; - reads it from stdin', 'gorust.yaml')
    .addOption(
      new Option(
        '-f, --format <format>',
        `${Object.entries(FORMAT_HELP)
          .map(([k, v]) => `${k}: ${v}`)
          .join(
            '; ',
          )} (default: from the --out extension, .json json, .md md, .html/.htm html; otherwise text)`,
      ).choices(Object.keys(FORMAT_HELP)),
    )
    .option(
      '-o, --out <file>',
      'write to a file instead of printing (its folder must exist; - is standard output; a link is written through to its target; a device, FIFO or socket is refused); with --format adr, a folder (existing, or ending in /) gets the next NNNN-title.md (a missing folder is created if its parent exists)',
    )
    .option('--seed <n>', 'seed of the robustness analysis (same profile and seed, same output)', parseSeed)
    .option(
      '--lab <run>',
      'use the figures a lab run measured on this machine (a run id, or latest)',
      parseLabRef,
    )
    .option('--db <file>', 'the lab store file (default: in your data folder)')
    .option('--no-color', 'no ANSI colours in the terminal summary (as NO_COLOR=1 or TERM=dumb)')
    .option('--status <status>', 'ADR status (default: proposed)')
    .option('--decider <name>', 'ADR decision-maker (repeat for several)', collect)
    .option('--consulted <name>', 'ADR: someone consulted (repeat for several)', collect)
    .option('--informed <name>', 'ADR: someone informed (repeat for several)', collect)
    .addOption(
      new Option(
        '--template <name>',
        'ADR layout: madr (MADR 4.0.0 with front matter; adr-log), log4brains (status list under the title), nygard (adr-tools)',
      ).choices(['madr', 'log4brains', 'nygard']),
    )
    .option(
      '--supersedes <NNNN>',
      'ADR: this record supersedes record NNNN in the same folder (its status is updated)',
    )
    .option('--force', 'ADR: overwrite an existing file, or the standing record of the same project')
    .addHelpText(
      'after',
      '\nExamples:\n  gorust decide                          # reads ./gorust.yaml\n  gorust decide examples/service-mesh.yaml --format md\n  gorust decide --format adr --out docs/decisions/\n  gorust decide gorust.yaml --format json --seed 7\n  cat gorust.yaml | gorust decide - --out decision.json\n  gorust decide gorust.yaml --lab latest   # measured figures replace the priors\n  gorust decide gorust.yaml --format adr --out docs/adr/ \\\n    --decider "Ana Ruiz" --supersedes 0003\n',
    )
    .action(async (profileArg: string, flags: DecideFlags) => {
      const { runDecide } = await import('./decide-run.ts');
      await runDecide(profileArg, flags, io);
    });
}
