import type { ReactNode } from 'react';
import styles from './table-scroll.module.css';

/**
 * A table that scrolls sideways inside itself on a narrow screen (the page itself never
 * does). It takes focus, so keyboard users can scroll it with the arrow keys; the table
 * inside names itself (its caption or the heading above it), so the frame adds no label.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    // A focusable scroll container, the one non-interactive element here that takes focus.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className={styles.tableScroll} tabIndex={0}>
      {children}
    </div>
  );
}
