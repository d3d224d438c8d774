import type { ReactNode } from 'react';
import styles from './pager.module.css';
import buttonStyles from './button.module.css';

/**
 * Previous / "Page 2 of 6" / Next under a list shown a page at a time; nothing when the list
 * fits on one page. `label` names the list for screen readers ("Pages of applications");
 * `children` add to the page count what the list says of itself ("(26–50 of 130)").
 */
export function Pager({
  label,
  page,
  pages,
  onGo,
  children,
}: {
  label: string;
  page: number;
  pages: number;
  onGo: (page: number) => void;
  children?: ReactNode;
}) {
  if (pages <= 1) return null;
  return (
    <nav className={styles.pager} aria-label={label}>
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.quiet}`}
        disabled={page <= 1}
        onClick={() => onGo(page - 1)}
      >
        ← Previous
      </button>
      <span>
        Page {page} of {pages}
        {children ? <> {children}</> : null}
      </span>
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.quiet}`}
        disabled={page >= pages}
        onClick={() => onGo(page + 1)}
      >
        Next →
      </button>
    </nav>
  );
}
