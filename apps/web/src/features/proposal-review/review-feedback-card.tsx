import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { reviewQueries } from './api';
import styles from './proposal-review.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/**
 * What a team reads of its proposal's review: the comments to the team, once the organisers
 * release them, as "Reviewer 1" … — never a score, a panel comment or a name. The release
 * arrives live (`proposal-review:feedback`, see useProposalReviewLive). Organisers read the
 * comments before the release too.
 */
export function ReviewFeedbackCard({ roundId, teamId }: { roundId: string; teamId: string }) {
  const { lab } = useLab();
  const feedback = useQuery(reviewQueries.feedback(lab.id, roundId, teamId));
  if (feedback.isPending) return <Loading what="the reviewers’ comments" />;
  if (feedback.isError) return <ErrorAlert alert={alertFor(feedback.error)} />;
  const { released, comments } = feedback.data;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="review-feedback">
      <h3 id="review-feedback">Reviewers’ comments</h3>
      {!released ? (
        <p>
          {comments.length > 0
            ? 'Not released to the team yet: as an organiser you read them already.'
            : 'The reviewers’ comments to your team appear here once the organisers release them.'}
        </p>
      ) : comments.length === 0 ? (
        <p>No reviewer wrote a comment to your team.</p>
      ) : null}
      {comments.length > 0 ? (
        <ul className={styles.messages}>
          {comments.map((c) => (
            <li key={c.label}>
              <strong>{c.label}</strong>
              <p className={styles.comment}>{c.comment}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
