import type { ReactNode } from 'react';
import type { ReviewStatus } from './api';
import { REVIEW_STATUS_LABELS } from './review-scores';
import styles from './review-bits.module.css';
import { Badge, type BadgeTone } from '../../components/badge';
import { Fact, Facts } from '../../components/facts';
import textStyles from '../../components/text.module.css';

const REVIEW_TONES: Record<string, BadgeTone> = {
  assigned: 'neutral',
  draft: 'warn',
  submitted: 'ok',
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return <Badge tone={REVIEW_TONES[status]}>{REVIEW_STATUS_LABELS[status] ?? status}</Badge>;
}

/** Reviews done out of assigned, as a bar that also reads as text. */
export function ReviewProgressBar(props: { done: number; total: number; label: string }) {
  const { done, total, label } = props;
  return (
    <div className={styles.progress}>
      <progress
        max={Math.max(total, 1)}
        value={done}
        aria-label={label}
        aria-valuetext={`${done} of ${total}`}
      />
      <span className={`${textStyles.small} ${textStyles.muted}`} aria-hidden="true">
        {done}/{total}
      </span>
    </div>
  );
}

/** A review's scores, one row per criterion ("4 of 1–5"), then any rows given as children. */
export function ScoreFacts(props: {
  criteria: readonly { id: string; label: string; scale: { min: number; max: number } }[];
  scores: Readonly<Record<string, number>>;
  children?: ReactNode;
}) {
  return (
    <Facts>
      {props.criteria.map((c) => (
        <Fact key={c.id} label={c.label}>
          {props.scores[c.id] ?? '—'}{' '}
          <span className={`${textStyles.muted} ${textStyles.small}`}>
            of {c.scale.min}–{c.scale.max}
          </span>
        </Fact>
      ))}
      {props.children}
    </Facts>
  );
}
