/** @module "Did you mean" for misspelt keys and values, the one of gorust (profiles, the knowledge base, lab manifests): the closest known word by edit distance, when it is close enough. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions, the commonest typo). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? Math.max(a.length, b.length);
}

/**
 * The known word closest to `word`, if it is within about a third of the word's length (at least 2 edits),
 * or differs only in case, `-`/`_` or spaces, or is the start (3 characters or more) of exactly one known word.
 * @example
 * didYouMean('strnog', ['none', 'some', 'strong']); // 'strong'
 * didYouMean('team', ['team_size', 'workload']); // 'team_size'
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  // Very long input is never a typo of a short key, and the distance is quadratic: skip it.
  if (word.length === 0 || word.length > 64) return undefined;
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const squashed = squash(word);
  const loose = known.find((k) => squash(k) === squashed);
  if (loose !== undefined) return loose;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= limit) return best;
  // A shortened key ("team" for "team_size") is far in edits but an obvious intent when only one key fits.
  const lower = word.toLowerCase();
  const prefixed = known.filter((k) => lower.length >= 3 && k.toLowerCase().startsWith(lower));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
