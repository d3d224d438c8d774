import { useId } from 'react';
import { formatMerit, formatShare, lineChart, meritByPlace } from './merit-chart';
import type { SelectionRun } from './types';
import styles from './selection.module.css';

const BOX = { width: 640, height: 260, left: 48, right: 16, top: 16, bottom: 36 };

/**
 * The price of diversity as a chart: merit by place of the cohort the quotas allow against
 * the unconstrained top N. The shaded band between the lines is the merit given up.
 */
export function MeritChart({ run }: { run: Pick<SelectionRun, 'inputs' | 'result'> }) {
  const titleId = useId();
  const descId = useId();
  const { cohort, topN } = meritByPlace(run);
  const price = run.result.priceOfDiversity;
  if (cohort.length === 0) return null;
  const chart = lineChart([topN, cohort], BOX);
  const share = formatShare(price?.relative);
  const summary = price
    ? `The quotas cost ${formatMerit(price.absolute)} merit${share ? ` (${share})` : ''}: the cohort has ${formatMerit(run.result.objective)} against ${formatMerit(run.result.unconstrained.merit)} for the top ${topN.length} by merit alone.`
    : '';
  return (
    <figure className={styles.meritChart}>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>Merit by place: quota cohort against the top {topN.length}</title>
        <desc id={descId}>{summary}</desc>
        {chart.yTicks.map((t) => (
          <g key={t.value} className={styles.meritChartGrid}>
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={t.y} y2={t.y} />
            <text x={BOX.left - 6} y={t.y} dy="0.32em" textAnchor="end">
              {formatMerit(t.value)}
            </text>
          </g>
        ))}
        {chart.zeroY !== null ? (
          <line
            className={styles.meritChartZero}
            x1={BOX.left}
            x2={BOX.width - BOX.right}
            y1={chart.zeroY}
            y2={chart.zeroY}
          />
        ) : null}
        {chart.xTicks.map((t) => (
          <text key={t.place} x={t.x} y={BOX.height - BOX.bottom + 16} textAnchor="middle">
            {t.place}
          </text>
        ))}
        <text x={(BOX.left + BOX.width - BOX.right) / 2} y={BOX.height - 4} textAnchor="middle">
          place, best merit first
        </text>
        {chart.gap ? <polygon className={styles.meritChartGap} points={chart.gap} /> : null}
        <polyline
          className={`${styles.meritChartLine} ${styles.meritChartLineTop}`}
          points={chart.lines[0]}
        />
        <polyline
          className={`${styles.meritChartLine} ${styles.meritChartLineCohort}`}
          points={chart.lines[1]}
        />
      </svg>
      <figcaption>
        <ul className={styles.meritChartLegend}>
          <li>
            <span
              className={`${styles.meritChartKey} ${styles.meritChartKeyTop}`}
              aria-hidden="true"
            />{' '}
            Top {topN.length} by merit alone: {formatMerit(run.result.unconstrained.merit)}
          </li>
          <li>
            <span
              className={`${styles.meritChartKey} ${styles.meritChartKeyCohort}`}
              aria-hidden="true"
            />{' '}
            Cohort under the quotas: {formatMerit(run.result.objective)}
          </li>
          <li>
            <span
              className={`${styles.meritChartKey} ${styles.meritChartKeyGap}`}
              aria-hidden="true"
            />{' '}
            Price of diversity: {formatMerit(price?.absolute ?? 0)}
            {share ? ` (${share})` : ''}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
