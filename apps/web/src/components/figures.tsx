import type { ReactNode } from 'react';
import styles from './figures.module.css';

export interface Figure {
  label: string;
  value: ReactNode;
  /** Names the figure's value for a test that reads it. */
  testId?: string;
}

/**
 * A few figures side by side, each a label over its value (decisions and letters counted,
 * the money of a funding round). `label` names the group for screen readers.
 */
export function Figures({
  figures,
  label,
  testId,
}: {
  figures: readonly Figure[];
  label?: string;
  testId?: string;
}) {
  return (
    <dl className={styles.figures} aria-label={label} data-testid={testId}>
      {figures.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd data-testid={f.testId}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
