/** @module The knowledge base's audited corrections stay corrected: wordings an audit against the sources found wrong (issue 7, and the evidence audit of 2026-12-07) must not come back in kb/*.yaml, whoever edits it next. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const KB = join(import.meta.dirname, '..', '..', 'kb');
const files = readdirSync(KB).filter((f) => f.endsWith('.yaml'));
/** Each file's text with its folded lines joined, so a phrase split over two lines is still found. */
const texts = files.map((f) => ({
  file: f,
  text: readFileSync(join(KB, f), 'utf8').replace(/\n\s*(#\s*)?/g, ' '),
}));

/** The files and the text around each match of `pattern`. */
function found(pattern: RegExp): string[] {
  return texts.flatMap(({ file, text }) =>
    [...text.matchAll(new RegExp(pattern, 'g'))].map(
      (m) => `${file}: ...${text.slice(Math.max(0, (m.index ?? 0) - 80), (m.index ?? 0) + 80)}...`,
    ),
  );
}

describe('kb/*.yaml keeps the corrections the audits made', () => {
  it('quotes Google: about a third as productive within two months, more than half within four (not "2-4 months", not "half as productive")', () => {
    expect(found(/2-4 months|2–4 months|half as productive/)).toEqual([]);
    expect(found(/more than half/).length).toBeGreaterThan(0);
  });

  it('does not tell a profile with an embedded-Linux target that no embedded target was given (QA, 2026-12-08)', () => {
    // The Rust interop line asks for bare metal, not embedded Linux, which runs stock Go: its why-not says so.
    expect(found(/or embedded target was given/)).toEqual([]);
    expect(found(/an embedded-Linux target runs stock Go/).length).toBe(1);
  });

  it("leaves '(policy)' to the code that marks a policy reason, so a decision never reads '(policy) (policy)'", () => {
    expect(found(/\(policy\)/)).toEqual([]);
  });

  it('never says most Discord services stayed in Go (it is not in the post)', () => {
    expect(found(/[Mm]ost (of )?Discord(?:'s)? services/)).toEqual([]);
  });

  it("puts Datadog's 1.22 GiB on the whole package, not on a binary", () => {
    const places = found(/1\.22 GiB/);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toMatch(/package/);
  });

  it("gives Go's GC pauses as typically under 0.1 ms with 0.5 ms as the upper figure (not a '0.5 ms class')", () => {
    expect(found(/ms class/)).toEqual([]);
    // The gates word their reasons in code.
    const gates = readFileSync(join(KB, '..', 'src', 'core', 'engine', 'gates.ts'), 'utf8');
    expect(gates).not.toMatch(/ms class/);
    expect(gates.match(/typically under 0\.1 ms|typical pauses are under 0\.1 ms/g)).toHaveLength(2);
  });

  it('gives a cgo call as 10-20 times a Go call today (not "20-100 times")', () => {
    expect(found(/20-100 times/)).toEqual([]);
  });

  it("counts Go's runtime floor as about 4 MiB, without the heap target inside the idle RSS", () => {
    const parameters = parse(readFileSync(join(KB, 'parameters.yaml'), 'utf8')) as Record<
      string,
      { value: number }
    >;
    expect(parameters.go_runtime_floor_mib?.value).toBe(4);
  });

  it('says Microsoft 70% is of its CVEs, not of "serious bugs at Microsoft"', () => {
    expect(found(/serious bugs at Microsoft/)).toEqual([]);
  });
});
