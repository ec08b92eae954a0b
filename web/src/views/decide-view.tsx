/** @module The Decide view: the questionnaire on the left, the live decision on the right; import/export YAML, examples, what-if sliders, save. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SAMPLES, type InputProblem, type KnowledgeBase } from '../../../src/core/browser.ts';
import { DecisionPanel } from '../components/decision-panel.tsx';
import { Questionnaire } from '../components/questionnaire.tsx';
import { WeightSliders } from '../components/weight-sliders.tsx';
import { getDecision, saveDecision } from '../lib/api.ts';
import { downloadText, slugify } from '../lib/download.ts';
import {
  composeProfile,
  type Draft,
  emptyDraft,
  type ImportResult,
  importProfileValue,
  type Priorities,
} from '../lib/draft.ts';
import { listExamples } from '../lib/examples.ts';
import { routeHref } from '../lib/route.ts';
import { useSettledEvaluation } from '../lib/use-settled-evaluation.ts';

/**
 * @example
 * <DecideView kb={kb} example="close-call" />
 */
export function DecideView({
  kb,
  example,
  savedId,
}: {
  kb: KnowledgeBase;
  example?: string | undefined;
  /** Start from a saved decision's profile (History -> "Edit a copy"). */
  savedId?: string | undefined;
}) {
  const examples = useMemo(() => listExamples(), []);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft());
  const [overrides, setOverrides] = useState<Priorities>({});
  const [importProblems, setImportProblems] = useState<{ message: string; problems: InputProblem[] } | null>(
    null,
  );
  const [saved, setSaved] = useState<{ id: string } | { error: string } | null>(null);
  const [exampleId, setExampleId] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const value = useMemo(() => composeProfile(draft, overrides), [draft, overrides]);
  // Fast while answers or sliders move; the CLI's sample count once they have been still for a moment.
  const { evaluation, samples, approximate } = useSettledEvaluation(value, kb);

  const loadResult = (result: ImportResult) => {
    if (!result.ok) {
      setImportProblems({ message: result.message, problems: result.problems });
      return;
    }
    setImportProblems(null);
    setDraft(result.draft);
    setOverrides({});
    setSaved(null);
  };

  // YAML files need the YAML parser: loaded on first use, not with the page.
  const loadText = async (text: string, source: string) => {
    const { importProfileText } = await import('../lib/profile-yaml.ts');
    loadResult(importProfileText(text, source));
  };

  const openExample = (id: string) => {
    setExampleId(id);
    const found = examples.find((candidate) => candidate.id === id);
    // Examples were validated at build time; they still go through the same import path as any profile.
    if (found) loadResult(importProfileValue(found.profile, `examples/${found.id}.yaml`));
  };

  // A link such as #/decide/close-call opens that example.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the link changes
  useEffect(() => {
    if (example) openExample(example);
  }, [example]);

  // #/edit/ID starts from a saved decision's profile; saving again makes a new entry, so History keeps both.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the id changes
  useEffect(() => {
    if (savedId === undefined) return undefined;
    let current = true;
    getDecision(savedId).then(
      (saved) => {
        if (current) loadResult(importProfileValue(saved.profile, `saved decision ${savedId}`));
      },
      (error: unknown) => {
        if (current)
          setImportProblems({
            message: error instanceof Error ? error.message : String(error),
            problems: [],
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

  const onExport = async () => {
    if (!evaluation.ok) return;
    const { profileToYaml } = await import('../lib/profile-yaml.ts');
    downloadText(
      `${slugify(evaluation.profile.project.name)}.gorust.yaml`,
      profileToYaml(evaluation.profile),
      'application/yaml',
    );
  };

  const onSave = async () => {
    if (!evaluation.ok) return;
    try {
      setSaved(await saveDecision(evaluation.profile));
    } catch (error) {
      setSaved({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  const own = (evaluation.ok ? (evaluation.profile.priorities ?? {}) : {}) as Priorities;
  const ownWithoutOverrides = Object.fromEntries(
    Object.entries(own).filter(([id]) => overrides[id] === undefined),
  );

  return (
    <div className="layout-decide">
      <aside className="card sidebar" data-testid="sidebar">
        <div className="toolbar">
          <select
            value={exampleId}
            onChange={(event) => openExample(event.target.value)}
            data-testid="example-select"
            style={{ width: 'auto', flex: 1 }}
            aria-label="Open an example profile"
          >
            <option value="">Open an example…</option>
            {examples.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.id}
              </option>
            ))}
          </select>
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
          <button
            type="button"
            onClick={() => void onExport()}
            disabled={!evaluation.ok}
            data-testid="export-yaml"
          >
            Export YAML
          </button>
          <span className="spacer" />
          <button
            type="button"
            className="primary"
            onClick={() => void onSave()}
            disabled={!evaluation.ok}
            data-testid="save-decision"
          >
            Save
          </button>
        </div>
        {saved && 'id' in saved && (
          <div className="notice small" data-testid="saved">
            Saved (the server recomputed it with the CLI's {DEFAULT_SAMPLES.toLocaleString('en')} samples).{' '}
            <a href={routeHref({ view: 'decision', id: saved.id })}>Open decision {saved.id}</a> ·{' '}
            <a href={routeHref({ view: 'history' })}>History</a>
          </div>
        )}
        {saved && 'error' in saved && <div className="notice small error">Could not save: {saved.error}</div>}
        {importProblems && <ProblemList title="The file was not imported" {...importProblems} />}
        <Questionnaire
          answers={draft.answers}
          onChange={(id, value) => setDraft((d) => ({ ...d, answers: { ...d.answers, [id]: value } }))}
        />
        {Object.keys(draft.extras).length > 0 && (
          <div className="small muted" data-testid="extras">
            Kept from the imported profile: {Object.keys(draft.extras).join(', ')}
          </div>
        )}
      </aside>
      <div>
        {evaluation.ok ? (
          <DecisionPanel
            decision={evaluation.decision}
            kb={kb}
            projectName={evaluation.profile.project.name}
            samples={samples}
            approximate={approximate}
            whatIf={
              <WeightSliders
                decision={evaluation.decision}
                kb={kb}
                own={ownWithoutOverrides}
                overrides={overrides}
                onChange={(id, value) => setOverrides((current) => ({ ...current, [id]: value }))}
                onReset={() => setOverrides({})}
                samples={samples}
                approximate={approximate}
                lastRunMs={evaluation.ms}
              />
            }
          />
        ) : (
          <>
            <section className="card intro">
              <h2>Go, Rust, or both?</h2>
              <p>
                Answer the questions on the left (the same ones <code>gorust init</code> asks) and the verdict
                appears here, updating as you change answers. It comes with the criteria that drive it, the
                gates that fired, the article's checklist, similar projects and the evidence behind every
                rating.
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
            <ProblemList
              title="Still needed for a verdict"
              tone="pending"
              message={evaluation.message}
              problems={evaluation.problems}
            />
          </>
        )}
      </div>
    </div>
  );
}

function ProblemList({
  title,
  message,
  problems,
  tone = 'error',
}: {
  title: string;
  message: string;
  problems: InputProblem[];
  tone?: 'error' | 'pending';
}) {
  return (
    <section className={`problems ${tone}`} data-testid="problems">
      <strong>{title}</strong>
      {problems.length === 0 ? (
        <p>{message}</p>
      ) : (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>
              <code>{problem.path || '(profile)'}</code>: {problem.message}
              {problem.suggestion && <span className="muted"> ({problem.suggestion})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
