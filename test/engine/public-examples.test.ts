import { describe, expect, it } from 'vitest';
import { decide, decisionSchema } from '../../src/core/index.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

const kb = loadKnowledgeBase();
const examples = new Map(loadProfiles('examples').map((p) => [p.file, p]));

function decideExample(file: string) {
  const example = examples.get(file);
  if (example === undefined) throw new Error(`examples/${file} is missing`);
  return decide(example.profile, kb);
}

describe('public examples come out as stated (real knowledge base)', () => {
  it('a Kubernetes-style control plane built by a large Go team: go', () => {
    const d = decideExample('kubernetes-control-plane.yaml');
    expect(d.verdict).toBe('go');
    expect(d.close_call).toBe(false);
    expect(d.similar_projects.map((p) => p.name)).toContain('Kubernetes');
  });

  it('a ripgrep-style search CLI where speed is the product: rust', () => {
    const d = decideExample('search-cli.yaml');
    expect(d.verdict).toBe('rust');
    expect(d.close_call).toBe(false);
    expect(d.similar_projects[0]?.name).toBe('ripgrep');
  });

  it('bare-metal firmware: rust, by the memory-budget gate (256 KiB), with the breakdown still shown', () => {
    const d = decideExample('bare-metal-firmware.yaml');
    expect(d.verdict).toBe('rust');
    expect(d.gates.map((g) => g.id)).toContain('gate-memory-budget');
    expect(d.criteria).toHaveLength(12);
  });

  it('a three-person startup REST API, six-week deadline, no Rust experience: go', () => {
    const d = decideExample('startup-rest-api.yaml');
    expect(d.verdict).toBe('go');
    expect(d.close_call).toBe(false);
  });

  it('a service mesh with a Go control plane and a latency-critical proxy: hybrid with a grpc boundary', () => {
    const d = decideExample('service-mesh.yaml');
    expect(d.verdict).toBe('hybrid');
    const byName = Object.fromEntries(d.components.map((c) => [c.name, c.language]));
    expect(byName).toEqual({ proxy: 'rust', destination: 'go', controller: 'go' });
    expect(d.boundaries).toMatchObject([{ from: 'proxy', to: 'destination', mechanism: 'grpc' }]);
  });

  it('the close-call example is a close call (for the slider demo)', () => {
    const d = decideExample('close-call.yaml');
    expect(d.close_call).toBe(true);
    expect(d.sensitivity.some((s) => s.flip_weight !== null)).toBe(true);
  });

  it('the video platform shows all three boundary mechanisms', () => {
    const d = decideExample('video-platform.yaml');
    expect(d.verdict).toBe('hybrid');
    expect(d.boundaries.map((b) => `${b.from}->${b.to}:${b.mechanism}`)).toEqual([
      'upload-api->transcoder:grpc',
      'upload-api->thumbnails:ffi',
      'transcoder->billing:service',
    ]);
    expect(d.boundaries.find((b) => b.mechanism === 'ffi')?.chatty).toBe(true);
    expect(d.caveats.some((c) => c.startsWith('cgo'))).toBe(true);
  });

  it("a Go codebase's parts extended in place stay Go beside a new Rust hot path: existing code per component", () => {
    const d = decideExample('payments-extension.yaml');
    expect(d.verdict).toBe('hybrid');
    const byName = Object.fromEntries(d.components.map((c) => [c.name, c.language]));
    expect(byName).toEqual({ gateway: 'go', scorer: 'rust', 'ledger-sync': 'go' });
    expect(d.components.find((c) => c.name === 'ledger-sync')?.why).toContain('existing Go code to extend');
    const example = examples.get('payments-extension.yaml');
    if (example === undefined) throw new Error('examples/payments-extension.yaml is missing');
    const components = (example.profile.components ?? []).map(({ existing_code: _, ...c }) => c);
    const without = decide({ ...example.profile, components }, kb);
    expect(without.components.find((c) => c.name === 'ledger-sync')?.near_tie).toBe(true);
    expect(d.components.find((c) => c.name === 'ledger-sync')?.near_tie).toBe(false);
  });

  it('every example is a valid profile whose decision follows the contract', () => {
    expect(examples.size).toBeGreaterThanOrEqual(6);
    for (const example of examples.values()) {
      const d = decisionSchema.parse(decide(example.profile, kb));
      expect(d.criteria.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 9);
      expect(d.criteria.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(d.scores.go - d.scores.rust, 9);
      for (const r of d.criteria) expect(r.why.length).toBeGreaterThan(0);
    }
  });
});
