import { useId, type ComponentProps, type ReactNode } from 'react';
import styles from './facts.module.css';

/** A list of facts (`Fact` rows): a term and its value on each row. */
export function Facts({ className, ...list }: ComponentProps<'dl'>) {
  return <dl className={[styles.facts, className].filter(Boolean).join(' ')} {...list} />;
}

/**
 * One row of `Facts`. The value is named by its term (`aria-labelledby`), so assistive
 * technology and tests find "Workshop starts" as the value's name.
 */
export function Fact({ label, children }: { label: ReactNode; children?: ReactNode }) {
  const id = useId();
  return (
    <div className={styles.row}>
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id}>{children}</dd>
    </div>
  );
}
