/** @module What a lazily loaded part of the app (a view, the details of a decision) shows while its chunk downloads: a few milliseconds from the app's own server. */

/**
 * @example
 * <Suspense fallback={<Loading what="view" />}>...</Suspense>
 */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted small" role="status" data-testid="loading">
      Loading the {what}…
    </p>
  );
}
