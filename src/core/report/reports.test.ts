/** @module Snapshot and behaviour tests of the text, Markdown, ADR and JSON renderers, against fixture decisions (no engine needed). */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision/schema.ts';
import { decisionSchema } from '../decision/schema.ts';
import { InternalError } from '../errors.ts';
import { parseProfileValue } from '../profile/parse.ts';
import type { Profile } from '../profile/schema.ts';
import { adrFileName, briefWhy, renderAdr } from './adr.ts';
import {
  buildDecision,
  buildGatedDecision,
  buildHybridDecision as buildHybrid,
  buildHybridDecision,
  buildDecision as buildSingle,
} from './decision-fixture.test-helpers.ts';
import { renderHtmlReport } from './html.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText, wrapTextLine } from './text.ts';

const DATE = '2026-11-27';

describe('fixtures', () => {
  it('are valid decisions', () => {
    expect(decisionSchema.safeParse(buildDecision()).success).toBe(true);
    expect(decisionSchema.safeParse(buildHybridDecision()).success).toBe(true);
  });
});

describe('renderText', () => {
  it('summarises a single-language decision', async () => {
    await expect(renderText(buildDecision())).toMatchFileSnapshot('__snapshots__/text-go.txt');
  });

  it('summarises a hybrid decision', async () => {
    await expect(renderText(buildHybridDecision())).toMatchFileSnapshot('__snapshots__/text-hybrid.txt');
  });

  it('uses colour only when asked', () => {
    expect(renderText(buildDecision())).not.toContain('\u001b[');
    expect(renderText(buildDecision(), { color: true })).toContain('\u001b[1m');
  });

  it('strips terminal escape sequences from user text', () => {
    const decision = buildDecision({ project: { name: 'evil\u001b]0;pwned\u0007name' } });
    const text = renderText(decision);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil ]0;pwned name');
  });

  it('calls a criterion whose flip weight is its weight now "at the edge", never "weighing 30% (now 30%)"', () => {
    const decision = buildDecision();
    decision.sensitivity = [{ criterion: 'development_speed', flip_weight: 0.3 }];
    const text = renderText(decision, { width: 200 });
    expect(text).toContain(
      'Development speed at the edge: the verdict flips within 0.1 point of its weight now (30.0%)',
    );
    expect(text).not.toContain('(now 30%)');
  });
});

describe('the sensitivity section', () => {
  it('names the verdict each flip leads to, in every report', () => {
    // A hybrid listed "Runtime performance weighing 49%" beside "Development speed weighing 47%" without saying the
    // first makes it Rust and the second Go.
    const d = buildHybridDecision({
      sensitivity: [
        { criterion: 'latency_predictability', flip_weight: 0.49, flips_to: 'rust' },
        { criterion: 'development_speed', flip_weight: 0.47, flips_to: 'go' },
        { criterion: 'deployment', flip_weight: null },
      ],
    });
    const text = renderText(d, { color: false });
    expect(text).toMatch(/Latency predictability weighing 49% \(now 20%\): Rust/);
    expect(text).toMatch(/Development speed weighing 47% \(now \d+%\): Go/);
    const md = renderMarkdown(d);
    expect(md).toContain('| Latency predictability | 20% | 49% | Rust |');
    expect(md).toMatch(/\| Deployment \| 25% \| never \| n\/a \|/);
    expect(renderHtmlReport(d, { date: DATE })).toContain('<td data-label="To">Rust</td>');
  });
});

describe('renderMarkdown', () => {
  it('renders every section of a hybrid decision', async () => {
    await expect(renderMarkdown(buildHybridDecision())).toMatchFileSnapshot('__snapshots__/report-hybrid.md');
  });

  it('escapes user text so a project name cannot inject markup', () => {
    const md = renderMarkdown(
      buildDecision({ project: { name: '<img src=x onerror=alert(1)>', summary: '# heading\n- item' } }),
    );
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect(md).not.toMatch(/^# heading/m);
  });

  it('omits empty sections', () => {
    const md = renderMarkdown(buildDecision({ gates: [], tips: [], caveats: [], similar_projects: [] }));
    expect(md).not.toContain('## Hard constraints');
    expect(md).not.toContain('## Tips');
    expect(md).not.toContain('## Similar projects');
    expect(md).toContain('## Criteria');
  });
});

describe('the checklist in the terminal and Markdown reports', () => {
  it('ends each item before its explanation starts', () => {
    const decision = buildDecision({
      checklist: [
        {
          item: 'Team size & onboarding: Go wins for small or mixed teams',
          applies: true,
          favors: 'go',
          why: 'The team is not yet strong in Rust.',
        },
      ],
    });
    expect(renderText(decision).replace(/\s+/g, ' ')).toContain('mixed teams (favours Go). The team is');
    expect(renderMarkdown(decision).replace(/\s+/g, ' ')).toContain('mixed teams. The team is');
  });
  it('says which facts of the profile made a line apply, a component by its name', () => {
    const decision = buildHybrid({
      checklist: [
        {
          item: 'Maximum runtime performance & memory control: Rust',
          applies: true,
          favors: 'rust',
          why: 'The workload is CPU-bound, memory is capped at 256 MiB or less, ...',
          facts: [
            { path: 'components[0].workload', value: 'cpu-bound' },
            { path: 'workload.memory_budget_mib', value: 64 },
          ],
        },
        { item: 'I/O-bound concurrency services: Go', applies: false, favors: 'go', why: 'Not I/O-bound.' },
      ],
    });
    const given = 'given component proxy: workload cpu-bound; memory budget 64 MiB';
    const text = renderText(decision).replace(/\s+/g, ' ');
    expect(text).toContain(`memory control: Rust (favours Rust; ${given}). The workload`);
    const md = renderMarkdown(decision).replace(/\s+/g, ' ');
    expect(md).toContain(`- Applies (${given}), favours Rust: Maximum runtime`);
    expect(md).toContain('- Does not apply, favours Go: I/O-bound');
    const html = renderHtmlReport(decision, { date: DATE }).replace(/<[^>]+>/g, '');
    expect(html).toContain(`yes (${given})`);
  });
});

describe('renderAdr', () => {
  it('renders a MADR 4.0.0 record for a single-language decision', async () => {
    await expect(renderAdr(buildDecision(), { date: DATE })).toMatchFileSnapshot('__snapshots__/adr-go.md');
  });

  it('renders a MADR 4.0.0 record for a hybrid decision', async () => {
    await expect(renderAdr(buildHybridDecision(), { date: DATE, status: 'accepted' })).toMatchFileSnapshot(
      '__snapshots__/adr-hybrid.md',
    );
  });

  it('titles a close call as one in the Markdown and HTML reports, as the ADR calls it a tie', () => {
    // "Use Go for ..." above "(a close call)" told a reader the opposite of the ADR of the same decision.
    const tie = buildDecision({ close_call: true });
    expect(renderMarkdown(tie).split('\n')[0]).toMatch(/^# gorust decision: Go or Rust for .+: leaning Go$/);
    expect(renderHtmlReport(tie, { date: DATE })).toMatch(/<title>[^<]*Go or Rust for [^<]*: leaning Go/);
    expect(renderMarkdown(buildDecision()).split('\n')[0]).toMatch(/^# gorust decision: Use Go for /);
  });

  it('says what the lab figure confirms by which language the ratings put ahead, and at a tie tests the lean', () => {
    const confirmation = (d: Decision) =>
      renderAdr(d, { date: DATE })
        .split('### Confirmation')[1]
        ?.split('## Pros')[0]
        ?.replace(/\n\s*/g, ' ') ?? '';
    // A Go verdict where Rust leads on the measured criterion: never "confirms Go if the figures agree with the ratings".
    expect(confirmation(buildDecision())).toContain(
      'and Go was chosen for its other strengths: a measured lead no larger than that confirms Go, a larger one refutes it',
    );
    const tie = confirmation(buildDecision({ close_call: true }));
    expect(tie).toContain('and the model leans to Go for its other strengths');
    expect(tie).toContain("confirms the model's lean to Go");
    expect(confirmation(buildDecision({ verdict: 'rust' }))).toMatch(
      /Rust leads on latency predictability in the ratings \(9\.0 vs 6\.0\); it confirms Rust if that lead shows in the figures, and refutes it if Go leads there/,
    );
  });

  it('names the gate, not a score it loses, for a gated verdict, and offers no lab run that could not overturn it', () => {
    const gated = buildGatedDecision();
    const adr = renderAdr(gated, { date: DATE }).replace(/\n\s*/g, ' ');
    expect(adr).toContain(
      'Chosen option: "Rust", because a hard constraint requires it (gate-wasm-only-target): Go scores higher on the weighed criteria, 7.38 against 6.99 of 10, but cannot meet it;',
    );
    expect(adr).not.toContain('because it scores 6.99');
    const confirmation = adr.split('### Confirmation')[1]?.split('## Pros')[0] ?? '';
    expect(confirmation).toContain(
      'A hard gate decides this verdict (gate-wasm-only-target), and no measurement can overturn it',
    );
    expect(confirmation).not.toContain('gorust lab run cpu');
  });

  it("gives a one-language verdict decided component by component its closest component's scores, not the project's", () => {
    // xAI's infrastructure read "because it scores 7.56 against Rust's 7.56" while both of its components lean Go.
    const hybrid = buildHybridDecision();
    const decision = {
      ...hybrid,
      verdict: 'go' as const,
      close_call: false,
      scores: { go: 7.56, rust: 7.56 },
    };
    const adr = renderAdr(decision, { date: '2026-12-05' }).replace(/\n/g, ' ');
    expect(adr).toContain(
      "because it scores 7.40 against Rust's 6.30 of 10 in its closest component, control",
    );
  });

  it('has the MADR front matter, the title on the next line, and the sections in template order', () => {
    const adr = renderAdr(buildDecision(), { date: DATE, deciders: ['Ana', 'Ben'] });
    expect(adr).toMatch(
      new RegExp(
        `^---\nstatus: "proposed"\ndate: ${DATE}\ndecision-makers: "Ana, Ben"\nconsulted: ".*"\ninformed: ".*"\n---\n# Use Go for Read states service\n`,
      ),
    );
    const headings = adr.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Use Go for Read states service',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '### Confirmation',
      '## Pros and Cons of the Options',
      '### Go',
      '### Rust',
      '## More Information',
    ]);
    expect(adr).toContain('Chosen option: "Go", because it scores 7.10 against Rust\'s 6.20');
  });

  it('derives concrete confirmation checks from the decision', () => {
    const adr = renderAdr(buildHybridDecision({ lab_run: 'run-7' }), {
      date: DATE,
      profilePath: 'mesh.yaml',
    });
    expect(adr).toContain('`gorust decide mesh.yaml --seed 1 --lab latest`');
    expect(adr.replace(/\n\s*/g, ' ')).toContain('this record holds while the verdict stays Hybrid');
    expect(adr).toMatch(/Measure the proxy to control grpc call with\s+`gorust lab run boundary`/);
    // No folder known (a record printed to standard output): the command that finds the usual folders.
    expect(adr.replace(/\n\s*/g, ' ')).toContain(
      'Run `gorust check` in CI (it finds docs/adr, docs/decisions or doc/adr)',
    );
    const kept = renderAdr(buildHybridDecision({}), {
      date: DATE,
      profilePath: 'mesh.yaml',
      adrFolder: 'docs/decisions',
    });
    expect(kept).toContain('Run `gorust check docs/decisions` in CI');
  });

  it("lays a hybrid's SLO on the Go side only where a Go component carries it", () => {
    const mesh = {
      version: 1,
      project: { name: 'Mesh' },
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 2 } },
      team: { size: 6, go: 'strong', rust: 'some', turnover: 'medium' },
      targets: ['kubernetes'],
      components: [
        { name: 'proxy', role: 'data-plane', latency_critical: true, latency_slo: { p99_ms: 2 } },
        { name: 'control', role: 'control-plane' },
      ],
    } as Profile;
    const flat = (text: string) => text.replace(/\n\s*/g, ' ');
    // The SLOs are tight enough to move a weight (a rule triggered by the SLO), so the collector matters.
    const tight = (decision: Decision, path = 'workload.latency_slo.p99_ms'): Decision => ({
      ...decision,
      criteria: decision.criteria.map((row, i) =>
        i > 0
          ? row
          : {
              ...row,
              weight_reasons: [
                ...(row.weight_reasons ?? []),
                {
                  rule: 'tight-slo',
                  factor: 2,
                  strength: 1,
                  reason: 'a tight SLO',
                  facts: [{ path, value: 2 }],
                  evidence: [],
                  policy: false,
                },
              ],
            },
      ),
    });
    const buildHybridDecision = () => tight(buildHybrid());
    const buildDecision = () => tight(buildSingle());
    // The 2 ms SLO is the Rust proxy's: the Go control plane does not answer for it.
    expect(flat(renderAdr(buildHybridDecision(), { date: DATE, profile: mesh }))).not.toContain(
      'depends on the collector',
    );
    // A Go component with its own SLO does.
    const withApi = {
      ...mesh,
      components: [
        mesh.components?.[0],
        { name: 'control', role: 'control-plane', latency_slo: { p99_ms: 50 } },
      ],
    } as Profile;
    // Only when a rule rests on that SLO itself: the proxy's tight one does not make control's 50 ms depend on the
    // collector (the payments example's 120 ms gateway read so beside its 4 ms scorer).
    expect(flat(renderAdr(buildHybridDecision(), { date: DATE, profile: withApi }))).not.toContain(
      'depends on the collector',
    );
    expect(
      flat(
        renderAdr(tight(buildHybrid(), 'components[1].latency_slo.p99_ms'), { date: DATE, profile: withApi }),
      ),
    ).toContain('meeting the 50 ms p99 SLO of control depends on the collector');
    // A Go verdict answers for the tightest SLO of its components: the proxy's own (a rule rested on it).
    const proxyTight = () => tight(buildSingle(), 'components[0].latency_slo.p99_ms');
    expect(flat(renderAdr(proxyTight(), { date: DATE, profile: mesh }))).toContain(
      'meeting the 2 ms p99 SLO of proxy depends on the collector',
    );
    // A project SLO that reaches no component (each entry states its own) is never quoted: the 50 ms is.
    const own = {
      ...mesh,
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 1 } },
      components: [
        { name: 'proxy', role: 'data-plane', latency_slo: { p99_ms: 50 } },
        { name: 'control', role: 'control-plane' },
      ],
    } as Profile;
    const goRecord = flat(renderAdr(proxyTight(), { date: DATE, profile: own }));
    expect(goRecord).toContain('meeting the 50 ms p99 SLO of proxy depends on the collector');
    expect(goRecord).not.toContain('1 ms p99 SLO');
    // The Context marks the project facts the components set aside.
    const heap = {
      ...own,
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 1 }, live_heap_gib: 4 },
    } as Profile;
    expect(flat(renderAdr(buildDecision(), { date: DATE, profile: heap }))).toContain(
      'p99 latency SLO 1 ms (reaches no component); live heap 4 GiB (reaches no component);',
    );
    // Without components, the project's own SLO.
    const whole = { ...mesh, components: undefined } as Profile;
    expect(flat(renderAdr(buildDecision(), { date: DATE, profile: whole }))).toContain(
      'meeting the 2 ms p99 SLO depends on the collector',
    );
  });

  it("words the Rust hiring line by the team's Rust experience: a strong team has no language to learn", () => {
    const team = (rust: 'none' | 'some' | 'strong') =>
      ({
        version: 1,
        project: { name: 'Search' },
        workload: { kind: 'cpu-bound' },
        team: { size: 2, go: 'some', rust, turnover: 'low' },
        targets: ['cli'],
      }) as Profile;
    const flat = (text: string) => text.replace(/\n\s*/g, ' ');
    const rust = buildDecision({ verdict: 'rust' });
    const strong = flat(renderAdr(rust, { date: DATE, profile: team('strong') }));
    expect(strong).not.toContain('hiring must look for Rust experience, or train for it');
    expect(strong).not.toContain('budget ramp-up time');
    expect(strong).toContain('and the team, strong in Rust, can review and mentor them.');
    for (const level of ['none', 'some'] as const) {
      const text = flat(renderAdr(rust, { date: DATE, profile: team(level) }));
      expect(text).toContain('Bad, because hiring must look for Rust experience, or train for it.');
      const words =
        level === 'none'
          ? 'nobody on the team has written Rust'
          : 'the team knows some Rust but is not fluent in it';
      expect(text).toContain(`Bad, because ${words}: budget ramp-up time`);
    }
    // In a hybrid whose Rust part has a team of its own, the fluent people are that part's, not the whole team.
    const split = {
      ...team('some'),
      components: [
        { name: 'proxy', role: 'data-plane', team: { rust: 'strong' } },
        { name: 'control', role: 'control-plane' },
      ],
    } as Profile;
    expect(flat(renderAdr(buildHybridDecision(), { date: DATE, profile: split }))).toContain(
      'and the people who build proxy, strong in Rust, can review and mentor them.',
    );
  });

  it('warns that a Go SLO depends on the collector only when the SLO was tight enough to move a weight', () => {
    const relaxed = {
      version: 1,
      project: { name: 'Control plane' },
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 500 } },
      team: { size: 45, go: 'strong', rust: 'none', turnover: 'medium' },
      targets: ['kubernetes'],
    } as Profile;
    // No weight reason names the SLO: a 500 ms p99 leaves Go's sub-millisecond pauses far behind.
    expect(renderAdr(buildDecision(), { date: DATE, profile: relaxed })).not.toContain(
      'depends on the collector',
    );
  });

  it('rejects a malformed date instead of writing a broken record', () => {
    expect(() => renderAdr(buildDecision(), { date: '27/11/2026' })).toThrow(RangeError);
  });

  it('writes the Nygard layout adr-tools reads: number and title on line 1, a Status section', () => {
    const adr = renderAdr(buildDecision(), { date: DATE, template: 'nygard', number: 4, status: 'accepted' });
    expect(adr.split('\n').slice(0, 7)).toEqual([
      '# 4. Use Go for Read states service',
      '',
      `Date: ${DATE}`,
      '',
      '## Status',
      '',
      'Accepted',
    ]);
    expect(adr).toContain('## Context\n');
    expect(adr).toContain('## Decision\n');
    expect(adr).toContain('## Consequences\n');
  });

  it("writes log4brains' layout: the title, then a Status list before the first section", () => {
    const adr = renderAdr(buildDecision(), { date: DATE, template: 'log4brains', deciders: ['Ana'] });
    expect(adr.split('\n').slice(0, 6)).toEqual([
      '# Use Go for Read states service',
      '',
      '* Status: proposed',
      '* Deciders: Ana',
      `* Date: ${DATE}`,
      '',
    ]);
  });

  it('keeps on one line what ADR tools read as one line, however long (QA: adr-tools missed a wrapped Supersedes)', () => {
    const supersedes = {
      number: 1,
      file: '0001-split-telemetry-ingest-pipeline-between-go-and-rust-today.md',
    };
    const nygard = renderAdr(buildDecision(), { date: DATE, template: 'nygard', number: 2, supersedes });
    expect(nygard).toContain(`\nSupersedes [ADR-0001](${supersedes.file})\n`);
    const profile = parseProfileValue({
      version: 1,
      project: { name: 'Read states service' },
      workload: { kind: 'io-bound' },
      team: { size: 8, go: 'some', rust: 'some' },
      stakeholders: [
        { name: 'Ana Ruiz', role: 'Engineering manager', priorities: {} },
        { name: 'Bo Chen', role: 'Staff engineer, data plane', priorities: {} },
        { name: 'Carla Dias', role: 'SRE', priorities: {} },
      ],
    });
    const log4brains = renderAdr(buildDecision(), {
      date: DATE,
      template: 'log4brains',
      profile,
      consulted: ['Dev Patel'],
      informed: ['Support'],
    });
    // log4brains splits the Deciders line on commas: a role keeps none, and the line is not wrapped.
    expect(log4brains).toContain(
      '\n* Deciders: Ana Ruiz (Engineering manager), Bo Chen (Staff engineer; data plane), Carla Dias (SRE)\n',
    );
    // Its header has no field for them; they were dropped without a word.
    expect(log4brains).toContain(`* Date: ${DATE}\n\nConsulted: Dev Patel\n\nInformed: Support\n`);
  });

  it('counts the boundaries its Confirmation does not name (QA: four boundaries, three named, no word of the fourth)', () => {
    const base = buildHybridDecision();
    const one = base.boundaries[0] as (typeof base.boundaries)[number];
    const boundaries = ['a', 'b', 'c', 'd'].map((to) => ({ ...one, to }));
    const adr = renderAdr({ ...base, boundaries }, { date: DATE }).replace(/\n\s*/g, ' ');
    expect(adr).toContain(
      'from proxy to c (grpc), and 1 more (the full analysis, `--format md`, lists every boundary).',
    );
    expect(renderAdr({ ...base, boundaries: boundaries.slice(0, 3) }, { date: DATE })).not.toContain(
      'more (the full',
    );
  });

  it('reads as a tie for a close call: the margin, a tie-breaker line and the smallest experiment', () => {
    const close = buildDecision({ close_call: true, confidence: 0.55, scores: { go: 7.12, rust: 7.09 } });
    const adr = renderAdr(close, { date: DATE });
    expect(adr).toContain('# Go or Rust for Read states service: a tie for the team to break');
    expect(adr).not.toContain('Chosen option: "Go"');
    expect(adr).toMatch(/This is a tie: the model leans to "Go" by 0\.03 of 10/);
    expect(adr).toContain('Tie-breaker (the decision-makers fill this in)');
    expect(adr).toMatch(/Smallest experiment that would settle it: run\s+`gorust lab run/);
  });

  describe('with stakeholders who disagree', () => {
    const criteria = buildDecision().criteria;
    const first = criteria[0] as (typeof criteria)[number];
    const team = buildDecision({
      stakeholders: [
        {
          name: 'Alice',
          role: 'SRE',
          weight: 2,
          verdict: 'rust',
          probabilities: { go: 0.1, rust: 0.9, hybrid: 0 },
        },
        { name: 'Bob', role: 'PM', weight: 1, verdict: 'go', probabilities: { go: 1, rust: 0, hybrid: 0 } },
        { name: 'Carol', weight: 1, verdict: 'go', probabilities: { go: 0.6, rust: 0.4, hybrid: 0 } },
      ],
      agreement: 0.5,
      disagreements: [
        { criterion: first.id, min: 0.02, max: 0.236, min_by: 'Alice', max_by: 'Bob' },
        { criterion: 'latency_predictability', min: 0.04, max: 0.2, min_by: 'Carol', max_by: 'Alice' },
      ],
    });
    const profile = parseProfileValue({
      version: 1,
      project: { name: 'Read states service' },
      workload: { kind: 'io-bound' },
      team: { size: 8, go: 'some', rust: 'some' },
      priorities: { latency_predictability: 2 },
      stakeholders: [
        { name: 'Alice', role: 'SRE', weight: 2, priorities: { [first.id]: 0, latency_predictability: 5 } },
        { name: 'Bob', role: 'PM', priorities: { [first.id]: 5 } },
        { name: 'Carol', priorities: {} },
      ],
    });
    const flat = (text: string) => text.replace(/\n\s*/g, ' ');

    it('says which criteria they weigh differently, whom each favours, and the priority behind each weight', () => {
      const adr = flat(renderAdr(team, { date: DATE, profile }));
      const more = adr.slice(adr.indexOf('## More Information'));
      const label = more.slice(more.indexOf('differ most'));
      const favours = first.go > first.rust ? 'Go' : 'Rust';
      const high = Math.max(first.go, first.rust).toFixed(1);
      const low = Math.min(first.go, first.rust).toFixed(1);
      expect(label).toMatch(
        new RegExp(
          `\\* [A-Z][a-z ]+, which favours ${favours} \\(${high} vs ${low}\\): Bob gives it 24% of the weight \\(priority 5 of 5\\), Alice 2% \\(priority 0 of 5\\)\\.`,
        ),
      );
      // A priority the stakeholder left out is the project's; none stated anywhere says so.
      expect(label).toMatch(
        /\* Latency predictability, which favours \w+ \([\d.]+ vs [\d.]+\): Alice gives it 20% of the weight \(priority 5 of 5\), Carol 4% \(the project's priority, 2 of 5\)\./,
      );
      // After the stakeholders' own verdicts, in the same section.
      expect(more.indexOf("Stakeholders' own verdicts")).toBeLessThan(more.indexOf('differ most'));
    });

    it('names the stakeholders whose own verdict differs in the Decision Outcome, not only under More Information', () => {
      const adr = flat(renderAdr(team, { date: DATE, profile }));
      const outcome = adr.slice(adr.indexOf('## Decision Outcome'), adr.indexOf('### Consequences'));
      expect(outcome).toContain(
        "On their own priorities, Alice (SRE) comes out Rust at 90%. 50% of the stakeholders' weight reaches the group's verdict.",
      );
      // Bob and Carol reach the group's verdict (Go): they are not named there.
      expect(outcome).not.toContain('Bob');
      // With components, the ones their own plan puts in the other language.
      const parted = {
        ...team,
        stakeholders: team.stakeholders?.map((s) =>
          s.name === 'Alice' ? { ...s, differs_on: ['proxy'] } : s,
        ),
      };
      expect(flat(renderAdr(parted, { date: DATE, profile }))).toContain(
        'Alice (SRE) comes out Rust at 90%, and differs on proxy.',
      );
      expect(renderText(parted)).toContain('; differs on proxy');
      expect(renderMarkdown(parted)).toContain('(differs on proxy)');
      // One who reaches the group's verdict with another plan dissents too (QA: the heaviest stakeholder's other
      // language for the store was left out, and counted among those who agree).
      const plan = {
        ...team,
        stakeholders: team.stakeholders?.map((s) => (s.name === 'Bob' ? { ...s, differs_on: ['store'] } : s)),
      };
      expect(flat(renderAdr(plan, { date: DATE, profile }))).toContain(
        // Semicolons, or "and differs on store and Carol ..." runs on (QA 2026-12-08).
        'On their own priorities, Alice (SRE) comes out Rust at 90%; Bob (PM) comes out Go at 100%, and differs on store.',
      );
    });

    it('points the Nygard layout, which has no More Information heading, at its closing notes', () => {
      const nygard = flat(renderAdr(team, { date: DATE, profile, template: 'nygard' }));
      expect(nygard).toContain(
        "The stakeholders' own verdicts, at the end of this record, show where their priorities differ.",
      );
      expect(nygard).toContain("Stakeholders' own verdicts: Alice (SRE) Rust");
      // The stakeholders decide when no --decider is given, in this layout too (it named nobody).
      expect(nygard).toContain('Date: 2026-11-27 Deciders: Alice (SRE), Bob (PM), Carol ## Status');
      expect(nygard).not.toContain('More Information shows');
    });

    it('gives the weights alone without the profile, and nothing without disagreements', () => {
      const adr = flat(renderAdr(team, { date: DATE }));
      expect(adr).toMatch(/: Bob gives it 24% of the weight, Alice 2%\./);
      expect(adr).not.toContain('priority 5 of 5');
      expect(renderAdr({ ...team, disagreements: [] }, { date: DATE })).not.toContain('differ most');
    });
  });

  it('lists pros and cons without mirrored text: the explanation once, under the option it favours', () => {
    const adr = renderAdr(buildDecision(), { date: DATE });
    const pros = adr.slice(adr.indexOf('## Pros and Cons'), adr.indexOf('## More Information'));
    expect(pros).toMatch(/Good, because of development speed \(9\.0 vs 6\.0\): Go compiles fast/);
    expect(pros).toContain('Bad, because it trails on development speed.');
    expect(pros.match(/Go compiles fast/g)).toHaveLength(1);
  });
});

describe('briefWhy', () => {
  it('drops the rating prefix and the weight reasons, which the record states on its own', () => {
    expect(briefWhy('Rust 9 vs Go 6: No collector. Weight: x2 a tight SLO.')).toBe('No collector.');
    expect(
      briefWhy('Go 9 vs Rust 6.5: Small language. Ratings shifted for team experience: Go strong (+1).'),
    ).toBe('Small language.');
    expect(briefWhy('Plain text.')).toBe('Plain text.');
  });
});

describe('adrFileName', () => {
  it('numbers and slugs the title', () => {
    expect(adrFileName(buildDecision(), 3)).toBe('0003-use-go-for-read-states-service.md');
    expect(adrFileName(buildHybridDecision(), 12)).toBe('0012-split-mesh-proxy-edge-between-go-and-rust.md');
    expect(() => adrFileName(buildDecision(), 10_000)).toThrow(RangeError);
  });
});

describe('renderJson', () => {
  it('prints the contract keys in contract order whatever order they were built in', () => {
    const { caveats, verdict, ...rest } = buildDecision();
    const shuffled = { caveats, ...rest, verdict };
    const json = renderJson(shuffled);
    expect(Object.keys(JSON.parse(json))).toEqual([
      'verdict',
      'confidence',
      'close_call',
      'scores',
      'probabilities',
      'gates',
      'criteria',
      'sensitivity',
      'checklist',
      'components',
      'boundaries',
      'similar_projects',
      'tips',
      'caveats',
      'project',
      'seed',
      'samples',
      'weight_spread',
      'track_record',
    ]);
    expect(Object.keys(JSON.parse(json).criteria[0])).toEqual([
      'id',
      'weight',
      'go',
      'rust',
      'contribution',
      'why',
      'evidence',
      'rationale',
      'weight_reasons',
      'experience',
    ]);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "verdict": "go",\n');
  });

  it('is byte-identical for equal decisions', () => {
    expect(renderJson(buildHybridDecision())).toBe(renderJson(buildHybridDecision()));
  });

  it('treats a decision that breaks the contract as an internal error', () => {
    expect(() => renderJson({ ...buildDecision(), confidence: 2 })).toThrow(InternalError);
  });

  it('without the check, prints what the checked rendering prints: same keys, same order, nothing extra', () => {
    for (const decision of [buildDecision(), buildHybridDecision()]) {
      const { caveats, verdict, criteria, ...rest } = decision;
      const shuffled = {
        extra: 1,
        caveats,
        criteria: criteria.map(({ id, ...row }) => ({ ...row, internal: true, id })),
        ...rest,
        verdict,
      };
      expect(renderJson(shuffled as typeof decision, { validate: false })).toBe(renderJson(decision));
    }
  });
});

describe('close numbers stay distinguishable', () => {
  // The close-call example: the build-speed weight is 6.2% and the verdict flips at 5.5%; both round to 6%.
  const close = buildDecision({
    scores: { go: 7.467, rust: 7.5 },
    sensitivity: [{ criterion: 'onboarding', flip_weight: 0.055 }],
    criteria: buildDecision().criteria.map((row) =>
      row.id === 'onboarding' ? { ...row, weight: 0.062 } : row,
    ),
  });

  it('shows scores with a fixed two decimals', () => {
    expect(renderText(close)).toContain('Scores: Go 7.47, Rust 7.50 (out of 10)');
    expect(renderMarkdown(close)).toContain('| Weighted score (0 to 10) | 7.47 | 7.50 | n/a |');
    expect(renderAdr(close, { date: DATE })).toContain('Weighted score 7.50 of 10.');
  });

  it('shows a decimal when the flip weight and the weight now round to the same percentage', () => {
    expect(renderText(close)).toContain('Onboarding weighing 5.5% (now 6.2%)');
    expect(renderMarkdown(close)).toContain('| Onboarding | 6.2% | 5.5% |');
    // Different whole percentages keep the short form.
    expect(renderText(buildDecision())).toContain('Latency predictability weighing 62% (now 20%)');
  });
});

describe('the terminal wraps', () => {
  it('never between a figure and its unit', () => {
    const line =
      '  proxy -> destination: 1 x 168 µs (gRPC p99) = 168 µs, within the 200 µs a boundary may take';
    for (let width = 30; width <= 90; width += 1) {
      for (const wrapped of wrapTextLine(line, width)) expect(wrapped.trim()).not.toMatch(/^(µs|ms)\b|\d$/);
    }
    expect(wrapTextLine('aaaa 168 µs', 9)).toEqual(['aaaa', '  168 µs']);
    expect(wrapTextLine('aaaa ~1,000 MiB, then', 12)).toEqual(['aaaa', '  ~1,000 MiB,', '  then']);
    expect(wrapTextLine('  - A deadline of 12 weeks or less', 21)).toEqual([
      '  - A deadline of',
      '    12 weeks or less',
    ]);
    expect(wrapTextLine('margin 1.95 of 10 now', 13)).toEqual(['margin', '  1.95 of 10', '  now']);
  });

  it("never starts a wrapped line with the sentence's own dash, which would read as a nested bullet", () => {
    // The policy list of bare-metal-firmware at 80 columns read "    - one criterion's multipliers together at most x4".
    const line =
      "  - policy: cap-product: memory efficiency ×0.53. Why: Stacked rules are bounded - one criterion's multipliers together at most x4 (at least x0.25), and no criterion above 30% - so several rules cannot decide alone.";
    for (const width of [60, 70, 80, 81, 90]) {
      const wrapped = wrapTextLine(line, width);
      expect(wrapped.slice(1).filter((l) => /^\s*[-–—] /.test(l))).toEqual([]);
      expect(wrapped.join(' ').replace(/\s+/g, ' ')).toBe(line.replace(/\s+/g, ' '));
    }
    expect(wrapTextLine('  - bounded - one', 12)).toEqual(['  - bounded -', '    one']);
  });

  it('keeps a short code span on one line', () => {
    // Cut, it read "(`gorust" / "lab` does this)".
    expect(wrapTextLine('  - several rates (`gorust lab` does this)', 30)).toEqual([
      '  - several rates',
      '    (`gorust lab` does this)',
    ]);
    // A span longer than a line may still wrap at its spaces.
    const long = `run \`${'word '.repeat(12).trim()}\` now`;
    expect(wrapTextLine(long, 30).every((line) => line.length <= 30)).toBe(true);
  });
});

describe('one precision per column', () => {
  // Ratings such as 9 and 9.4 in one column, boundary calls 1 and 0.05, stakeholder weights 1 and 2.5.
  const mixed = buildHybridDecision({
    criteria: buildHybridDecision().criteria.map((row, i) =>
      i === 0 ? { ...row, go: 9.4, rust: 9 } : i === 1 ? { ...row, go: 9, rust: 8.35 } : row,
    ),
    boundaries: [
      { ...(buildHybridDecision().boundaries[0] as Decision['boundaries'][number]), calls_per_request: 1 },
      {
        ...(buildHybridDecision().boundaries[0] as Decision['boundaries'][number]),
        from: 'other',
        calls_per_request: 0.05,
      },
    ],
    stakeholders: [
      { name: 'Ana', weight: 1, verdict: 'go', probabilities: { go: 1, rust: 0, hybrid: 0 } },
      { name: 'Bo', weight: 2.5, verdict: 'rust', probabilities: { go: 0, rust: 1, hybrid: 0 } },
    ],
  });
  const cells = (md: string, header: string, column: number): string[] => {
    const lines = md.split('\n');
    const start = lines.findIndex((line) => line.startsWith(header));
    const rows: string[] = [];
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(line.split('|')[column + 1]?.trim() ?? '');
    }
    return rows;
  };

  it('shows every rating with one decimal, in tables and in sentences', () => {
    const md = renderMarkdown(mixed);
    for (const column of [2, 3]) {
      const ratings = cells(md, '| Criterion | Weight | Go | Rust |', column);
      expect(ratings.length).toBe(mixed.criteria.length);
      for (const rating of ratings) expect(rating).toMatch(/^\d+\.\d$/);
    }
    expect(md).toContain('| 9.4 | 9.0 |');
    const text = renderText(mixed);
    const shown = [...text.matchAll(/% {2}Go +(\S+) +Rust +(\S+) /g)].flatMap((m) => [m[1], m[2]]);
    expect(shown.length).toBeGreaterThan(0);
    for (const rating of shown) expect(rating).toMatch(/^\d+\.\d$/);
    expect(renderAdr(mixed, { date: DATE })).not.toMatch(/\(\d+ vs|vs \d+\)|Go \d+,/);
  });

  it('asks to measure several boundaries in one confirmation line, each with its assumed cost', () => {
    const adr = renderAdr(mixed, { date: DATE }).replace(/\n\s*/g, ' ');
    expect(adr).toContain(
      'Measure the boundary calls with `gorust lab run boundary` in the first milestone: the plan assumes about ' +
        '100 µs per call from proxy to control (grpc) and 100 µs from other to control (grpc).',
    );
    expect(adr).not.toContain('Measure the proxy to control');
  });

  it('gives calls per request and stakeholder weights one precision down their column', () => {
    const md = renderMarkdown(mixed);
    expect(cells(md, '| From | To |', 4)).toEqual(['1.00', '0.05']);
    expect(cells(md, '| Stakeholder |', 1)).toEqual(['1.0', '2.5']);
  });
});

describe('what the confidence means', () => {
  // A 100% confidence next to a small score margin reads as overconfidence unless the report says what it counts.
  const robustButNarrow = buildDecision({
    confidence: 1,
    probabilities: { go: 1, rust: 0, hybrid: 0 },
    scores: { go: 7.86, rust: 7.5 },
  });

  it('says how many perturbations of which size keep the verdict, and the score margin', () => {
    const phrase =
      '10,000 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; score margin 0.36 of 10';
    expect(renderText(robustButNarrow, { width: 500 })).toContain(`Confidence 100%: ${phrase}`);
    expect(renderMarkdown(robustButNarrow).replace(/\n/g, ' ')).toContain(`Confidence 100%: ${phrase}.`);
    expect(renderAdr(robustButNarrow, { date: DATE }).replace(/\n/g, ' ')).toContain(
      "it scores 7.86 against Rust's 7.50 of 10, led by development speed and onboarding; 10,000 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict (confidence 100%).",
    );
  });

  it('falls back to a share when the decision does not say how it was computed', () => {
    const { samples: _s, weight_spread: _w, ...bare } = robustButNarrow;
    expect(renderText(bare).replace(/\n +/g, ' ')).toContain(
      'Confidence 100%: 100% of draws of weights, ratings and uncertain inputs keep this verdict; score margin 0.36 of 10',
    );
  });
});

describe('user text in Markdown and ADRs', () => {
  it('keeps ordinary punctuation readable in the raw record', () => {
    const decision = buildDecision({
      project: { name: 'Payments gateway (mTLS)', summary: 'R&D edge_proxy!' },
    });
    const adr = renderAdr(decision, { date: DATE });
    expect(adr).toContain('# Use Go for Payments gateway (mTLS)');
    expect(adr).toContain('Payments gateway (mTLS) (R&D edge_proxy!) could be written');
    expect(adr).not.toContain('\\(');
    expect(renderMarkdown(decision)).toContain('> R&D edge_proxy!');
  });

  it('still renders HTML in a name as text', () => {
    const adr = renderAdr(buildDecision({ project: { name: '<img src=x onerror=alert(1)>' } }), {
      date: DATE,
    });
    expect(adr).not.toContain('<img');
    expect(adr).toContain('# Use Go for &lt;img src=x onerror=alert(1)&gt;');
  });

  it('never renders a user-supplied name as an image or a link, in the ADR or the Markdown report', () => {
    const pixel = '![t](https://evil.example/pixel.png)';
    const decision = buildHybridDecision({
      project: { name: pixel, summary: '[click](https://evil.example) *bold*' },
      components: buildHybridDecision().components.map((c, i) =>
        i === 0 ? { ...c, name: pixel, why: `${pixel} is latency-critical.` } : c,
      ),
      boundaries: buildHybridDecision().boundaries.map((b) => ({
        ...b,
        from: pixel,
        why: `calls from ${pixel} cross.`,
      })),
    });
    // The ADR's data comment for `gorust check` is not rendered; everything else is checked.
    const adr = renderAdr(decision, { date: DATE }).replace(/<!-- gorust-adr[\s\S]*-->/, '');
    for (const text of [adr, renderMarkdown(decision)]) {
      expect(text).not.toContain('![t](');
      expect(text).not.toContain('](https://evil');
      expect(text).not.toMatch(/(^|[^\\])\*bold\*/);
      expect(text).not.toMatch(/[^\\]https:\/\/evil/);
    }
  });
});
