import type { ComponentProps, ReactNode } from 'react';
import styles from './facts.module.css';

/** A list of facts (`Fact` rows): a term and its value on each row. */
export function Facts({ className, ...list }: ComponentProps<'dl'>) {
  return <dl className={[styles.facts, className].filter(Boolean).join(' ')} {...list} />;
}

/** One row of `Facts`: the term, and its value beside it (under it on a phone). */
export function Fact({ label, children }: { label: ReactNode; children?: ReactNode }) {
  return (
    <div className={styles.row}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
