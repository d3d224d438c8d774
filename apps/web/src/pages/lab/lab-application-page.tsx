import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { applicationQueries } from '../../api/applications';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { reviewQueries } from '../../features/review/api';
import { ApplicationUnderReview } from '../../features/review/application-under-review';
import { SubmittedReviews } from '../../features/review/others-reviews';
import { ORGANISER_CONFLICT_LABELS, percent } from '../../features/review/review-scores';
import { RESPONSE_LABELS } from '../../features/selection/decision-groups';
import { formatMerit } from '../../features/selection/merit-chart';
import { selectionQueries } from '../../features/selection/queries';
import { ApplicationStatusBadge } from '../applications/application-status-badge';
import { useLab } from './lab-context';
import styles from './lab.module.css';
import { Fact, Facts } from '../../components/facts';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const OUTCOME_LABELS = {
  accepted: 'Offered a place',
  waitlisted: 'On the waitlist',
  declined: 'Declined',
} as const;

/**
 * One application, whole, for the lab's organisers: who applied and what they answered, the
 * versions kept, the normalised score, every submitted review with its scores and comment,
 * the reviewers in conflict with the applicant, and the selection decision.
 */
export function LabApplicationPage() {
  const { lab } = useLab();
  const { applicationId = '' } = useParams();
  const application = useQuery(applicationQueries.application(applicationId));

  if (application.isError)
    return (
      <div className={pageLayout.stack}>
        <p>
          <Link to="..">← All applications</Link>
        </p>
        <ErrorAlert alert={alertFor(application.error)} />
      </div>
    );
  if (application.isPending) return <Loading what="the application" />;
  const a = application.data;
  const name = a.profile.name ?? 'Unnamed applicant';
  const submitted = a.status === 'submitted';
  const tz = lab.timezone;

  return (
    <div className={pageLayout.stackLg}>
      <p>
        <Link to={`/labs/${lab.id}/applications`}>← All applications</Link>
      </p>
      <section className={cardStyles.card} aria-labelledby="applicant-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="applicant-title">{name}</h2>
          <ApplicationStatusBadge status={a.status} />
        </div>
        <Facts>
          <Fact label="Started">{formatLabTime(a.createdAt, tz)}</Fact>
          <Fact label="Submitted">
            {a.submittedAt ? formatLabTime(a.submittedAt, tz) : 'not yet'}
          </Fact>
          {a.withdrawnAt ? <Fact label="Withdrawn">{formatLabTime(a.withdrawnAt, tz)}</Fact> : null}
          <Fact label="Deadline">
            {formatLabTime(a.deadline.closesAt, tz)}
            {a.deadline.extended ? ' (a personal extension)' : ''}
          </Fact>
        </Facts>
        {submitted ? <ScoreFacts labId={lab.id} applicationId={a.id} /> : null}
      </section>

      <ApplicationUnderReview
        blind={false}
        profile={a.profile}
        questions={a.form.questions}
        answers={a.answers}
      />

      <section className={cardStyles.card} aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {a.versions.length === 0 ? (
          <p className={textStyles.muted}>Nothing is kept until the application is submitted.</p>
        ) : (
          <ol className={styles.versionsList}>
            {a.versions.map((v) => (
              <li key={v.version}>
                Version {v.version}:{' '}
                {v.kind === 'submitted' ? 'submitted' : 'edited after submitting'} on{' '}
                {formatLabTime(v.at, tz)}
              </li>
            ))}
          </ol>
        )}
      </section>

      {submitted ? (
        <ReviewsOfApplication labId={lab.id} applicationId={a.id} />
      ) : (
        <section className={cardStyles.card} aria-labelledby="reviews-title">
          <h2 id="reviews-title">Reviews</h2>
          <p className={textStyles.muted}>Applications are reviewed once they are submitted.</p>
        </section>
      )}

      <DecisionCard labId={lab.id} applicationId={a.id} timezone={tz} />
    </div>
  );
}

function ScoreFacts(props: { labId: string; applicationId: string }) {
  const scores = useQuery(reviewQueries.scores(props.labId));
  if (scores.isError) return <ErrorAlert alert={alertFor(scores.error)} />;
  if (scores.isPending) return <Loading what="the scores" />;
  const row = scores.data.applications.find((s) => s.applicationId === props.applicationId);
  if (!row || row.reviewCount === 0)
    return <p className={textStyles.muted}>No review is submitted yet: no score.</p>;
  return (
    <Facts aria-label="Score">
      <Fact label="Normalised score">
        {formatMerit(row.merit)}{' '}
        <span className={`${textStyles.muted} ${textStyles.small}`}>
          rank {row.rank} of {scores.data.applications.length}; 0 is a reviewer's average
        </span>
      </Fact>
      <Fact label="Weighted rubric score">
        {row.weightedScore === null ? '—' : percent(row.weightedScore)}{' '}
        <span className={`${textStyles.muted} ${textStyles.small}`}>
          from {row.reviewCount} review{row.reviewCount === 1 ? '' : 's'}
        </span>
      </Fact>
    </Facts>
  );
}

function ReviewsOfApplication(props: { labId: string; applicationId: string }) {
  const reviews = useQuery(reviewQueries.reviewsOf(props.labId, props.applicationId));
  const conflicts = reviews.data?.conflicts ?? [];
  return (
    <>
      <section className={cardStyles.card} aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews</h2>
        <SubmittedReviews labId={props.labId} applicationId={props.applicationId} />
      </section>
      <section className={cardStyles.card} aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">Conflicts of interest</h2>
        {reviews.isPending ? null : conflicts.length === 0 ? (
          <p className={textStyles.muted}>
            No reviewer of this lab is in conflict with this applicant.
          </p>
        ) : (
          <ul aria-labelledby="conflicts-title">
            {conflicts.map((c) => (
              <li key={c.reviewerId}>
                {c.reviewerName} {ORGANISER_CONFLICT_LABELS[c.reason]}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function DecisionCard(props: { labId: string; applicationId: string; timezone: string }) {
  const decisions = useQuery(selectionQueries.decisions(props.labId));
  let body;
  if (decisions.isError) body = <ErrorAlert alert={alertFor(decisions.error)} />;
  else if (decisions.isPending) body = <Loading what="the decision" />;
  else {
    const d = decisions.data.decisions.find((x) => x.applicationId === props.applicationId);
    body = !d ? (
      <p className={textStyles.muted}>
        {decisions.data.adoptedRunId
          ? 'The adopted selection run made no decision on this application.'
          : 'No decision yet: decisions come from the selection run the organisers adopt.'}
      </p>
    ) : (
      <Facts>
        <Fact label="Outcome">
          {OUTCOME_LABELS[d.outcome]}
          {d.outcome === 'waitlisted' && d.waitlistRank ? `, number ${d.waitlistRank}` : ''}
          {d.promotion ? ' (promoted from the waitlist)' : ''}
        </Fact>
        {d.outcome === 'accepted' ? (
          <>
            <Fact label="Answer">{RESPONSE_LABELS[d.response ?? 'pending']}</Fact>
            <Fact label="Answer by">{formatLabTime(d.confirmBy, props.timezone)}</Fact>
          </>
        ) : null}
      </Facts>
    );
  }
  return (
    <section className={cardStyles.card} aria-labelledby="decision-title">
      <h2 id="decision-title">Decision</h2>
      {body}
      <p>
        <Link to={`/labs/${props.labId}/decisions`}>All decisions</Link>
      </p>
    </section>
  );
}
