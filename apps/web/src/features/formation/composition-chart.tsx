import { bars, RATING_LABELS } from './formation-logic';
import type { TeamComposition } from './formation-api';
import styles from './formation.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

function Chart({ title, counts }: { title: string; counts: Record<string, number> }) {
  const rows = bars(counts);
  return (
    <figure className={styles.chart}>
      <figcaption className={`${textStyles.small} ${textStyles.muted}`}>{title}</figcaption>
      {rows.map((row) => (
        <div key={row.label} className={styles.chartRow}>
          <span>{row.label}</span>
          <span
            className={styles.bar}
            style={{ width: `${Math.round(row.share * 100)}%` }}
            aria-hidden="true"
          />
          <span>{row.count}</span>
        </div>
      ))}
    </figure>
  );
}

/** A team's make-up for organisers: disciplines, career stages, interest in its idea. */
export function CompositionChart({ composition }: { composition: TeamComposition }) {
  const interest = Object.fromEntries(
    composition.interestCounts
      .map((count, level) => [RATING_LABELS[level], count] as const)
      .filter(([, count]) => count > 0),
  );
  return (
    <div className={pageLayout.stack}>
      <Chart title="Disciplines" counts={composition.disciplines} />
      <Chart title="Career stages" counts={composition.careerStages} />
      <Chart title="Interest in the idea" counts={interest} />
    </div>
  );
}
