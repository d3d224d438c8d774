import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The <h1> of a screen. It names the browser tab, and takes focus when the screen opens so a
 * screen reader announces the new screen after a client-side navigation.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    document.title = `${title} · Ideas Lab`;
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
