/** @module A tiny hook for loading data from the API with loading and error states. */
import { type DependencyList, useEffect, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; value: T };

/**
 * Run `load` when `deps` change; ignores results that arrive after a newer load started.
 * @example
 * const runs = useAsync(() => listRuns(), []);
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  // Biome cannot check a dependency list passed in; the caller lists what `load` depends on.
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (value) => {
        if (current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (current)
          setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  }, deps);
  return state;
}
