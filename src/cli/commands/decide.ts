/** @module `gorust decide [PROFILE]`: read a profile, decide with the knowledge base (and, later, lab evidence), render in the chosen format, print or write it. */
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  adrFileName,
  type Decision,
  decide,
  type LabEvidence,
  parseProfileText,
  renderAdr,
  renderJson,
  renderMarkdown,
  renderText,
  UserError,
} from '../../core/index.ts';
import { readKnowledgeBaseCached } from '../../io/kb-cache.ts';
import { readProfileFile, readProfileStream } from '../../io/profile-file.ts';
import {
  type CliIo,
  ensureFolder,
  nextAdrNumber,
  processIo,
  shouldColor,
  todayIso,
  writeFileAtomic,
} from '../output.ts';

/** Everything a renderer may need besides the decision. */
type RenderContext = {
  io: CliIo;
  profilePath: string;
  toFile: boolean;
  dbPath?: string | undefined;
};

/** The charts of the lab run a decision used (--lab), for the HTML report; loaded only then. */
async function labView(d: Decision, ctx: RenderContext) {
  if (d.lab_run === undefined) return undefined;
  const [{ openStore }, { getRun }, { labRunView }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/lab-runs.ts'),
    import('../../lab/report.ts'),
  ]);
  const db = openStore(ctx.dbPath);
  try {
    const run = getRun(db, d.lab_run);
    return run === null ? undefined : labRunView(run);
  } finally {
    db.close();
  }
}

/**
 * The output formats: one renderer each. To add one (the server engineer's `html`), add an entry here;
 * `--format`'s choices and help follow from this table.
 */
const FORMATS = {
  text: {
    help: 'terminal summary',
    render: (d: Decision, ctx: RenderContext) => renderText(d, { color: !ctx.toFile && shouldColor(ctx.io) }),
  },
  md: { help: 'full Markdown report', render: (d: Decision) => renderMarkdown(d) },
  adr: {
    help: 'architecture decision record (MADR 4.0.0)',
    render: (d: Decision, ctx: RenderContext) =>
      renderAdr(d, { date: todayIso(ctx.io.env), profilePath: ctx.profilePath }),
  },
  json: { help: 'the decision as JSON (CONTRACT.md §2)', render: (d: Decision) => renderJson(d) },
  html: {
    help: 'self-contained HTML report with SVG charts (no external requests, printable)',
    render: async (d: Decision, ctx: RenderContext) => {
      // ECharts loads only for this format: core/ssr.ts is kept out of the core index for start-up time.
      const { renderHtmlReport } = await import('../../core/ssr.ts');
      return renderHtmlReport(d, { date: todayIso(ctx.io.env), lab: await labView(d, ctx) });
    },
  },
} satisfies Record<
  string,
  { help: string; render: (d: Decision, ctx: RenderContext) => string | Promise<string> }
>;

type Format = keyof typeof FORMATS;

/** The parsed options of `gorust decide`; `format` is undefined when not given (inferred from --out). */
export type DecideFlags = {
  format?: Format | undefined;
  out?: string | undefined;
  seed?: number;
  lab?: string;
  db?: string;
};

/** Which formats a file extension means; the first one is inferred when --format is not given. */
const EXTENSION_FORMATS: Record<string, readonly Format[]> = {
  '.json': ['json'],
  '.md': ['md', 'adr'],
  '.markdown': ['md', 'adr'],
  '.html': ['html'],
  '.htm': ['html'],
};

/** Where `gorust decide` writes: stdout, one file, or the next numbered ADR in a folder. */
export type OutputPlan = { format: Format; out?: { path: string; folder: boolean } };

/**
 * Settle the format and the target before any work: without --format, `--out x.json` means json (`.md`
 * md, `.html`/`.htm` html, anything else text); a --format that contradicts the extension is refused
 * (exit 2) rather than writing, say, Markdown into `x.json`. A folder (an existing one, or a path ending
 * in /) takes only --format adr, which writes the next NNNN-title.md there.
 * @example
 * planOutput({ out: 'decision.json' }, '/work'); // { format: 'json', out: { path: '/work/decision.json', folder: false } }
 */
export function planOutput(
  flags: Pick<DecideFlags, 'format' | 'out'>,
  cwd: string,
  isDirectory: (path: string) => boolean = (path) =>
    statSync(path, { throwIfNoEntry: false })?.isDirectory() === true,
): OutputPlan {
  const { format, out } = flags;
  if (out === undefined) return { format: format ?? 'text' };
  if (out.trim() === '') throw new UserError('--out needs a file name.');
  const path = resolve(cwd, out);
  const folder = out.endsWith('/') || out.endsWith('\\') || isDirectory(path);
  if (folder) {
    if (format !== 'adr') {
      throw new UserError(
        `--out ${out} is a folder: only --format adr numbers files in a folder; add --format adr, or give a file name.`,
      );
    }
    return { format, out: { path, folder } };
  }
  const meant = EXTENSION_FORMATS[extname(path).toLowerCase()];
  if (format === undefined) return { format: meant?.[0] ?? 'text', out: { path, folder } };
  if (meant !== undefined && !meant.includes(format)) {
    throw new UserError(
      `--format ${format} does not match --out ${out}: a ${extname(path)} file is for --format ${meant.join(' or ')}. Change the extension, or drop --format to infer it from the file name.`,
    );
  }
  return { format, out: { path, folder } };
}

/**
 * Measured evidence for decide() from `--lab RUN|latest` (and `--db FILE`), judged at the profile's p99 SLO.
 * The store and the lab are imported lazily so a plain `decide` never opens SQLite.
 */
async function loadLabEvidence(
  flags: DecideFlags,
  sloP99Ms: number | undefined,
): Promise<LabEvidence | undefined> {
  if (flags.lab === undefined) return undefined;
  const { loadLabEvidence: load } = await import('../../lab/evidence.ts');
  return load(flags.lab, { dbPath: flags.db, sloP99Ms });
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 0xffff_ffff) {
    throw new InvalidArgumentError('the seed must be a whole number from 0 to 4294967295.');
  }
  return Number(value);
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
        `${Object.entries(FORMATS)
          .map(([k, v]) => `${k}: ${v.help}`)
          .join(
            '; ',
          )} (default: from the --out extension, .json json, .md md, .html/.htm html; otherwise text)`,
      ).choices(Object.keys(FORMATS)),
    )
    .option(
      '-o, --out <file>',
      'write to a file instead of printing (its folder must exist); with --format adr, a folder (existing, or ending in /) gets the next NNNN-title.md (a missing folder is created if its parent exists)',
    )
    .option('--seed <n>', 'seed of the robustness analysis (same profile and seed, same output)', parseSeed)
    .option('--lab <run>', 'use the figures a lab run measured on this machine (a run id, or latest)')
    .option('--db <file>', 'the lab store file (default: in your data folder)')
    .addHelpText(
      'after',
      '\nExamples:\n  gorust decide                          # reads ./gorust.yaml\n  gorust decide examples/service-mesh.yaml --format md\n  gorust decide --format adr --out docs/decisions/\n  gorust decide gorust.yaml --format json --seed 7\n  cat gorust.yaml | gorust decide - --out decision.json\n  gorust decide gorust.yaml --lab latest         # measured figures replace the priors\n',
    )
    .action(async (profileArg: string, flags: DecideFlags) => {
      await runDecide(profileArg, flags, io);
    });
}

async function runDecide(profileArg: string, flags: DecideFlags, io: CliIo): Promise<void> {
  const plan = planOutput(flags, io.cwd);
  const profilePath = resolve(io.cwd, profileArg);
  if (profileArg === 'gorust.yaml' && !existsSync(profilePath)) {
    throw new UserError(
      `no gorust.yaml in ${io.cwd}.\nCreate one with \`gorust init\`, copy one from examples/, or pass a file: \`gorust decide path/to/profile.yaml\`.`,
    );
  }
  // `-` is stdin, with the same size and UTF-8 guards as a file.
  const profile =
    profileArg === '-'
      ? parseProfileText(await readProfileStream(io.stdin ?? process.stdin, 'stdin'), 'stdin')
      : readProfileFile(profilePath, profileArg);
  const kb = readKnowledgeBaseCached();
  const lab = await loadLabEvidence(flags, profile.workload.latency_slo?.p99_ms);
  // Figures the lab itself distrusts keep the knowledge base's prior; say which, so the user can rerun or fix the lab.
  if (lab?.excluded !== undefined && lab.excluded.length > 0) {
    io.stderr(
      `note: lab run ${lab.run_id}: left out (the knowledge base's prior is used instead):\n${lab.excluded.map((e) => `  - ${e.figure}: ${e.reason}\n`).join('')}`,
    );
  }
  const decision = decide(profile, kb, { seed: flags.seed, lab });
  const out = plan.out === undefined ? undefined : outputFile(plan.out, decision);
  const text = await FORMATS[plan.format].render(decision, {
    io,
    profilePath: profileArg,
    toFile: out !== undefined,
    dbPath: flags.db,
  });
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  writeFileAtomic(out, text);
  io.stderr(`wrote ${out}\n`);
}

/** The file to write: `--out` itself, or for an ADR into a folder (`--out DIR/`), the next numbered record there. */
function outputFile(out: { path: string; folder: boolean }, decision: Decision): string {
  if (!out.folder) return out.path;
  // The ADR folder itself may be new (docs/decisions/), but only one level: its parent must exist.
  ensureFolder(out.path);
  return join(out.path, adrFileName(decision, nextAdrNumber(out.path)));
}
