/** @module The Lab view: measured runs from the store (latency by percentile, GC pauses, build and cross-compilation tables). */

/**
 * @example
 * <LabView run="20260102-030405-1a2b" />
 */
export function LabView({ run }: { run?: string | undefined }) {
  return (
    <section className="card" data-testid="lab">
      <h2>Lab</h2>
      <p className="muted">{run ? `Run ${run}` : 'No lab run selected.'}</p>
    </section>
  );
}
