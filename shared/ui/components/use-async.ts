import { useEffect, useState } from 'preact/hooks';

/** A value loaded once per change of `deps`, with its error. */
export type AsyncState<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/**
 * Runs `load` when `deps` change and answers its state; a later run wins over an earlier one.
 * @example const forms = useAsync(() => api.forms(), [api])
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ state: 'loading' });
    load().then(
      (value) => live && setState({ state: 'ready', value }),
      (error: unknown) =>
        live &&
        setState({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
    // The caller lists what `load` depends on.
  }, deps);
  return state;
}
