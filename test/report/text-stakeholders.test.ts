/** @module The terminal summary lists the stakeholders: each one's verdict and probabilities, the agreement, and the criteria they weigh most differently. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/engine/decide.ts';
import { parseProfileText } from '../../src/core/profile/parse-text.ts';
import { renderText } from '../../src/core/report/text.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('renderText with stakeholders', () => {
  it("shows each stakeholder's verdict, the agreement and where they differ", () => {
    const profile = parseProfileText(
      readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
      'close-call',
    );
    const withPeople = {
      ...profile,
      stakeholders: [
        {
          name: 'SRE lead',
          role: 'SRE',
          weight: 2,
          priorities: { latency_predictability: 5, development_speed: 0 },
        },
        { name: 'Product lead', priorities: { latency_predictability: 0, development_speed: 5 } },
      ],
    };
    const decision = decide(withPeople, readKnowledgeBase(), { seed: 1, samples: 2000 });
    const text = renderText(decision);
    const agreement = `${Math.round((decision.agreement ?? Number.NaN) * 100)}% of their weight reach this verdict`;
    expect(text).toContain(`Stakeholders (${agreement})`);
    for (const row of decision.stakeholders ?? []) {
      const line = text.split('\n').find((l) => l.startsWith(`  ${row.name}`));
      expect(line, row.name).toContain(
        row.verdict === 'go' ? 'Go' : row.verdict === 'rust' ? 'Rust' : 'Hybrid',
      );
      // The own verdict, then its probabilities in parentheses: "Rust (Go 49% · Rust 51% · Hybrid 0%)".
      expect(line).toMatch(
        new RegExp(`: (Go|Rust|Hybrid) \\(Go ${Math.round(row.probabilities.go * 100)}% · Rust`),
      );
    }
    expect(text).toContain('SRE lead (SRE), weight 2:');
    expect(text).toMatch(
      /They differ on (Latency predictability|Development speed), which favours (Go|Rust) \(\d\.\d vs \d\.\d\): \d+% of the weight for/,
    );
  });

  it('leaves the section out without stakeholders', () => {
    const profile = parseProfileText(
      readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'),
      'close-call',
    );
    expect(renderText(decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 }))).not.toContain(
      'Stakeholders',
    );
  });
});
