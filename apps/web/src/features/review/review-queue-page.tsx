import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { reviewQueries, type ReviewQueueItem } from './api';
import { ConflictsCard } from './conflicts-card';
import { ReviewProgressBar, ReviewStatusBadge } from './review-bits';
import { CONFLICT_LABELS, progressText } from './review-scores';
import { DataTable } from '../../components/data-table';
import styles from './review.module.css';
import feedback from '../../components/feedback.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** A reviewer's work: the applications assigned to them, how far they are, and their conflicts of interest. */
export function ReviewQueuePage() {
  const { lab } = useLab();
  const queue = useQuery(reviewQueries.queue(lab.id));

  return (
    <div className={pageLayout.stackLg}>
      <section className={cardStyles.card} aria-labelledby="queue-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="queue-title">Your review queue</h2>
          {queue.data ? (
            <p className={styles.reviewProgressText} id="queue-progress">
              {progressText(queue.data.progress)}
            </p>
          ) : null}
        </div>
        {queue.isPending ? <Loading what="your review queue" /> : null}
        {queue.isError ? <ErrorAlert alert={alertFor(queue.error)} /> : null}
        {queue.data ? (
          <>
            {queue.data.progress.assigned > 0 ? (
              <ReviewProgressBar
                done={queue.data.progress.submitted}
                total={queue.data.progress.assigned}
                label="Your reviews submitted"
              />
            ) : null}
            {queue.data.blind ? (
              <p className={feedback.notice}>
                Blind review: you see what applicants can do, not who they are (no name,
                institution, country, ORCID iD or links).
              </p>
            ) : null}
            {queue.data.items.length === 0 ? (
              <p className={`${textStyles.empty} ${textStyles.muted}`}>
                No applications are assigned to you yet. The organisers assign them; they will
                appear here.
              </p>
            ) : (
              <QueueTable items={queue.data.items} />
            )}
          </>
        ) : null}
      </section>
      <ConflictsCard labId={lab.id} />
    </div>
  );
}

/**
 * Without names (the blind phase) applications are numbered. The queue is sorted by what is left
 * to do, so the numbers follow a fixed order instead: "Application 1" stays itself once reviewed.
 */
function blindNumbers(items: readonly ReviewQueueItem[]): Map<string, number> {
  const ids = items.map((i) => i.applicationId).sort();
  return new Map(ids.map((id, index) => [id, index + 1]));
}

function QueueTable({ items }: { items: readonly ReviewQueueItem[] }) {
  const numbers = blindNumbers(items);
  const nameOf = (item: ReviewQueueItem) =>
    item.applicantName ?? `Application ${numbers.get(item.applicationId) ?? 0}`;
  const unknown = <span className={textStyles.muted}>—</span>;
  return (
    <DataTable
      className={styles.queueTable}
      rows={items}
      rowKey={(item) => item.applicationId}
      columns={[
        {
          header: 'Application',
          rowHeader: true,
          cell: (item) =>
            item.conflict ? (
              <>
                <span className={dataTableStyles.applicantName}>{nameOf(item)}</span>
                <span className={`${textStyles.small} ${styles.reviewConflict}`}>
                  Conflict of interest: {CONFLICT_LABELS[item.conflict]}. It cannot be opened.
                </span>
              </>
            ) : (
              <Link
                to={item.applicationId}
                state={{ label: nameOf(item) }}
                className={dataTableStyles.applicantName}
              >
                {nameOf(item)}
              </Link>
            ),
        },
        { header: 'Your review', cell: (item) => <ReviewStatusBadge status={item.status} /> },
        { header: 'Discipline', cell: (item) => item.primaryDiscipline ?? unknown },
        { header: 'Stage', cell: (item) => item.careerStage ?? unknown },
        { header: 'Organisation', cell: (item) => item.organisationType ?? unknown },
      ]}
    />
  );
}
