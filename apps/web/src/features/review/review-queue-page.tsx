import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { reviewQueries, type ReviewQueueItem } from './api';
import { ConflictsCard } from './conflicts-card';
import { ReviewProgressBar, ReviewStatusBadge } from './review-bits';
import { CONFLICT_LABELS, progressText } from './review-scores';
import { TableScroll } from '../../components/table-scroll';
import styles from './review.module.css';

/** A reviewer's work: the applications assigned to them, how far they are, and their conflicts of interest. */
export function ReviewQueuePage() {
  const { lab } = useLab();
  const queue = useQuery(reviewQueries.queue(lab.id));

  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="queue-title">
        <div className="page-title">
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
              <p className="notice">
                Blind review: you see what applicants can do, not who they are (no name,
                institution, country, ORCID iD or links).
              </p>
            ) : null}
            {queue.data.items.length === 0 ? (
              <p className="empty muted">
                No applications are assigned to you yet. The organisers assign them; they will
                appear here.
              </p>
            ) : (
              <TableScroll>
                <table className={styles.reviewTable}>
                  <thead>
                    <tr>
                      <th scope="col">Application</th>
                      <th scope="col">Your review</th>
                      <th scope="col">Discipline</th>
                      <th scope="col">Stage</th>
                      <th scope="col">Organisation</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.data.items.map((item) => (
                      <QueueRow
                        key={item.applicationId}
                        item={item}
                        position={blindNumbers(queue.data.items).get(item.applicationId) ?? 0}
                      />
                    ))}
                  </tbody>
                </table>
              </TableScroll>
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

function QueueRow({ item, position }: { item: ReviewQueueItem; position: number }) {
  const name = item.applicantName ?? `Application ${position}`;
  return (
    <tr>
      <th scope="row">
        {item.conflict ? (
          <>
            <span className="applicant-name">{name}</span>
            <span className={`small ${styles.reviewConflict}`}>
              Conflict of interest: {CONFLICT_LABELS[item.conflict]}. It cannot be opened.
            </span>
          </>
        ) : (
          <Link to={item.applicationId} state={{ label: name }} className="applicant-name">
            {name}
          </Link>
        )}
      </th>
      <td>
        <ReviewStatusBadge status={item.status} />
      </td>
      <td>{item.primaryDiscipline ?? <span className="muted">—</span>}</td>
      <td>{item.careerStage ?? <span className="muted">—</span>}</td>
      <td>{item.organisationType ?? <span className="muted">—</span>}</td>
    </tr>
  );
}
