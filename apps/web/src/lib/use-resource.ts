import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'failed'; data?: undefined; error: unknown };

/**
 * Loads data for a screen and reloads it when `key` changes. Answers that arrive after the
 * screen moved on to another key are dropped.
 */
export function useResource<T>(
  load: () => Promise<T>,
  key: string,
): [Resource<T>, { reload: () => void; set: (data: T) => void }] {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({
    key,
    resource: { status: 'loading' },
  });
  const [generation, setGeneration] = useState(0);

  // `load` is a fresh closure on every render; `key` says when it really changed.
  const loadNow = useEffectEvent(load);

  useEffect(() => {
    let current = true;
    loadNow().then(
      (data) => current && setState({ key, resource: { status: 'ready', data } }),
      (error: unknown) => current && setState({ key, resource: { status: 'failed', error } }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const set = useCallback(
    (data: T) => setState({ key, resource: { status: 'ready', data } }),
    [key],
  );
  const resource: Resource<T> = state.key === key ? state.resource : { status: 'loading' };
  return [resource, { reload, set }];
}
