import type { ReactNode } from 'react';
import styles from './badge.module.css';

/**
 * How a badge looks. Bordered: `neutral`, `ok`, `danger`, `info`, `warn` (states); borderless:
 * `tag` (roles, breakouts), `quiet` (other kinds), `live`, `past`, `upcoming` (a round or
 * session in time); `now` (happening now), `adopted` (the adopted run); `plain` has no colour.
 */
export type BadgeTone =
  | 'plain'
  | 'neutral'
  | 'ok'
  | 'danger'
  | 'info'
  | 'warn'
  | 'tag'
  | 'quiet'
  | 'live'
  | 'past'
  | 'upcoming'
  | 'now'
  | 'adopted';

/** A word or two in a pill. `testId` names it for a test where nothing on screen does. */
export function Badge({
  tone = 'plain',
  testId,
  children,
}: {
  tone?: BadgeTone;
  testId?: string;
  children: ReactNode;
}) {
  const className = tone === 'plain' ? styles.badge : `${styles.badge} ${styles[tone]}`;
  return (
    <span className={className} data-testid={testId}>
      {children}
    </span>
  );
}

/** Badges of one tone in a row, as a list named for assistive technology ("Your roles"). */
export function BadgeList({
  label,
  tone,
  items,
}: {
  label: string;
  tone: BadgeTone;
  items: readonly string[];
}) {
  if (items.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item) => (
        <li key={item}>
          <Badge tone={tone}>{item}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** The line above a page's heading: the lab's phase and your roles, or the lab's name. */
export function Eyebrow({ children }: { children: ReactNode }) {
  return <div className={styles.eyebrow}>{children}</div>;
}
