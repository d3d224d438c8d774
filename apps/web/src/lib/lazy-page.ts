import { lazy, type ComponentType } from 'react';

/**
 * A screen whose code is a chunk of its own, fetched the first time it is shown (route-level
 * code splitting: the login page does not carry the control room). `name` picks the named
 * export. Render it inside a <Suspense> (the frame and the lab frame have one).
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
