/** @module The Decide view: the questionnaire, existing code, components and stakeholders on the left, the live decision on the right; import/export YAML, examples, a share link, what-if sliders, save. The draft is kept across reloads; while an answer is invalid the last verdict stays, dimmed. */
import { lazy, useEffect, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_SAMPLES,
  formatCount,
  type InputProblem,
  type KnowledgeBase,
  profileFileName,
  QUESTIONS,
} from '../../../src/core/browser.ts';
import { ComponentEditor } from '../components/component-editor.tsx';
import { DecisionPanel } from '../components/decision-panel.tsx';
import { ExistingCodeFields } from '../components/existing-code-fields.tsx';
import { Questionnaire } from '../components/questionnaire.tsx';
import { StakeholderEditor } from '../components/stakeholder-editor.tsx';
import { getDecision, saveDecision } from '../lib/api.ts';
import { downloadText } from '../lib/download.ts';
import {
  composeProfile,
  type Draft,
  draftFromProfile,
  type Evaluation,
  emptyDraft,
  evaluateProfile,
  type ImportResult,
  importProfileValue,
  type Priorities,
} from '../lib/draft.ts';
import { decodeShare, encodeShare, readStoredDraft, storeDraft } from '../lib/draft-store.ts';
import { listExamples } from '../lib/examples.ts';
import { componentsOf, existingCodeOf, stakeholdersOf, withExistingCode, withList } from '../lib/parts.ts';
import { plainProblem } from '../lib/plain-words.ts';
import { routeHref } from '../lib/route.ts';
import { useSettledEvaluation } from '../lib/use-settled-evaluation.ts';

// Below the verdict, inside DecisionPanel's lazily loaded details: chunks of their own, not in the first download.
const StakeholderSummary = lazy(() =>
  import('../components/stakeholder-summary.tsx').then((m) => ({ default: m.StakeholderSummary })),
);
const WeightSliders = lazy(() =>
  import('../components/weight-sliders.tsx').then((m) => ({ default: m.WeightSliders })),
);

/** Parts of an imported profile the sidebar edits itself, so not listed as "kept from the imported profile". */
const EDITED_HERE = new Set(['components', 'stakeholders', 'priorities', 'existing_code']);
const QUESTION_PROMPTS = new Map(QUESTIONS.map((question) => [question.id, question.prompt]));

type OkEvaluation = Extract<Evaluation, { ok: true }>;

/**
 * @example
 * <DecideView kb={kb} example="close-call" />
 */
export function DecideView({
  kb,
  example,
  savedId,
  shared,
}: {
  kb: KnowledgeBase;
  example?: string | undefined;
  /** Start from a saved decision's profile (History -> "Edit a copy"). */
  savedId?: string | undefined;
  /** A profile packed into a link (`#/share/DATA`). */
  shared?: string | undefined;
}) {
  const examples = useMemo(() => listExamples(), []);
  // A plain #/decide picks up the draft of the last visit; a link to an example, a saved decision or a shared
  // draft loads that instead. A link to an example opens it in the first render, so its verdict is in the first
  // frame the page paints (not one render and one effect later).
  // The draft of the last visit is where the page starts, whatever the link: a link that opens something else
  // replaces it with an Undo (as inside an open page), and a link that cannot be opened leaves it alone.
  const [stored] = useState(() => readStoredDraft());
  const [linked] = useState((): { draft: Draft; overrides: Priorities } | null => {
    if (example === undefined) return null;
    const found = examples.find((candidate) => candidate.id === example);
    const opened = found ? importProfileValue(found.profile, `examples/${found.id}.yaml`) : null;
    return opened?.ok ? { draft: opened.draft, overrides: {} } : null;
  });
  const initial = linked ?? stored;
  /** The example the draft was last opened from by the link, so the link's effect does not open it twice. */
  const linkedExample = useRef(example);
  const [draft, setDraft] = useState<Draft>(() => initial?.draft ?? emptyDraft());
  const [overrides, setOverrides] = useState<Priorities>(() => initial?.overrides ?? {});
  const [importProblems, setImportProblems] = useState<{
    message: string;
    problems: InputProblem[];
    /** What was not opened: the file (default), a shared link or a saved decision. */
    title?: string | undefined;
  } | null>(() => (example !== undefined && linked === null ? unknownExample(example) : null));
  const [saved, setSaved] = useState<{ id: string } | { error: string } | null>(null);
  /** What waits on "with the what-if weights?": a save or an export (both write the profile somewhere). */
  const [askWhatIf, setAskWhatIf] = useState<'save' | 'export' | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const saveStatus = useRef<HTMLDivElement>(null);
  /** An answer to "Save with the what-if weights?" takes the focus to what saving said once it is said. */
  const focusSaveStatus = useRef(false);
  useEffect(() => {
    if (saved === null || !focusSaveStatus.current) return;
    focusSaveStatus.current = false;
    saveStatus.current?.focus();
  }, [saved]);
  /** The draft's link once "Share link" made it, and whether the clipboard took it (null while the browser answers). */
  const [shareLink, setShareLink] = useState<{ link: string; copied: boolean | null } | null>(null);
  const [exampleId, setExampleId] = useState(example ?? '');
  const fileInput = useRef<HTMLInputElement>(null);
  /** Counts the drafts opened (an example, a file, a link, Start over, Undo): each gets a fresh form. */
  const [opened, setOpened] = useState(0);

  const value = useMemo(() => composeProfile(draft, overrides), [draft, overrides]);
  // Fast while answers or sliders move; the CLI's sample count once they have been still for a moment.
  const { evaluation, samples, approximate } = useSettledEvaluation(value, kb);
  // The last verdict stays on screen (dimmed) while an answer is being typed or is invalid.
  const lastGood = useRef<OkEvaluation | null>(null);
  if (evaluation.ok) lastGood.current = evaluation;

  useEffect(() => storeDraft({ draft, overrides }), [draft, overrides]);

  /** A change made by the user: the page's link no longer names an example or a saved decision. */
  const detachLink = () => {
    if (window.location.hash !== '' && window.location.hash !== routeHref({ view: 'decide' })) {
      window.history.replaceState(null, '', routeHref({ view: 'decide' }));
    }
    setShareLink(null);
  };
  const edit = (update: (current: Draft) => Draft) => {
    detachLink();
    setSaved(null);
    setDraft(update);
  };
  const setOverride = (id: string, next: number | undefined) => {
    detachLink();
    setOverrides((current) => {
      const copy = { ...current };
      if (next === undefined) delete copy[id];
      else copy[id] = next;
      return copy;
    });
  };

  // A draft replaced by an example, a file, a link or Start over can be brought back once (Back does not).
  const [replaced, setReplaced] = useState<{ draft: Draft; overrides: Priorities } | null>(() =>
    linked !== null && stored !== null && !isBlank(stored.draft) && !sameDraft(stored.draft, linked.draft)
      ? stored
      : null,
  );
  /** The draft as the last example, file or link left it: replacing it unedited keeps the Undo to the one before. */
  const loaded = useRef<string | null>(linked === null ? null : JSON.stringify(linked.draft));
  const keepForUndo = () => {
    // Stepping through the examples (arrow keys on the picker load each one) must not make an example the draft
    // that Undo brings back: only a draft the user made or changed is kept.
    if (loaded.current !== null && loaded.current === JSON.stringify(draft)) return;
    setReplaced(isBlank(draft) ? null : { draft, overrides });
  };

  const loadResult = (result: ImportResult, title?: string) => {
    if (!result.ok) {
      setImportProblems({ message: result.message, problems: result.problems, title });
      return;
    }
    keepForUndo();
    loaded.current = JSON.stringify(result.draft);
    setImportProblems(null);
    setDraft(result.draft);
    setOpened((count) => count + 1);
    setOverrides({});
    setSaved(null);
    setShareLink(null);
    lastGood.current = null;
  };

  // YAML files need the YAML parser: loaded on first use, not with the page.
  const loadText = async (text: string, source: string) => {
    const { importProfileText } = await import('../lib/profile-yaml.ts');
    detachLink();
    loadResult(importProfileText(text, source));
  };

  const openExample = (id: string) => {
    setExampleId(id);
    const found = examples.find((candidate) => candidate.id === id);
    // Examples were validated at build time; they still go through the same import path as any profile.
    if (!found) {
      setImportProblems(unknownExample(id));
      return;
    }
    loadResult(importProfileValue(found.profile, `examples/${found.id}.yaml`));
    // The address names the example, so it can be bookmarked or sent.
    const href = routeHref({ view: 'decide', example: id });
    if (window.location.hash !== href) window.history.replaceState(null, '', href);
  };

  // A link such as #/decide/close-call opens that example.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the link changes
  useEffect(() => {
    if (example && example !== linkedExample.current) openExample(example);
    linkedExample.current = example;
  }, [example]);

  // #/share/DATA opens a draft someone sent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the link changes
  useEffect(() => {
    if (shared === undefined) return;
    let value: unknown;
    try {
      value = decodeShare(shared);
    } catch {
      setImportProblems({
        message: 'This link is damaged (cut short or edited): ask for it again.',
        problems: [],
        title: 'The shared link was not opened',
      });
      return;
    }
    loadResult(importProfileValue(value, 'the shared link'), 'The shared link was not opened');
  }, [shared]);

  // #/edit/ID starts from a saved decision's profile; saving again makes a new entry, so History keeps both.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the id changes
  useEffect(() => {
    if (savedId === undefined) return undefined;
    let current = true;
    getDecision(savedId).then(
      (saved) => {
        if (current)
          loadResult(
            importProfileValue(saved.profile, `saved decision ${savedId}`),
            'The saved decision was not opened',
          );
      },
      (error: unknown) => {
        if (current)
          setImportProblems({
            message: error instanceof Error ? error.message : String(error),
            problems: [],
            title: 'The saved decision was not opened',
          });
      },
    );
    return () => {
      current = false;
    };
  }, [savedId]);

  const onImport = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    await loadText(await file.text(), file.name);
    event.target.value = '';
  };

  /** The profile with the moved what-if sliders, or as the form holds it. */
  const chosenProfile = (keepWhatIf: boolean) =>
    keepWhatIf ? evaluation : evaluateProfile(composeProfile(draft), kb, { samples: 1 });

  // Moved sliders are written into an exported file only when the user says so, as for Save (until 2026-12-08 the
  // export wrote them over every stakeholder's priorities without a word).
  const exportYaml = async (keepWhatIf: boolean) => {
    setAskWhatIf(null);
    const chosen = chosenProfile(keepWhatIf);
    if (!chosen.ok) return;
    const { profileToYaml } = await import('../lib/profile-yaml.ts');
    downloadText(
      profileFileName(chosen.profile.project.name),
      profileToYaml(chosen.profile),
      'application/yaml',
    );
  };
  const onExport = () => {
    if (!evaluation.ok) return;
    if (Object.keys(overrides).length > 0) setAskWhatIf('export');
    else void exportYaml(true);
  };

  const save = async (keepWhatIf: boolean) => {
    setAskWhatIf(null);
    const chosen = chosenProfile(keepWhatIf);
    if (!chosen.ok) {
      setSaved({ error: chosen.message });
      return;
    }
    try {
      const result = await saveDecision(chosen.profile);
      // Saved with the what-if weights: the form takes them, so it holds what was saved (it kept the old priorities
      // with the sliders still moved, and the next Save asked again).
      if (keepWhatIf && Object.keys(overrides).length > 0) {
        setDraft(draftFromProfile(chosen.profile));
        setOverrides({});
      }
      setSaved(result);
    } catch (error) {
      setSaved({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  /** An answer to the what-if question: its buttons go away, so the focus goes to Save, then to the outcome. */
  const answerSaveAsk = (answer: 'keep' | 'drop' | 'cancel') => {
    const action = askWhatIf;
    saveButton.current?.focus();
    if (answer === 'cancel' || action === null) {
      setAskWhatIf(null);
      return;
    }
    if (action === 'export') {
      void exportYaml(answer === 'keep');
      return;
    }
    focusSaveStatus.current = true;
    void save(answer === 'keep');
  };
  const onSave = () => {
    if (!evaluation.ok) return;
    if (Object.keys(overrides).length > 0) setAskWhatIf('save');
    else void save(true);
  };

  const onShare = async () => {
    if (!evaluation.ok) return;
    const link = `${window.location.origin}${window.location.pathname}${routeHref({
      view: 'share',
      data: encodeShare(composeProfile(draft, overrides)),
    })}`;
    setShareLink({ link, copied: null });
    const copied = await copyText(link);
    // Only if the link shown is still this one (an edit meanwhile takes it away).
    setShareLink((shown) => (shown?.link === link ? { link, copied } : shown));
  };

  const onStartOver = () => {
    keepForUndo();
    detachLink();
    setExampleId('');
    setDraft(emptyDraft());
    setOpened((count) => count + 1);
    setOverrides({});
    setSaved(null);
    setImportProblems(null);
    lastGood.current = null;
  };

  const shown = evaluation.ok ? evaluation : lastGood.current;
  const problems = evaluation.ok ? [] : evaluation.problems;
  const own = (shown ? (shown.profile.priorities ?? {}) : {}) as Priorities;
  const ownWithoutOverrides = Object.fromEntries(
    Object.entries(own).filter(([id]) => overrides[id] === undefined),
  );
  const extras = Object.keys(draft.extras).filter((key) => !EDITED_HERE.has(key));

  return (
    <div className="layout-decide">
      <aside className="card sidebar" data-testid="sidebar" aria-label="Your project">
        <div className="toolbar">
          <label className="visually-hidden" htmlFor="example-select">
            Open an example profile
          </label>
          <select
            id="example-select"
            value={exampleId}
            onChange={(event) => openExample(event.target.value)}
            data-testid="example-select"
            style={{ width: 'auto', flex: 1 }}
          >
            <option value="">Open an example…</option>
            {examples.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.id}
              </option>
            ))}
          </select>
          <button type="button" onClick={onStartOver} data-testid="start-over">
            Start over
          </button>
          {/* One column on a phone puts the verdict below the whole form: a way there (and its focus, for the keyboard). */}
          <button
            type="button"
            className="jump-to-verdict"
            onClick={() => {
              const target = document.getElementById('decide-result');
              target?.scrollIntoView({ block: 'start' });
              target?.focus({ preventScroll: true });
            }}
            data-testid="jump-to-verdict"
          >
            Go to the verdict
          </button>
        </div>
        <div className="toolbar">
          <button type="button" onClick={() => fileInput.current?.click()} data-testid="import-yaml">
            Import YAML
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,.json"
            hidden
            onChange={(event) => void onImport(event)}
            data-testid="import-file"
          />
          <button type="button" onClick={onExport} disabled={!evaluation.ok} data-testid="export-yaml">
            Export YAML
          </button>
          <button type="button" onClick={() => void onShare()} disabled={!evaluation.ok} data-testid="share">
            Share link
          </button>
          <span className="spacer" />
          <button
            type="button"
            className="primary"
            ref={saveButton}
            onClick={onSave}
            disabled={!evaluation.ok}
            data-testid="save-decision"
          >
            Save
          </button>
        </div>
        {askWhatIf !== null && (
          <fieldset className="notice small save-ask" data-testid="save-ask">
            <legend>{askWhatIf === 'save' ? 'Save' : 'Export'} with the what-if weights?</legend>
            <p style={{ marginTop: 0 }}>
              You moved {Object.keys(overrides).length} what-if{' '}
              {Object.keys(overrides).length === 1 ? 'slider' : 'sliders'}.{' '}
              {askWhatIf === 'save' ? 'Save' : 'Write'} them as the profile's priorities
              {stakeholdersOf(draft).length > 0
                ? ' and every stakeholder’s (as the sliders applied them)'
                : ''}
              ?
            </p>
            <div className="row">
              <button
                type="button"
                className="primary"
                onClick={() => answerSaveAsk('keep')}
                data-testid="save-keep"
              >
                {askWhatIf === 'save' ? 'Save' : 'Export'} with the what-if weights
              </button>
              <button type="button" onClick={() => answerSaveAsk('drop')} data-testid="save-drop">
                {askWhatIf === 'save' ? 'Save' : 'Export'} without them
              </button>
              <button type="button" onClick={() => answerSaveAsk('cancel')}>
                Cancel
              </button>
            </div>
          </fieldset>
        )}
        {shareLink && (
          <div className="notice small share-notice" data-testid="share-notice">
            <label htmlFor="share-link">Link to this draft</label>
            <input
              id="share-link"
              readOnly
              value={shareLink.link}
              data-testid="share-link"
              onFocus={(event) => event.target.select()}
            />
            <p role="status" className="live-note" data-testid="share-copied">
              {shareLink.copied === null
                ? ''
                : shareLink.copied
                  ? 'Copied to the clipboard.'
                  : 'Not copied: the browser did not allow it. Select the link and copy it.'}
            </p>
          </div>
        )}
        {/* Always there, so what saving said is announced; focusable, for the focus to land on after the question. */}
        <div role="status" ref={saveStatus} tabIndex={-1} className="save-status" data-testid="save-status">
          {saved && 'id' in saved && (
            <div className="notice small" data-testid="saved">
              Saved (the server recomputed it with the CLI's {formatCount(DEFAULT_SAMPLES)} samples).{' '}
              <a href={routeHref({ view: 'decision', id: saved.id })}>Open decision {saved.id}</a> ·{' '}
              {/* Not named "History" like the top bar's link: one name, one link. */}
              <a href={routeHref({ view: 'history' })}>See all saved decisions</a>
            </div>
          )}
          {saved && 'error' in saved && (
            <div className="notice small error">Could not save: {saved.error}</div>
          )}
        </div>
        {replaced && (
          <p className="notice small" data-testid="undo-replace">
            Your previous draft was replaced.{' '}
            <button
              type="button"
              onClick={() => {
                detachLink();
                setDraft(replaced.draft);
                setOpened((count) => count + 1);
                setOverrides(replaced.overrides);
                setSaved(null);
                setReplaced(null);
                lastGood.current = null;
              }}
              data-testid="undo-replace-button"
            >
              Undo
            </button>{' '}
            <button type="button" onClick={() => setReplaced(null)}>
              Dismiss
            </button>
          </p>
        )}
        {importProblems && (
          <ProblemList
            inFile
            {...importProblems}
            title={importProblems.title ?? 'The file was not imported'}
          />
        )}
        <Questionnaire
          key={opened}
          answers={draft.answers}
          problems={problems}
          onChange={(id, value) => edit((d) => ({ ...d, answers: { ...d.answers, [id]: value } }))}
        />
        <section className="parts" aria-labelledby="existing-code-title" data-testid="existing-code-section">
          <h2 className="section-title" id="existing-code-title">
            Existing code{' '}
            <span className="muted small">(optional: code this project ports, rewrites or extends)</span>
          </h2>
          <ExistingCodeFields
            id="existing-code"
            path="existing_code"
            legend="The project's existing code"
            hideLegend
            emptyLabel="(none)"
            value={existingCodeOf(draft)}
            problems={problems}
            onChange={(next) => edit((d) => withExistingCode(d, next))}
          />
        </section>
        <ComponentEditor
          components={componentsOf(draft)}
          projectExisting={existingCodeOf(draft)}
          problems={problems}
          onChange={(list) => edit((d) => withList(d, 'components', list))}
        />
        <StakeholderEditor
          stakeholders={stakeholdersOf(draft)}
          kb={kb}
          problems={problems}
          onChange={(list) => edit((d) => withList(d, 'stakeholders', list))}
        />
        {extras.length > 0 && (
          <div className="small muted" data-testid="extras">
            Kept from the imported profile: {extras.join(', ')}
          </div>
        )}
      </aside>
      <section id="decide-result" tabIndex={-1} aria-label="The decision">
        {!evaluation.ok && (
          <ProblemList
            title={shown ? 'Fix these answers to update the verdict' : 'Still needed for a verdict'}
            tone="pending"
            message={evaluation.message}
            problems={evaluation.problems}
          />
        )}
        {shown ? (
          <div
            className={evaluation.ok ? '' : 'stale'}
            data-testid={evaluation.ok ? undefined : 'stale-decision'}
          >
            {!evaluation.ok && (
              <p className="notice small">The verdict below is from your last complete answers.</p>
            )}
            <DecisionPanel
              decision={shown.decision}
              kb={kb}
              projectName={shown.profile.project.name}
              profile={shown.profile}
              samples={evaluation.ok ? samples : undefined}
              approximate={evaluation.ok ? approximate : false}
              teamView={
                shown.profile.stakeholders && shown.profile.stakeholders.length > 0 ? (
                  <StakeholderSummary decision={shown.decision} profile={shown.profile} kb={kb} />
                ) : null
              }
              whatIf={
                evaluation.ok ? (
                  <WeightSliders
                    decision={evaluation.decision}
                    profile={evaluation.profile}
                    kb={kb}
                    own={ownWithoutOverrides}
                    overrides={overrides}
                    stakeholders={stakeholdersOf(draft)}
                    onChange={setOverride}
                    onReset={() => {
                      detachLink();
                      setOverrides({});
                    }}
                    samples={samples}
                    approximate={approximate}
                    lastRunMs={evaluation.ms}
                  />
                ) : null
              }
            />
          </div>
        ) : (
          <section className="card intro">
            <h2>Go, Rust, or both?</h2>
            <p>
              Answer the questions (the same ones <code>gorust init</code> asks) and the verdict appears here,
              updating as you change answers. It comes with the criteria that drive it, the gates that fired,
              the article's checklist, similar projects and the evidence behind every rating.
            </p>
            <div className="row">
              <span className="muted">Or open an example:</span>
              {examples.map((candidate) => (
                <button type="button" key={candidate.id} onClick={() => openExample(candidate.id)}>
                  {candidate.id}
                </button>
              ))}
            </div>
          </section>
        )}
      </section>
    </div>
  );
}

function ProblemList({
  title,
  message,
  problems,
  tone = 'error',
  inFile = false,
}: {
  title: string;
  message: string;
  problems: InputProblem[];
  tone?: 'error' | 'pending';
  /** Problems of an imported file: named by their path in the file, in the validator's words (with "did you mean"). */
  inFile?: boolean;
}) {
  return (
    <section className={`problems ${tone}`} data-testid="problems" aria-live="polite">
      <strong>{title}</strong>
      {problems.length === 0 ? (
        <p>{message}</p>
      ) : (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>
              {inFile ? (
                <>
                  <code>{problem.path || '(profile)'}</code>: {problem.message}
                </>
              ) : (
                <>
                  <span className="muted">{labelled(fieldName(problem.path))}</span> {plainProblem(problem)}
                </>
              )}
              {problem.suggestion && !problem.message.includes(`"${problem.suggestion}"`) && (
                <span className="muted"> ({problem.suggestion})</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A field's name before its problem: "Peak load:", but a question keeps its own mark ("What is it called?"). */
function labelled(name: string): string {
  return /[?:]$/.test(name) ? name : `${name}:`;
}

/** A problem's field as the form names it: the question, "Existing code, plan" or "Component 2, existing code, plan". */
function fieldName(path: string): string {
  const prompt =
    QUESTION_PROMPTS.get(path) ?? QUESTIONS.find((question) => question.id.startsWith(`${path}.`))?.prompt;
  if (prompt) return prompt;
  const words = (rest: string) => rest.replaceAll('_', ' ').replaceAll('.', ', ');
  const part = /^(components|stakeholders)\[(\d+)\]\.?(.*)$/.exec(path);
  if (part) {
    const what = part[1] === 'components' ? 'Component' : 'Stakeholder';
    return `${what} ${Number(part[2]) + 1}${part[3] ? `, ${words(part[3])}` : ''}`;
  }
  if (path.startsWith('existing_code')) return `E${words(path).slice(1)}`;
  return path || 'The profile';
}

/** Put text on the clipboard; false when the browser refuses (no permission, no clipboard, not a secure page). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The message for a link to an example that does not exist (the draft is left as it was). */
function unknownExample(id: string): { message: string; problems: InputProblem[]; title: string } {
  return {
    message: `There is no example named "${id}"; your draft is unchanged. Pick one from "Open an example".`,
    problems: [],
    title: 'The example was not opened',
  };
}

function isBlank(draft: Draft): boolean {
  return sameDraft(draft, emptyDraft());
}

function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
