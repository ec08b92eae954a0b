/** @module The parts of a decision as tables and lists: gates, checklist, criteria, hybrid plan, similar projects, evidence, tips and caveats. */
import {
  asSentence,
  checklistFacts,
  componentNames,
  componentOdds,
  type Decision,
  existingCodeText,
  experienceText,
  factorText,
  factsText,
  formatPercent,
  formatRate,
  formatRating,
  formatSigned,
  gateOdds,
  type KnowledgeBase,
  policyChoices,
  policyChoiceText,
  REASON_KIND_LABELS,
  type ReasonKind,
  ratingLead,
  reasonKind,
  sentence,
  type WeightBasis,
  weightBasis,
} from '../../../src/core/browser.ts';
import { safeHref } from '../lib/download.ts';
import { ScrollBox } from './scroll-box.tsx';

/** Engine or knowledge-base text with its `code` spans (commands, flags) set as code rather than backticks. */
export function Prose({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

/** How often a gate on an uncertain model holds, as the reports say it; near its edge in bold. */
function GateOdds({ gate }: { gate: Decision['gates'][number] }) {
  const odds = gateOdds(gate);
  if (odds === undefined) return null;
  return gate.near_edge ? (
    <strong data-testid="gate-near-edge"> {asSentence(odds)}</strong>
  ) : (
    <span className="muted"> {asSentence(odds)}</span>
  );
}

/** A component's share of the draws, as the reports give it; a near tie flagged. */
function ComponentOdds({ component }: { component: Decision['components'][number] }) {
  const odds = componentOdds(component);
  if (odds === undefined) return null;
  return (
    <span
      className={component.near_tie ? undefined : 'muted'}
      data-testid={component.near_tie ? 'near-tie' : undefined}
    >
      {' '}
      ({odds})
    </span>
  );
}

function Lang({ value }: { value: string }) {
  const name = value === 'go' ? 'Go' : value === 'rust' ? 'Rust' : value;
  return <span className={`lang ${value}`}>{name}</span>;
}

function Source({ url, label }: { url: string; label?: string }) {
  const href = safeHref(url);
  if (!href) return <span className="mono">{url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {label ?? new URL(href).hostname.replace(/^www\./, '')}
    </a>
  );
}

/** Hard constraints that fired, with their reasons; one quiet line when none did. */
export function GatesSection({ decision }: { decision: Decision }) {
  if (decision.gates.length === 0) {
    return (
      <p className="small muted" data-testid="gates">
        No hard constraint (gate) fired: the verdict comes from the weighted criteria below.
      </p>
    );
  }
  return (
    <section className="card gates-card" data-testid="gates">
      <h2>Gates that fired</h2>
      <ul className="gates">
        {decision.gates.map((gate) => (
          <li key={`${gate.id}-${gate.component ?? ''}`}>
            <Lang value={gate.favors} /> <span className="mono">{gate.id}</span>
            {gate.component && <span className="muted"> (component {gate.component})</span>}:{' '}
            <Prose text={gate.reason} />
            <GateOdds gate={gate} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The article's decision checklist, line by line, saying which lines apply to this project. */
export function ChecklistSection({ decision }: { decision: Decision }) {
  const names = componentNames(decision);
  return (
    <section className="card flush" data-testid="checklist">
      <div style={{ padding: '14px 16px 4px' }}>
        <h2>The article's checklist</h2>
      </div>
      {/* On a phone the rows stack (styles.css, table.stack): each cell under the one before, labelled. */}
      <ScrollBox>
        <table className="stack">
          <thead>
            <tr>
              <th>Item</th>
              <th>Applies</th>
              <th>Points to</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {decision.checklist.map((row) => {
              const given = checklistFacts(row, names);
              return (
                <tr key={row.item} className={row.applies ? '' : 'na'}>
                  <td className="item">{row.item}</td>
                  <td data-label="Applies">
                    {row.applies ? 'Yes' : 'No'}
                    {given !== undefined && <span className="muted"> (given {given})</span>}
                  </td>
                  <td data-label="Points to">
                    <Lang value={row.favors} />
                  </td>
                  <td>{row.why}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

/** The criteria's names as the knowledge base spells them, by id. */
export function criterionNames(kb: KnowledgeBase): Map<string, string> {
  return new Map(kb.criteria.map((criterion) => [criterion.id, criterion.name]));
}

/**
 * How a criterion's numbers read wherever the UI tabulates criteria (a decision, or the diff of two): as every
 * report writes them (the core's formatters), so the page and the exported report agree to the digit.
 */
export const CRITERION_NUMBERS = {
  weight: formatPercent,
  rating: formatRating,
  contribution: formatSigned,
};

/**
 * The head of a criteria table: the same columns for a decision and for the diff of two, plus "Why" for a decision.
 * @example
 * <table><CriteriaHead why />...</table></ScrollBox>
 */
export function CriteriaHead({ why = false }: { why?: boolean }) {
  return (
    <thead>
      <tr>
        <th>Criterion</th>
        <th className="num">Weight</th>
        <th className="num">Go</th>
        <th className="num">Rust</th>
        <th className="num">Contribution</th>
        {why && <th>Why</th>}
      </tr>
    </thead>
  );
}

type CriterionRow = Decision['criteria'][number];
type WeightReason = NonNullable<CriterionRow['weight_reasons']>[number];

function KindBadge({ kind }: { kind: ReasonKind }) {
  return <span className={`badge reason-${kind}`}>{REASON_KIND_LABELS[kind]}</span>;
}

/** Evidence ids as links to their sources (organisation, year), the id itself when the knowledge base lacks it. */
function EvidenceLinks({ ids, kb }: { ids: readonly string[]; kb: KnowledgeBase }) {
  return (
    <>
      {ids.map((id, i) => {
        const item = kb.evidence.find((e) => e.id === id);
        return (
          <span key={id}>
            {i > 0 && ', '}
            {item ? (
              <Source url={item.source} label={`${item.organisation}, ${item.year}`} />
            ) : (
              <span className="mono">{id}</span>
            )}
          </span>
        );
      })}
    </>
  );
}

function ReasonItem({
  reason,
  kind,
  kb,
  names,
}: {
  reason: WeightReason;
  kind: ReasonKind;
  kb: KnowledgeBase;
  /** The decision's component names, so a component's fact reads by its name. */
  names: readonly string[];
}) {
  return (
    <li data-kind={kind} data-rule={reason.rule}>
      <KindBadge kind={kind} />{' '}
      {kind === 'priority' ? (
        sentence(reason.reason)
      ) : (
        <>
          {factorText(reason.factor)} <span className="mono">{reason.rule}</span>
          {reason.facts.length > 0 && <span className="muted"> ({factsText(reason.facts, names)})</span>}:{' '}
          {sentence(reason.reason)}
          {kind === 'evidence' && (
            <>
              {' '}
              <EvidenceLinks ids={reason.evidence} kb={kb} />
            </>
          )}
          {kind === 'policy' && reason.evidence.length > 0 && (
            <>
              {' '}
              Resting on: <EvidenceLinks ids={reason.evidence} kb={kb} />
            </>
          )}
        </>
      )}
    </li>
  );
}

/**
 * Where one criterion's weight comes from, read from the decision's fields: evidence (with sources), the product's
 * policy choices and the user's priority, each marked; the experience shift on a line of its own.
 */
function WeightBasisView({
  row,
  basis,
  kb,
  names,
}: {
  row: CriterionRow;
  basis: WeightBasis;
  kb: KnowledgeBase;
  names: readonly string[];
}) {
  const existing = basis.existingCode;
  const existingKind = existing === undefined ? undefined : reasonKind(existing);
  const count = basis.evidence.length + basis.policy.length + basis.priority.length;
  return (
    <div className="weight-basis small" data-testid={`weight-basis-${row.id}`}>
      {basis.experience && (
        <div data-testid={`experience-${row.id}`}>Team experience: {experienceText(basis.experience)}.</div>
      )}
      {existing && existingKind && (
        <div>
          Existing code: {existingCodeText(existing)} <KindBadge kind={existingKind} />
          {existingKind === 'evidence' && (
            <>
              {' '}
              <EvidenceLinks ids={existing.evidence} kb={kb} />
            </>
          )}
        </div>
      )}
      {count === 0 ? (
        <div className="muted">Weight: the base weight, no rule applied.</div>
      ) : (
        <>
          <div className="muted">Weight:</div>
          <ul className="reasons">
            {basis.evidence.map((r) => (
              <ReasonItem key={r.rule} reason={r} kind="evidence" kb={kb} names={names} />
            ))}
            {basis.policy.map((r) => (
              <ReasonItem key={r.rule} reason={r} kind="policy" kb={kb} names={names} />
            ))}
            {basis.priority.map((r) => (
              <ReasonItem key={r.rule} reason={r} kind="priority" kb={kb} names={names} />
            ))}
            {basis.replaced.length > 0 && (
              <li className="muted">
                Replaced by your priority: {basis.replaced.map((r) => r.rule).join(', ')}
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}

/** Every criterion with its weight, ratings, contribution and reason. */
export function CriteriaSection({ decision, kb }: { decision: Decision; kb: KnowledgeBase }) {
  const names = criterionNames(kb);
  const choices = policyChoices(decision);
  const components = componentNames(decision);
  return (
    <section className="card flush" data-testid="criteria">
      <div style={{ padding: '14px 16px 4px' }}>
        <h2>Criteria</h2>
      </div>
      <ScrollBox>
        {/* On a phone each row stacks: the criterion, its figures on one line, then why (the why column was one
            letter wide at 390 px). */}
        <table className="stack">
          <CriteriaHead why />
          <tbody>
            {decision.criteria.map((row) => (
              <tr key={row.id}>
                <td className="item">{names.get(row.id) ?? row.id}</td>
                <td className="num" data-label="Weight">
                  {CRITERION_NUMBERS.weight(row.weight)}
                </td>
                <td className="num" data-label="Go">
                  {CRITERION_NUMBERS.rating(row.go)}
                </td>
                <td className="num" data-label="Rust">
                  {CRITERION_NUMBERS.rating(row.rust)}
                </td>
                <td className="num" data-label="Contribution">
                  <span className={`lang ${row.contribution >= 0 ? 'go' : 'rust'}`}>
                    {CRITERION_NUMBERS.contribution(row.contribution)}
                  </span>
                </td>
                <CriterionWhy row={row} kb={kb} names={components} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {choices.length > 0 && (
        <div className="policy-choices" data-testid="policy-choices">
          <h3>Policy choices in this decision</h3>
          <p className="small muted">
            These weight rules are the product's modelling choices (marked policy in kb/weights.yaml), not
            findings a source states; a choice may rest on evidence it cites.
          </p>
          <ul className="small">
            {choices.map((choice) => (
              <li key={choice.rule} data-rule={choice.rule}>
                {policyChoiceText(choice, components)}. {sentence(choice.reason)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The "Why" cell of a criterion: the rating's rationale, then where its weight comes from. */
function CriterionWhy({
  row,
  kb,
  names,
}: {
  row: CriterionRow;
  kb: KnowledgeBase;
  names: readonly string[];
}) {
  const basis = weightBasis(row);
  return (
    <td>
      {basis === undefined || row.rationale === undefined ? (
        row.why
      ) : (
        <>
          {ratingLead(row)}
          {row.rationale}
        </>
      )}
      {row.measured && <div className="small muted">{row.measured}</div>}
      {basis && <WeightBasisView row={row} basis={basis} kb={kb} names={names} />}
    </td>
  );
}

/** Components with their language, and the boundaries between languages with their mechanism and cost. */
export function PlanTables({ decision }: { decision: Decision }) {
  return (
    <div className="plan-tables">
      <ScrollBox>
        <table data-testid="plan-components">
          <thead>
            <tr>
              <th>Component</th>
              <th>Language</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {decision.components.map((component) => (
              <tr key={component.name}>
                <td>{component.name}</td>
                <td>
                  <span className={`dot ${component.language}`} />
                  <Lang value={component.language} />
                  <ComponentOdds component={component} />
                </td>
                <td>
                  <Prose text={component.why} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <ScrollBox>
        <table data-testid="plan-boundaries">
          <thead>
            <tr>
              <th>Boundary</th>
              <th>Mechanism</th>
              <th className="num">Per call</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {decision.boundaries.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  No call crosses a language boundary.
                </td>
              </tr>
            )}
            {decision.boundaries.map((boundary) => (
              <tr key={`${boundary.from}->${boundary.to}`}>
                <td>
                  {boundary.from} → {boundary.to}
                  {boundary.chatty && <div className="small error">chatty boundary</div>}
                </td>
                <td className="mono">{boundary.mechanism}</td>
                <td className="num">
                  {formatMicros(boundary.per_call_us)}
                  {boundary.calls_per_request !== undefined && (
                    <div className="small muted">× {formatRate(boundary.calls_per_request)}/req</div>
                  )}
                </td>
                <td>
                  {boundary.why}
                  {boundary.measured && <div className="small muted">measured on this machine</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

/** Projects like this one, with their languages, year and source. */
export function SimilarProjectsSection({ decision, kb }: { decision: Decision; kb: KnowledgeBase }) {
  const byName = new Map(kb.projects.map((project) => [project.name, project]));
  return (
    <section className="card flush" data-testid="similar-projects">
      <div style={{ padding: '14px 16px 4px' }}>
        <h2>Similar projects</h2>
      </div>
      <ScrollBox>
        <table className="stack">
          <thead>
            <tr>
              <th>Project</th>
              <th>Languages</th>
              <th className="num">Similarity</th>
              <th className="num">Year</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {decision.similar_projects.map((project) => {
              const known = byName.get(project.name);
              return (
                <tr key={project.name}>
                  <td className="item">
                    {project.name}
                    {known && <div className="small muted">{known.summary}</div>}
                  </td>
                  <td data-label="Languages">
                    {project.languages.map((language, i) => (
                      <span key={language}>
                        {i > 0 && ' + '}
                        <Lang value={language} />
                      </span>
                    ))}
                  </td>
                  <td className="num" data-label="Similarity">
                    {Math.round(project.similarity * 100)}%
                  </td>
                  <td className="num" data-label="Year">
                    {known?.year ?? '–'}
                  </td>
                  <td>
                    <Source url={project.source} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

/** The evidence the criteria cite, with organisation, year, confidence and source. */
export function EvidenceSection({ decision, kb }: { decision: Decision; kb: KnowledgeBase }) {
  const cited = new Set(decision.criteria.flatMap((row) => row.evidence));
  const rows = kb.evidence.filter((item) => cited.has(item.id));
  return (
    <details className="card flush" data-testid="evidence">
      <summary style={{ padding: '12px 16px' }}>
        <strong>Evidence</strong>{' '}
        <span className="muted">
          {rows.length} sourced findings cited by the criteria (organisation, year, confidence, source)
        </span>
      </summary>
      <ScrollBox>
        <table>
          <thead>
            <tr>
              <th>Claim</th>
              <th>Who</th>
              <th className="num">Year</th>
              <th>Confidence</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <td>
                  {item.claim}
                  {item.numbers && <div className="small muted">{item.numbers}</div>}
                </td>
                <td>{item.organisation}</td>
                <td className="num">{item.year}</td>
                <td>{item.confidence}</td>
                <td>
                  <Source url={item.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </details>
  );
}

/** Tips and the caveats where evidence corrects or qualifies the article. */
export function NotesSection({ decision }: { decision: Decision }) {
  return (
    <div className="grid-2">
      <section className="card" data-testid="caveats">
        <h2>Caveats</h2>
        {decision.caveats.length === 0 ? (
          <p className="empty">None for this profile.</p>
        ) : (
          <ul>
            {decision.caveats.map((caveat) => (
              <li key={caveat}>
                <Prose text={caveat} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" data-testid="tips">
        <h2>Tips</h2>
        {decision.tips.length === 0 ? (
          <p className="empty">None for this profile.</p>
        ) : (
          <ul>
            {decision.tips.map((tip) => (
              <li key={tip}>
                <Prose text={tip} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function formatMicros(us: number): string {
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms`;
  if (us >= 1) return `${us.toFixed(us >= 100 ? 0 : 1)} µs`;
  return `${(us * 1000).toFixed(0)} ns`;
}
