/** @module What `gorust decide` does once its flags are parsed (loaded only when it runs, so `--help` and other commands skip zod, yaml and the engine): settle the output, read the profile, decide with the knowledge base and any lab evidence, render, print or write. */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  type AdrOptions,
  adrFileName,
  type Decision,
  decide,
  type EvidenceSources,
  evidenceSources,
  type KeyOrder,
  type KnowledgeBase,
  type LabEvidence,
  type Profile,
  parseProfileTextQuickly,
  renderAdr,
  renderJsonInOrder,
  renderMarkdown,
  renderText,
  revisitTriggers,
  setCountKernel,
  setDrawsStore,
  UserError,
  wasmCountKernel,
} from '../../core/decide-entry.ts';
import { fileDrawsStore } from '../../io/draws-cache.ts';
import { loadKnowledgeBase } from '../../io/kb-load.ts';
import { readProfileFile, readProfileStream } from '../../io/profile-file.ts';
import {
  assertFolderExists,
  type CliIo,
  ensureFolder,
  nextAdrNumber,
  shouldColor,
  todayIso,
  writeFileAtomic,
} from '../output.ts';
import { terminalWidth } from '../table.ts';
import type { DecideFlags, Format } from './decide.ts';
// Only --format adr needs the ADR files' helpers (and node:crypto): imported when it runs.
import type { AdrFile } from './decide-adr.ts';

type AdrModule = typeof import('./decide-adr.ts');

/** The decision JSON's key order, set by scripts/build-cli.ts (esbuild `define`) from the decision schema. */
declare const GORUST_DECISION_ORDER: KeyOrder | undefined;

/** Everything a renderer may need besides the decision. */
type RenderContext = {
  io: CliIo;
  profilePath: string;
  toFile: boolean;
  dbPath?: string | undefined;
  /** Evidence sources, so every cited fact links to its URL. */
  sources?: EvidenceSources | undefined;
  /** --no-color was given. */
  noColor?: boolean | undefined;
  /** Everything the ADR renderer needs besides the decision (set for --format adr). */
  adr?: Omit<AdrOptions, 'date'> | undefined;
};

/** The charts of the lab run a decision used (--lab), for the HTML report; loaded only then. */
async function labView(d: Decision, ctx: RenderContext) {
  if (d.lab_run === undefined) return undefined;
  const [{ openStoreToRead }, { getRun }, { labRunView }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/lab-runs.ts'),
    import('../../lab/analysis/report.ts'),
  ]);
  const db = openStoreToRead(ctx.dbPath);
  try {
    const run = getRun(db, d.lab_run);
    return run === null ? undefined : labRunView(run);
  } finally {
    db.close();
  }
}

/** One renderer per format of FORMAT_HELP (decide.ts): the Record type makes the two lists agree. */
const FORMATS = {
  text: {
    render: (d: Decision, ctx: RenderContext) =>
      renderText(d, {
        color: !ctx.toFile && !ctx.noColor && shouldColor(ctx.io),
        // COLUMNS when set, else the terminal's own width (shells seldom export COLUMNS), else the default.
        width: terminalWidth(ctx.io.env, ctx.toFile ? undefined : ctx.io.columns),
      }),
  },
  md: { render: (d: Decision, ctx: RenderContext) => renderMarkdown(d, { sources: ctx.sources }) },
  adr: {
    render: (d: Decision, ctx: RenderContext) =>
      renderAdr(d, { profilePath: ctx.profilePath, ...ctx.adr, date: todayIso(ctx.io.env) }),
  },
  // Not checked against the schema at run time (start-up cost): test/cli/decide.test.ts checks every example's. The
  // built CLI has the contract's key order from its build; the sources (tsx) derive it from the decision schema.
  json: {
    render: async (d: Decision) =>
      typeof GORUST_DECISION_ORDER === 'undefined'
        ? (await import('../../core/index.ts')).renderJson(d, { validate: false })
        : renderJsonInOrder(d, GORUST_DECISION_ORDER),
  },
  html: {
    render: async (d: Decision, ctx: RenderContext) => {
      // The HTML report and its SVG charts load only for this format: core/ssr.ts is kept out of the core index.
      const { renderHtmlReport } = await import('../../core/ssr.ts');
      return renderHtmlReport(d, {
        date: todayIso(ctx.io.env),
        lab: await labView(d, ctx),
        sources: ctx.sources,
      });
    },
  },
} satisfies Record<Format, { render: (d: Decision, ctx: RenderContext) => string | Promise<string> }>;

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
  // `--out -` is standard output, as for the profile argument.
  if (out === undefined || out === '-') return { format: format ?? 'text' };
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
export async function loadLabEvidence(
  flags: DecideFlags,
  sloP99Ms: number | undefined,
): Promise<LabEvidence | undefined> {
  if (flags.lab === undefined) return undefined;
  const [{ configureZodForCli }, { loadLabEvidence: load }] = await Promise.all([
    import('../zod-config.ts'),
    import('../../lab/analysis/evidence.ts'),
  ]);
  configureZodForCli();
  return load(flags.lab, { dbPath: flags.db, sloP99Ms });
}

/**
 * Run `gorust decide` with parsed flags: settle the output, read the profile (a file, or stdin for `-`),
 * decide, render, print or write.
 * @example
 * await runDecide('gorust.yaml', { format: 'json' }, processIo());
 */
export async function runDecide(profileArg: string, flags: DecideFlags, io: CliIo): Promise<void> {
  const plan = planOutput(flags, io.cwd);
  const profilePath = resolve(io.cwd, profileArg);
  if (profileArg === 'gorust.yaml' && !existsSync(profilePath)) {
    throw new UserError(
      `no gorust.yaml in ${io.cwd}.\nCreate one with \`gorust init\`, copy one from examples/, or pass a file: \`gorust decide path/to/profile.yaml\`.`,
    );
  }
  // `-` is stdin, with the same size and UTF-8 guards as a file. A valid profile is accepted without loading zod;
  // an invalid one gets the schema's messages.
  const profile =
    profileArg === '-'
      ? await parseProfileTextQuickly(await readProfileStream(io.stdin ?? process.stdin, 'stdin'), 'stdin')
      : await readProfileFile(profilePath, profileArg);
  const kb = await loadKnowledgeBase();
  const lab = await loadLabEvidence(flags, profile.workload.latency_slo?.p99_ms);
  // Figures the lab itself distrusts keep the knowledge base's prior; say which, so the user can rerun or fix the lab.
  if (lab?.excluded !== undefined && lab.excluded.length > 0) {
    io.stderr(
      `note: lab run ${lab.run_id}: left out (the knowledge base's prior is used instead):\n${lab.excluded.map((e) => `  - ${e.figure}: ${e.reason}\n`).join('')}`,
    );
  }
  // The draws of an earlier run for the same seed, from the cache folder, checked before use (smaa.ts).
  setDrawsStore(fileDrawsStore(io.env));
  // The counting loop as WebAssembly: the same counts, without compiling the JavaScript loop with TurboFan (count-wasm.ts).
  setCountKernel(wasmCountKernel());
  const decision = decide(profile, kb, { seed: flags.seed, lab });
  if (plan.format === 'adr') {
    await writeAdr(decision, { profile, kb, lab, profileArg, profilePath, plan, flags, io });
    return;
  }
  refuseAdrOnlyFlags(flags);
  const out = plan.out === undefined ? undefined : outputFile(plan.out, decision);
  const text = await FORMATS[plan.format].render(decision, {
    io,
    profilePath: profileArg,
    toFile: out !== undefined,
    dbPath: flags.db,
    noColor: flags.color === false,
    // Read by the Markdown and HTML reports only: not worked out for the others.
    get sources() {
      return evidenceSources(kb.evidence);
    },
  });
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  writeFileAtomic(out, text);
  io.stderr(`wrote ${out}\n`);
}

/** The ADR flags make no sense for other formats: say so rather than ignore them. */
function refuseAdrOnlyFlags(flags: DecideFlags): void {
  const given = (
    [
      ['--status', flags.status],
      ['--decider', flags.decider],
      ['--consulted', flags.consulted],
      ['--informed', flags.informed],
      ['--template', flags.template],
      ['--supersedes', flags.supersedes],
    ] as const
  ).filter(([, v]) => v !== undefined);
  if (given.length > 0)
    throw new UserError(
      `${given.map(([k]) => k).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} only to --format adr.`,
    );
}

type AdrWork = {
  profile: Profile;
  kb: KnowledgeBase;
  lab: LabEvidence | undefined;
  profileArg: string;
  profilePath: string;
  plan: OutputPlan;
  flags: DecideFlags;
  io: CliIo;
};

/**
 * Write (or print) an ADR with the safe re-run rules: a second standing record for the same project in the same
 * folder is refused unless --supersedes NNNN (the old record is marked superseded and linked both ways) or --force
 * (it is replaced, keeping its number); an existing file is never replaced without --force; an --out path that
 * does not exist and has no extension is refused (a file or a folder?).
 */
async function writeAdr(decision: Decision, work: AdrWork): Promise<void> {
  const { flags, plan, io } = work;
  // The statuses MADR and log4brains know; anything else would be written into the record unread by ADR tools.
  if (
    flags.status !== undefined &&
    !/^(draft|proposed|accepted|rejected|deprecated|superseded( by .+)?)$/i.test(flags.status.trim())
  )
    throw new UserError(
      `--status ${flags.status} is not an ADR status: use proposed, accepted, rejected, deprecated, draft, or "superseded by ADR-0003".`,
    );
  const adr = await import('./decide-adr.ts');
  const { listAdrs, markSuperseded, parseAdrNumber, recordsOfProject } = adr;
  const out = plan.out;
  if (out === undefined) {
    if (flags.supersedes !== undefined)
      throw new UserError('--supersedes needs --out DIR/ (the folder of the record it supersedes).');
    // Where the record will be kept is not known: its Confirmation names `gorust check`, not the working folder.
    const options = adrOptions(adr, work, io.cwd, undefined, undefined, undefined);
    io.stdout(renderAdr(decision, { ...options, adrFolder: undefined }));
    // Outside a repository the path is kept relative to the record's own folder, which is the working folder only
    // if the record is saved here; `gorust check` of a record saved elsewhere would not find its profile.
    if (options.record?.base === 'adr' && options.record.profile !== undefined)
      io.stderr(
        `note: this folder is not in a git repository, so the record keeps its profile as ${options.record.profile}, relative to the folder the record is saved in; \`gorust check\` finds the profile only if it is saved here. To keep it elsewhere, write it with --out DIR/ (the path is then recorded from DIR).\n`,
      );
    return;
  }
  if (!out.folder && extname(out.path) === '' && !existsSync(out.path)) {
    throw new UserError(
      `--out ${out.path} does not exist and has no extension: end it with / for a folder of numbered records, or name a .md file.`,
    );
  }
  const dir = out.folder ? out.path : dirname(out.path);
  // A new ADR folder is created only once every check has passed: bad input writes nothing.
  if (out.folder) assertFolderExists(existsSync(dir) ? dir : dirname(dir));
  const records = listAdrs(dir);
  let superseded: AdrFile | undefined;
  if (flags.supersedes !== undefined) {
    const n = parseAdrNumber(flags.supersedes);
    if (n === undefined)
      throw new UserError(
        `--supersedes ${flags.supersedes} is not a record number: give the number of the record it replaces, such as 0003.`,
      );
    superseded = records.find((r) => r.number === n);
    if (superseded === undefined)
      throw new UserError(
        `--supersedes ${flags.supersedes}: no record ${String(n).padStart(4, '0')}-*.md in ${dir}.`,
      );
  }
  const same = recordsOfProject(records, decision.project?.name ?? '').filter(
    (r) => r.path !== superseded?.path && (out.folder || r.path !== out.path),
  );
  if (same.length > 0 && !flags.force) {
    const first = same[0] as AdrFile;
    throw new UserError(
      `${first.path} already records a decision for "${first.data?.project}" (status ${first.status ?? 'unknown'}).\nTo record a new decision that replaces it: add --supersedes ${String(first.number).padStart(4, '0')}; to overwrite it: add --force.`,
    );
  }
  let number: number;
  let replaced: AdrFile | undefined;
  if (out.folder) {
    replaced = flags.force ? same[0] : undefined;
    number = replaced?.number ?? nextAdrNumber(dir);
  } else {
    number = Number(
      /^(\d{4})-/.exec(basename(out.path))?.[1] ?? (superseded === undefined ? 1 : nextAdrNumber(dir)),
    );
  }
  const path = out.folder ? join(dir, adrFileName(decision, number)) : out.path;
  if (existsSync(path) && !flags.force && path !== replaced?.path) {
    throw new UserError(`${path} exists; add --force to overwrite it.`);
  }
  // The gorust record --force overwrites (the project's standing record, or the file named by --out): the new text
  // keeps what people wrote into it, its status, deciders and the record it superseded, unless told otherwise.
  const previous =
    replaced ??
    (flags.force
      ? records.find((r) => r.data !== undefined && resolve(r.path) === resolve(path))
      : undefined);
  const options = adrOptions(adr, work, dir, number, superseded, previous);
  const rendered = renderAdr(decision, options);
  // Sections the team added to the record it overwrites come along; edits inside gorust's own text do not.
  const kept =
    previous === undefined
      ? { text: rendered, count: 0, keptTieBreaker: false }
      : adr.keepTeamSections(previous.text, rendered);
  if (out.folder) ensureFolder(dir);
  writeFileAtomic(path, kept.text);
  if (replaced !== undefined && replaced.path !== path) rmSync(replaced.path, { force: true });
  io.stderr(`wrote ${path}\n`);
  // The new title renamed the file: the records that link to the old name (the one it superseded) follow it.
  if (replaced !== undefined && replaced.path !== path)
    for (const linked of adr.relinkedRecords(records, replaced.file, basename(path))) {
      writeFileAtomic(linked.path, linked.text);
      io.stderr(`updated the link to ${basename(path)} in ${linked.path}\n`);
    }
  if (previous !== undefined)
    io.stderr(
      `note: --force rewrote gorust's text${keptNote(kept)}, with its status, people and links; any other edit to gorust's own sections is replaced (\`git diff\` shows it).\n`,
    );
  if (kept.droppedTieBreaker !== undefined)
    io.stderr(
      `note: the decision is no longer a tie, so the new record has no tie-breaker; the one the decision-makers wrote was:\n  ${kept.droppedTieBreaker}\n`,
    );
  // Said now rather than when CI's `gorust check` stops at the record (the path is the one the record keeps).
  const recorded = options.record?.profile;
  if (recorded === undefined)
    io.stderr(
      'note: decided from standard input, so the record names no profile and `gorust check` cannot re-check it; decide from a file in the repository.\n',
    );
  else if (options.record?.base === 'repo' && recorded.startsWith('../'))
    io.stderr(
      `note: the profile (${recorded}) is outside the repository that holds ${relative(io.cwd, dir) || dir}; \`gorust check\` reads only profiles inside it and will refuse this record. Move the profile into the repository and decide again.\n`,
    );
  if (superseded !== undefined) {
    writeFileAtomic(superseded.path, markSuperseded(superseded.text, number, basename(path)));
    io.stderr(`marked ${superseded.path} superseded by ADR-${String(number).padStart(4, '0')}\n`);
  }
}

/** What `--force` kept of a team's text, for its note: " and kept the 2 sections the team added and its tie-breaker". */
function keptNote({ count, keptTieBreaker }: { count: number; keptTieBreaker: boolean }): string {
  const parts = [
    ...(count > 0
      ? [count === 1 ? 'the section the team added' : `the ${count} sections the team added`]
      : []),
    ...(keptTieBreaker ? ['the tie-breaker the decision-makers wrote'] : []),
  ];
  return parts.length === 0 ? '' : ` and kept ${parts.join(' and ')}`;
}

function adrOptions(
  { adrLayout, isRetired, kbHash, recordedProfilePath, repoRoot, sha256, supersededBy }: AdrModule,
  work: AdrWork,
  adrDir: string,
  number: number | undefined,
  superseded: AdrFile | undefined,
  previous: AdrFile | undefined,
): AdrOptions {
  const { flags, profile, kb, lab, io } = work;
  // A record that supersedes another, or overwrites one with --force, keeps its layout and people unless told
  // otherwise (CI's suggested command names neither, and a log4brains or adr-tools folder must stay readable by its
  // tool); an overwritten one keeps its status and the record it superseded too.
  const from = superseded ?? previous;
  const before = from === undefined ? undefined : adrLayout(from.text);
  const kept = previous === undefined ? undefined : supersededBy(previous.text);
  const status =
    flags.status ?? (previous !== undefined && !isRetired(previous.status) ? previous.status : undefined);
  const recorded = work.profileArg === '-' ? undefined : recordedProfilePath(work.profilePath, adrDir);
  const root = repoRoot(adrDir);
  const folder = root === undefined ? undefined : relativeFolder(root, adrDir);
  return {
    date: todayIso(io.env),
    status,
    template: flags.template ?? before?.template,
    number,
    deciders: flags.decider ?? before?.deciders,
    consulted: flags.consulted ?? before?.consulted,
    informed: flags.informed ?? before?.informed,
    profile,
    // Decided from standard input: the commands the record gives read it the same way (`gorust decide -`).
    profilePath: recorded?.profile ?? work.profileArg,
    triggers: revisitTriggers(profile, kb, { lab }),
    sources: evidenceSources(kb.evidence),
    adrFolder: folder,
    supersedes: superseded === undefined ? kept : { number: superseded.number, file: superseded.file },
    record: {
      profile: recorded?.profile,
      base: recorded?.base,
      profile_sha256: work.profileArg === '-' ? undefined : sha256(readFileSync(work.profilePath)),
      kb_sha256: kbHash(kb),
    },
  };
}

function relativeFolder(root: string, dir: string): string {
  const rel = resolve(dir)
    .slice(resolve(root).length + 1)
    .split('\\')
    .join('/');
  return rel === '' ? '.' : rel;
}

/** The file to write: `--out` itself, or for an ADR into a folder (`--out DIR/`), the next numbered record there. */
function outputFile(out: { path: string; folder: boolean }, decision: Decision): string {
  if (!out.folder) return out.path;
  // The ADR folder itself may be new (docs/decisions/), but only one level: its parent must exist.
  ensureFolder(out.path);
  return join(out.path, adrFileName(decision, nextAdrNumber(out.path)));
}
