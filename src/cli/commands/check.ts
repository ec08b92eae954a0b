/** @module `gorust check [DIR]`: decide every gorust ADR in DIR again from the profile it recorded, with the current knowledge base (and a lab run's figures with --lab). Exit 0 when every verdict holds, 3 when one would change (naming the record, the old and new verdict, the facts that changed and the command to record the new decision), 2 for bad input. A verdict that holds but has weakened (now a close call, or P(verdict) down by core's WEAKER_DROP or more) is named "weaker"; with --strict it exits 3 too. The work loads only when the command runs. */
import type { Command } from 'commander';
import { type CliIo, processIo } from '../io.ts';
import { VerdictChanged } from '../run.ts';

export type CheckFlags = { lab?: string; db?: string; strict?: boolean };

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
    .option(
      '--strict',
      'also exit 3 when a verdict holds but has weakened: it became a close call, or its probability fell by 10 points or more',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 every verdict holds (a weakened one is named "weaker"); 3 a\nverdict would change, or with --strict has weakened (the records are named);\n2 bad input.\n\nExamples:\n  gorust check                 # docs/adr, docs/decisions, doc/adr...\n  gorust check docs/decisions --lab latest\n  gorust check --strict        # a verdict turned close call fails CI too\n',
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
    { relative, resolve },
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
  const hasRecords = (path: string) => files.listAdrs(path).some((r) => r.data !== undefined);
  // Without a folder, the usual homes of ADRs (log4brains' docs/adr, MADR's docs/decisions, adr-tools' doc/adr).
  const dir =
    given ??
    (ADR_FOLDERS.find((d) => hasRecords(resolve(io.cwd, d))) as string | undefined) ??
    ADR_FOLDERS[0];
  const folder = resolve(io.cwd, dir);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(
      `${dir} is not a folder of ADRs (gorust check [DIR]; without one, the first of ${ADR_FOLDERS.join(', ')} that holds records).`,
    );
  const standing = files.listAdrs(folder).filter((r) => !files.isRetired(r.status));
  const damaged = standing.filter((r) => r.problem !== undefined);
  if (damaged.length > 0)
    throw new UserError(
      `${damaged.map((r) => `${relative(io.cwd, r.path) || r.path}: gorust's data at its end is damaged: ${r.problem}`).join('\n')}\nRestore it from version control (or remove its gorust-adr comment to stop checking it).`,
    );
  const records = standing.filter((r) => r.data !== undefined);
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
  let changed = 0;
  let weaker = 0;
  for (const record of records) {
    const data = record.data as NonNullable<typeof record.data>;
    const profilePath = files.resolveRecordedProfile(data, folder);
    if (profilePath === undefined)
      throw new UserError(
        `${shown(record.path)} records no profile path (it was decided from stdin), so it cannot be checked.`,
      );
    // A repository-relative profile stays inside the repository: a record changed in a pull request cannot make CI
    // read (and quote in an error) a file elsewhere on the machine.
    const root = data.base === 'adr' ? undefined : files.repoRoot(folder);
    if (root !== undefined && relative(root, profilePath).split(/[\\/]/)[0] === '..')
      throw new UserError(
        `${shown(record.path)} records its profile at ${data.profile}, outside the repository; gorust check reads only profiles inside it.`,
      );
    if (!existsSync(profilePath))
      throw new UserError(
        `${shown(record.path)} was decided from ${data.profile}, which no longer exists (looked for ${shown(profilePath)}).`,
      );
    const profile = await readProfileFile(profilePath, shown(profilePath));
    const lab = await loadLabEvidence(flags, profile.workload.latency_slo?.p99_ms);
    const decision = core.decide(profile, kb, { seed: data.seed, lab });
    const facts = core.diffFacts(core.recordedFacts(data), core.profileFacts(profile));
    const reasons: string[] = facts.map(
      (f) => `${f.label}: ${f.before ?? '(not set)'} -> ${f.after ?? '(not set)'}`,
    );
    const hash = files.sha256(readFileSync(profilePath));
    if (reasons.length === 0 && data.profile_sha256 !== undefined && hash !== data.profile_sha256)
      reasons.push('the profile file changed (no decisive fact did)');
    if (data.kb_sha256 !== undefined && data.kb_sha256 !== kbNow)
      reasons.push('the knowledge base changed since the record');
    if (lab !== undefined) reasons.push(`lab run ${lab.run_id} measured figures the record did not use`);
    const label = (v: string) => (v === 'hybrid' ? 'Hybrid' : v === 'go' ? 'Go' : 'Rust');
    if (decision.verdict === data.verdict) {
      const note = reasons.length === 0 ? '' : ` (changed: ${reasons.join('; ')})`;
      const weakened = core.weakening(data, decision);
      if (weakened === undefined) {
        io.stdout(`holds    ${shown(record.path)}: ${label(data.verdict)}${note}\n`);
        continue;
      }
      weaker += 1;
      io.stdout(`weaker   ${shown(record.path)}: ${label(data.verdict)}, ${weakened}${note}\n`);
      continue;
    }
    changed += 1;
    const number = String(record.number).padStart(4, '0');
    const seed = data.seed === undefined ? '' : ` --seed ${data.seed}`;
    const labFlag = flags.lab === undefined ? '' : ` --lab ${flags.lab}`;
    io.stdout(
      [
        `CHANGED  ${shown(record.path)}: recorded ${label(data.verdict)}, now ${label(decision.verdict)}`,
        ...(reasons.length === 0
          ? ['  what changed: nothing recorded differs (gorust itself changed)']
          : reasons.map((r) => `  what changed: ${r}`)),
        `  record the new decision: gorust decide ${shown(profilePath)}${seed}${labFlag} --format adr --out ${dir.replace(/\/?$/, '/')} --supersedes ${number}`,
        '',
      ].join('\n'),
    );
  }
  const failed = changed + (flags.strict === true ? weaker : 0);
  const ofThem = weaker === 0 ? '' : `, ${weaker} of them weaker`;
  const hold = `${records.length} ${records.length === 1 ? 'record holds' : 'records hold'}`;
  io.stdout(
    changed === 0
      ? `${hold}${ofThem}${failed > 0 ? ': exit 3 (--strict)' : ''}.\n`
      : `${changed} of ${records.length} ${records.length === 1 ? 'record' : 'records'} would change${weaker === 0 ? '' : `, ${weaker} weaker`}: exit 3.\n`,
  );
  return failed;
}

/** Where ADRs usually live, in the order `gorust check` looks without a folder. */
const ADR_FOLDERS = ['docs/adr', 'docs/decisions', 'doc/adr', 'doc/decisions'] as const;
