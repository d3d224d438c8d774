import { lazy, type ComponentType } from 'react';

/** A screen whose code is fetched the first time it is shown, or before, by `preload()`. */
export type LazyPage = ComponentType & {
  /** Start fetching the screen's code now (the route it will show is known before it renders). */
  preload: () => Promise<unknown>;
};

/**
 * A chunk of screens, fetched once: `preload()` starts it (for a route known ahead, e.g. from
 * the address at start-up), `page(name)` is one of its named exports as a lazy component.
 *
 * Once the chunk is here, its pages render in the same pass: React.lazy is handed a thenable
 * that settles at once instead of a promise, which it would await even when the module is
 * loaded. Suspending would show the nearest fallback for a frame, and React then holds the
 * page back until that fallback has been up for 300 ms (its throttle on revealing content).
 */
export function lazyModule<M>(load: () => Promise<M>) {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const preload = (): Promise<M> =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined; // a later preload may try again (a lost connection)
        throw error;
      },
    ));
  const page = <K extends keyof M>(name: K): LazyPage => {
    type Loaded = { default: ComponentType };
    const component = lazy(
      () =>
        ({
          then(onLoaded: (module: Loaded) => void, onFailed: (error: unknown) => void) {
            if (loaded) onLoaded({ default: loaded[name] as ComponentType });
            else preload().then((m) => onLoaded({ default: m[name] as ComponentType }), onFailed);
          },
        }) as unknown as Promise<Loaded>,
    );
    return Object.assign(component, { preload }) as unknown as LazyPage;
  };
  return { preload, page };
}

/**
 * A screen whose code is a chunk of its own, fetched the first time it is shown (route-level
 * code splitting: the login page does not carry the control room). `name` picks the named
 * export. Render it inside a <Suspense> (the frame and the lab frame have one).
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyPage {
  return lazyModule(load).page(name);
}
