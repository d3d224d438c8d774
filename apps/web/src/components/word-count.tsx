import type { HTMLAttributes, ReactNode } from 'react';
import styles from './word-count.module.css';

/**
 * The words of a long answer counted under it, in the danger colour once over the limit (an
 * application's essay, an idea's summary).
 */
export function WordCount({
  over,
  children,
  ...rest
}: { over: boolean; children: ReactNode } & Omit<
  HTMLAttributes<HTMLParagraphElement>,
  'className'
> & {
    'data-testid'?: string;
  }) {
  return (
    <p {...rest} className={styles.count} data-over={over}>
      {children}
    </p>
  );
}
