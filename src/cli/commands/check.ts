/** @module `gorust check [DIR]`: decide every gorust ADR in DIR again from the profile it recorded, with the current knowledge base (and a lab run's figures with --lab). Exit 0 when every verdict holds, 3 when one would change (naming the record, the old and new verdict, the facts that changed and the command to record the new decision), 2 for bad input. A verdict that holds but has weakened (now a close call, or P(verdict) down by core's WEAKER_DROP or more) is named "weaker"; with --strict it exits 3 too. The work loads only when the command runs. */
import { type Command, Option } from 'commander';
import type { Verdict } from '../../core/profile/vocabulary.ts';
import { type CliIo, processIo } from '../io.ts';
import { VerdictChanged } from '../run.ts';

export type CheckFlags = { lab?: string; db?: string; strict?: boolean; format?: 'text' | 'json' };

/**
 * Register `gorust check`.
 * @example
 * registerCheckCommand(program);
 */
export function registerCheckCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('check')
    .description(
      'decide every gorust ADR again from its recorded profile; exit 3 when a verdict would change',
    )
    .argument(
      '[dir]',
      'the ADR folder (default: the first of docs/adr, docs/decisions, doc/adr, doc/decisions that holds gorust records)',
    )
    .option('--lab <run>', 'also use the figures a lab run measured (a run id, or latest)')
    .option('--db <file>', 'the lab store file (default: in your data folder)')
    .addOption(
      new Option(
        '--format <format>',
        'text: a line per record; json: every record with its verdict and P(verdict) then and now, and the counts',
      )
        .choices(['text', 'json'])
        .default('text'),
    )
    .option(
      '--strict',
      'also exit 3 when a verdict holds but has weakened: it became a close call, or its probability fell by 10 points or more',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 every verdict holds (a weakened one is named "weaker"); 3 a\nverdict would change, or with --strict has weakened (the records are named);\n2 bad input.\n\nExamples:\n  gorust check                 # docs/adr, docs/decisions, doc/adr...\n  gorust check docs/decisions --lab latest\n  gorust check --strict        # a verdict turned close call fails CI too\n  gorust check --format json   # for a bot that comments on pull requests\n',
    )
    .action(async (dir: string | undefined, flags: CheckFlags) => {
      const failed = await runCheck(dir, flags, io);
      if (failed > 0) throw new VerdictChanged(failed);
    });
}

/**
 * Check every standing gorust record in `dir`; print what holds, what has weakened and what changed; return how many
 * fail the check (changed, and with `strict` weakened).
 * @example
 * const changed = await runCheck('docs/adr', {}, processIo());
 */
export async function runCheck(given: string | undefined, flags: CheckFlags, io: CliIo): Promise<number> {
  const [
    { existsSync, readFileSync, statSync },
    { dirname, relative, resolve },
    core,
    files,
    { readKnowledgeBaseCached },
    { readProfileFile },
    { loadLabEvidence },
  ] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('../../core/index.ts'),
    import('./decide-adr.ts'),
    import('../../io/kb-cache.ts'),
    import('../../io/profile-file.ts'),
    import('./decide-run.ts'),
  ]);
  const { UserError } = core;
  // The folder found is read once: finding it and checking it share the listing.
  const listed = new Map<string, ReturnType<typeof files.listAdrs>>();
  const list = (path: string) => {
    const known = listed.get(path) ?? files.listAdrs(path);
    listed.set(path, known);
    return known;
  };
  const hasRecords = (path: string) => list(path).some((r) => r.data !== undefined);
  // Without a folder, the usual homes of ADRs (log4brains' docs/adr, MADR's docs/decisions, adr-tools' doc/adr).
  const dir =
    given ??
    (ADR_FOLDERS.find((d) => hasRecords(resolve(io.cwd, d))) as string | undefined) ??
    ADR_FOLDERS[0];
  const folder = resolve(io.cwd, dir);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(
      given === undefined
        ? `no ADR folder here: none of ${ADR_FOLDERS.join(', ')} holds gorust records. Name the folder (gorust check DIR), or write a record with \`${statSync(resolve(io.cwd, dirname(ADR_FOLDERS[0])), { throwIfNoEntry: false }) === undefined ? `mkdir -p ${ADR_FOLDERS[0]} && ` : ''}gorust decide PROFILE --format adr --out ${ADR_FOLDERS[0]}/\`.`
        : statSync(folder, { throwIfNoEntry: false }) === undefined
          ? `${dir} does not exist (gorust check [DIR]; without one, the first of ${ADR_FOLDERS.join(', ')} that holds records).`
          : `${dir} is not a folder of ADRs (gorust check [DIR]; without one, the first of ${ADR_FOLDERS.join(', ')} that holds records).`,
    );
  const standing = list(folder).filter((r) => !files.isRetired(r.status));
  // A record that cannot be checked (damaged, or its profile out of reach) is named at the end (exit 2), after every
  // other record has been checked.
  const unreadable: string[] = standing
    .filter((r) => r.problem !== undefined)
    .map(
      (r) =>
        `${relative(io.cwd, r.path) || r.path}: gorust's data at its end is damaged: ${r.problem}. Restore it from version control (or remove its last lines, from "Generated by gorust" on, to stop checking it).`,
    );
  const records = standing.filter((r) => r.data !== undefined);
  if (records.length === 0 && unreadable.length > 0) throw new UserError(unreadable.join('\n'));
  const retired = list(folder).filter((r) => r.data !== undefined && files.isRetired(r.status)).length;
  if (records.length === 0 && retired > 0) {
    // Every gorust record was superseded, deprecated or rejected (by gorust or by an ADR tool): nothing stands.
    if (flags.format === 'json') {
      const report: CheckReport = { folder: dir, records: [], holds: 0, weaker: 0, changed: 0, exit: 0 };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else
      io.stdout(
        `No standing gorust record in ${dir}: ${retired} superseded, deprecated or rejected, so nothing to check.\n`,
      );
    return 0;
  }
  if (records.length === 0) {
    // A folder below may hold them (`gorust check .` at the repository's root).
    const below = files.foldersBelow(folder).filter(hasRecords);
    const found = below.map((path) => relative(io.cwd, path) || path);
    throw new UserError(
      found.length > 0
        ? `no gorust records in ${dir}, but ${found.join(', ')} ${found.length === 1 ? 'has' : 'have'} some: run \`gorust check ${found[0]}\`.`
        : `no gorust records in ${dir}: write one with \`gorust decide PROFILE --format adr --out ${dir}/\`.`,
    );
  }
  const kb = readKnowledgeBaseCached();
  const kbNow = files.kbHash(kb);
  const shown = (path: string) => relative(io.cwd, path) || path;
  const rows: CheckRow[] = [];
  for (const record of records) {
    const data = record.data as NonNullable<typeof record.data>;
    const profilePath = files.resolveRecordedProfile(data, folder);
    if (profilePath === undefined) {
      unreadable.push(
        `${shown(record.path)} records no profile path (it was decided from stdin), so it cannot be checked.`,
      );
      continue;
    }
    // A repository-relative profile stays inside the repository: a record changed in a pull request cannot make CI
    // read (and quote in an error) a file elsewhere on the machine.
    const root = data.base === 'adr' ? undefined : files.repoRoot(folder);
    if (root !== undefined && relative(root, profilePath).split(/[\\/]/)[0] === '..') {
      unreadable.push(
        `${shown(record.path)} records its profile at ${data.profile}, outside the repository; gorust check reads only profiles inside it.`,
      );
      continue;
    }
    if (!existsSync(profilePath)) {
      unreadable.push(
        `${shown(record.path)} was decided from ${data.profile}, which no longer exists (looked for ${shown(profilePath)}).`,
      );
      continue;
    }
    // A profile that no longer validates is named with its record, after the other records are checked.
    let profile: Awaited<ReturnType<typeof readProfileFile>>;
    try {
      profile = await readProfileFile(profilePath, shown(profilePath));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      unreadable.push(
        `${shown(record.path)} was decided from ${data.profile}, which is no longer a valid profile: ${error.message}\n${core.formatProblems(error.problems).trimEnd()}`,
      );
      continue;
    }
    const lab = await loadLabEvidence(flags, profile.workload.latency_slo?.p99_ms);
    const decision = core.decide(profile, kb, { seed: data.seed, lab });
    const facts = core.diffFacts(core.recordedFacts(data), core.profileFacts(profile));
    // A changed fact the components set aside moved nothing: say so, or "holds (changed: ...)" reads as if it had.
    const aside = new Set(core.setAsideFacts(profile)?.paths ?? []);
    // The boundary plan can still spend a set-aside project SLO (a caller without one into a latency-critical part).
    if (core.projectSloSpentByPlan(profile)) aside.delete('workload.latency_slo.p99_ms');
    const reasons: string[] = facts.map(
      (f) =>
        `${core.factChangeText(f)}${aside.has(f.key) ? ' (reaches no component, so it moved nothing)' : ''}`,
    );
    const hash = files.sha256(readFileSync(profilePath));
    if (reasons.length === 0 && data.profile_sha256 !== undefined && hash !== data.profile_sha256)
      reasons.push('the profile file changed (no decisive fact did)');
    if (data.kb_sha256 !== undefined && data.kb_sha256 !== kbNow)
      reasons.push('the knowledge base changed since the record');
    // Named only when the run's figures replaced a prior (decide sets lab_run then) and the record used another.
    if (decision.lab_run !== undefined && decision.lab_run !== data.lab_run)
      reasons.push(`lab run ${decision.lab_run} measured figures the record did not use`);
    const head = { path: shown(record.path), number: record.number, project: data.project };
    const recorded = { verdict: data.verdict, confidence: data.confidence, close_call: data.close_call };
    const now = {
      verdict: decision.verdict,
      confidence: core.recordedConfidence(decision.confidence),
      close_call: decision.close_call,
    };
    // A hybrid whose components or boundaries moved is another decision than the record's, though still a hybrid.
    const plan = core.planChanges(data.plan, core.planEntries(decision));
    const number = String(record.number).padStart(4, '0');
    const seed = data.seed === undefined ? '' : ` --seed ${data.seed}`;
    const labFlag = flags.lab === undefined ? '' : ` --lab ${flags.lab}`;
    const command = `gorust decide ${shown(profilePath)}${seed}${labFlag} --format adr --out ${dir.replace(/\/?$/, '/')} --supersedes ${number}`;
    if (decision.verdict === data.verdict && plan.length === 0) {
      // A component that was not a near tie when recorded and is one now weakens the plan as a verdict's fall does
      // (records written before near_ties was kept cannot tell).
      const ties =
        data.near_ties === undefined
          ? []
          : decision.components.filter((c) => c.near_tie === true && !data.near_ties?.includes(c.name));
      const tieText = ties.map(
        (c) =>
          `component ${c.name} is now a near tie (${core.formatPercent(Math.max(c.probabilities?.go ?? 0, c.probabilities?.rust ?? 0))} ${c.language === 'go' ? 'Go' : 'Rust'})`,
      );
      const weakened =
        [core.weakening(data, decision), ...tieText].filter((t) => t !== undefined).join('; ') || undefined;
      // A weaker record fails `--strict`: it gets the same next step as a changed one.
      // A tie the facts have since settled still reads "Chosen option: none yet": it holds, and says how to record it.
      const settled = data.close_call === true && !decision.close_call && decision.verdict !== 'hybrid';
      rows.push(
        weakened === undefined
          ? {
              ...head,
              status: 'holds',
              recorded,
              now,
              changed: reasons,
              ...(settled
                ? {
                    settled: `no longer a tie: P(verdict) ${data.confidence === undefined ? '' : `${core.formatPercent(data.confidence)} -> `}${core.formatPercent(decision.confidence)}, while the record still chooses nothing`,
                    command,
                  }
                : {}),
            }
          : { ...head, status: 'weaker', recorded, now, changed: reasons, weaker: weakened, command },
      );
      continue;
    }
    rows.push({
      ...head,
      status: 'changed',
      recorded,
      now,
      changed: reasons,
      ...(plan.length === 0 ? {} : { plan }),
      command,
    });
  }
  const count = (status: CheckRow['status']) => rows.filter((r) => r.status === status).length;
  const changed = count('changed');
  const weaker = count('weaker');
  const failed = changed + (flags.strict === true ? weaker : 0);
  // Records that cannot be checked end the run with exit 2, after the others; JSON prints nothing then (CONTRACT.md).
  const refuse = () => {
    if (unreadable.length === 0) return;
    const others =
      rows.length === 0
        ? ''
        : `\n${rows.length === 1 ? 'The other record was' : `The other ${rows.length} records were`} checked${flags.format === 'json' ? ' (run without --format json to see them)' : ' above'}.`;
    throw new UserError(`${unreadable.join('\n')}${others}`);
  };
  if (flags.format === 'json') {
    refuse();
    const report: CheckReport = {
      folder: dir,
      records: rows,
      holds: count('holds'),
      weaker,
      changed,
      exit: failed > 0 ? 3 : 0,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return failed;
  }
  // In a terminal, each line wrapped to its width under its own indent; into a pipe or a log, one line each, for grep.
  const { hanging } = await import('../table.ts');
  const width = io.columns;
  const toWidth = (text: string) =>
    width === undefined
      ? text
      : text
          .split('\n')
          .map((line) => {
            const lead = line.slice(0, line.length - line.trimStart().length);
            return hanging(line.trimStart(), width, lead, `${lead}    `);
          })
          .join('\n');
  for (const row of rows) io.stdout(toWidth(checkRowText(row, core.VERDICT_NAMES)));
  // The counts read as --format json's: a weaker record is not among those that hold (its verdict does).
  const holding = rows.length - changed - weaker;
  const counted = [
    ...(changed > 0 ? [`${changed} would change`] : []),
    ...(holding > 0 || weaker === 0 ? [`${holding} ${holding === 1 ? 'holds' : 'hold'}`] : []),
    ...(weaker > 0
      ? [`${weaker} weaker (${weaker === 1 ? 'its verdict holds' : 'their verdicts hold'})`]
      : []),
  ];
  if (rows.length > 0)
    io.stdout(
      changed === 0 && weaker === 0
        ? `${rows.length} ${rows.length === 1 ? 'record holds' : 'records hold'}.\n`
        : `${rows.length} ${rows.length === 1 ? 'record' : 'records'}: ${counted.join(', ')}${failed > 0 ? `: exit 3${changed === 0 ? ' (--strict)' : ''}` : ''}.\n`,
    );
  refuse();
  return failed;
}

/** One record as `gorust check` found it (the items of `--format json`'s `records`). */
export type CheckRow = {
  /** The record's path, relative to the working directory. */
  path: string;
  number: number;
  project: string;
  status: 'holds' | 'weaker' | 'changed';
  /** As recorded: `confidence` is absent in records written before it was kept, `close_call` in the oldest. */
  recorded: { verdict: Verdict; confidence?: number | undefined; close_call?: boolean | undefined };
  now: { verdict: Verdict; confidence: number; close_call: boolean };
  /** What differs from the record: the profile's facts, the profile file, the knowledge base, a lab run. */
  changed: string[];
  /** With status weaker: how ("now a close call: P(verdict) 93% -> 58%"). */
  weaker?: string;
  /** With status changed: how the plan moved since the record (a component's language, a boundary's mechanism). */
  plan?: string[];
  /** With status holds: a tie the facts have settled ("no longer a tie: P(verdict) 63% -> 77%, ..."). */
  settled?: string;
  /** With status changed or weaker, or a settled tie: the command that records the decision as it now stands. */
  command?: string;
};

/** `gorust check --format json`: every standing record, the counts, and the exit code the check ends with. */
export type CheckReport = {
  folder: string;
  records: CheckRow[];
  holds: number;
  weaker: number;
  changed: number;
  exit: 0 | 3;
};

/** A record's lines in the terminal: `holds`, `weaker` or `CHANGED` with what changed and the command to record it. */
function checkRowText(row: CheckRow, names: Record<Verdict, string>): string {
  if (row.status === 'changed') {
    const now =
      row.now.verdict === row.recorded.verdict
        ? `still ${names[row.now.verdict]}, with another plan`
        : `now ${names[row.now.verdict]}`;
    return [
      `CHANGED  ${row.path}: recorded ${names[row.recorded.verdict]}, ${now}`,
      ...(row.plan ?? []).map((change) => `  plan: ${change}`),
      ...(row.changed.length === 0
        ? ['  what changed: nothing recorded differs (gorust itself changed)']
        : row.changed.map((r) => `  what changed: ${r}`)),
      `  record the new decision: ${row.command ?? ''}`,
      '',
    ].join('\n');
  }
  const note = row.changed.length === 0 ? '' : ` (changed: ${row.changed.join('; ')})`;
  return row.status === 'weaker'
    ? `weaker   ${row.path}: ${names[row.recorded.verdict]}, ${row.weaker ?? ''}${note}\n  to record it as it now stands: ${row.command ?? ''}\n`
    : row.settled !== undefined
      ? `holds    ${row.path}: ${names[row.recorded.verdict]}, ${row.settled}${note}\n  to record it as it now stands: ${row.command ?? ''}\n`
      : `holds    ${row.path}: ${names[row.recorded.verdict]}${note}\n`;
}

/** Where ADRs usually live, in the order `gorust check` looks without a folder. */
const ADR_FOLDERS = ['docs/adr', 'docs/decisions', 'doc/adr', 'doc/decisions'] as const;
