import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatLabTime } from '../../lib/lab-time';
import { useLab } from '../../pages/lab/lab-context';
import { alertFor } from '../../lib/use-form-submit';
import { reviewQueries, type Rubric } from './api';
import { ORGANISER_CONFLICT_LABELS, percent } from './review-scores';
import styles from './review.module.css';
import { ScoreFacts } from './review-bits';
import feedback from '../../components/feedback.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

/** The submitted reviews of an application, which open to a reviewer once theirs is submitted. */
export function OthersReviews(props: {
  labId: string;
  applicationId: string;
  visible: boolean;
  rubric: Rubric | null;
}) {
  return (
    <section className={cardStyles.card} aria-labelledby="others-title">
      <h2 id="others-title">Other reviews</h2>
      {props.visible ? (
        <SubmittedReviews
          labId={props.labId}
          applicationId={props.applicationId}
          rubric={props.rubric}
          others
        />
      ) : (
        <p className={textStyles.muted}>
          The other reviewers' reviews of this application open to you once you have submitted your
          own.
        </p>
      )}
    </section>
  );
}

/**
 * The submitted reviews of an application with their scores and comments: a reviewer's view
 * (`others`: without their own) or an organiser's (every one, with names). Without a rubric
 * given, the lab's is read to name the criteria.
 */
export function SubmittedReviews(props: {
  labId: string;
  applicationId: string;
  rubric?: Rubric | null;
  others?: boolean;
}) {
  const { lab } = useLab();
  const reviews = useQuery(reviewQueries.reviewsOf(props.labId, props.applicationId));
  const labRubric = useQuery({
    ...reviewQueries.rubric(props.labId),
    enabled: props.rubric === undefined,
  });
  const failed = reviews.error ?? labRubric.error;
  if (failed) return <ErrorAlert alert={alertFor(failed)} />;
  if (!reviews.data || (props.rubric === undefined && labRubric.isPending))
    return <Loading what="the reviews" />;
  const list = reviews.data;
  const rubric = props.rubric === undefined ? labRubric.data : props.rubric;
  const shown = list.reviews.filter((r) => !(props.others && r.mine));
  const criteria = rubric?.criteria ?? [];
  if (shown.length === 0)
    return (
      <p className={textStyles.muted}>
        {props.others
          ? 'No other reviewer has submitted a review of it yet.'
          : 'No review of it is submitted yet.'}
      </p>
    );
  return (
    <>
      {list.blind && props.others ? (
        <p className={`${textStyles.muted} ${textStyles.small}`}>
          Blind review: reviewers stay anonymous to each other.
        </p>
      ) : null}
      <ul className={styles.reviewList}>
        {shown.map((r, index) => (
          <li key={r.reviewerId ?? `anonymous-${index}`} className={styles.reviewListItem}>
            <h3>
              {r.reviewerName}
              <span className={`${textStyles.muted} ${textStyles.small}`}>
                {' '}
                · weighted score {percent(r.weightedScore)} ·{' '}
                {r.revision > 1 ? `revision ${r.revision}, submitted` : 'submitted'}{' '}
                {formatLabTime(r.submittedAt, lab.timezone)}
              </span>
            </h3>
            {r.conflict ? (
              <p className={feedback.notice} role="note">
                Conflict of interest: {r.reviewerName} {ORGANISER_CONFLICT_LABELS[r.conflict]}. The
                review was submitted before that was known; weigh it with that in mind.
              </p>
            ) : null}
            <ScoreFacts criteria={criteria} scores={r.scores} />
            {r.comment ? (
              <p className={textStyles.prose}>{r.comment}</p>
            ) : (
              <p className={textStyles.muted}>No comment.</p>
            )}
            {r.earlierRevisions.length > 0 ? (
              <details>
                <summary>
                  Earlier {r.earlierRevisions.length === 1 ? 'submission' : 'submissions'} of this
                  review ({r.earlierRevisions.length})
                </summary>
                <ol className={styles.reviewList}>
                  {r.earlierRevisions.map((earlier) => (
                    <li key={earlier.revision} className={styles.reviewListItem}>
                      <h4>
                        Revision {earlier.revision}
                        <span className={`${textStyles.muted} ${textStyles.small}`}>
                          {' '}
                          · weighted score {percent(earlier.weightedScore)} · submitted{' '}
                          {formatLabTime(earlier.submittedAt, lab.timezone)}
                        </span>
                      </h4>
                      <p>
                        {criteria
                          .map((c) => `${c.label}: ${earlier.scores[c.id] ?? '—'}`)
                          .join(' · ')}
                      </p>
                      {earlier.comment ? (
                        <p className={textStyles.prose}>{earlier.comment}</p>
                      ) : (
                        <p className={textStyles.muted}>No comment.</p>
                      )}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
