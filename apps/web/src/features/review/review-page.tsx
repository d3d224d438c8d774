import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextAreaField } from '../../components/form-fields';
import { focusFirstInvalid, splitFieldIssues } from '../../lib/field-errors';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { applicationReviewOpen, phaseLabel } from '../../lib/phases';
import { useLab } from '../../pages/lab/lab-context';
import { useLiveConnection, useLiveNotices } from '../live/use-live-connection';
import {
  reviewCommands,
  reviewKeys,
  reviewQueries,
  type ApplicationToReview,
  type MyReview,
  type Rubric,
  type RubricCriterion,
} from './api';
import { ApplicationUnderReview } from './application-under-review';
import { OthersReviews } from './others-reviews';
import { ReviewStatusBadge, ScoreFacts } from './review-bits';
import {
  parseScore,
  percent,
  scaleSteps,
  scoresToSend,
  unscored,
  weightedScore,
  withoutLabel,
  type ScoreDraft,
} from './review-scores';
import styles from './review.module.css';
import { Fact } from '../../components/facts';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** One assigned application: read it, score it on the rubric, save a draft, submit. */
export function ReviewPage() {
  const { lab } = useLab();
  const { applicationId = '' } = useParams();
  const location = useLocation();
  const label = (location.state as { label?: string } | null)?.label;
  const [justSubmitted, setJustSubmitted] = useState(false);
  const queryClient = useQueryClient();
  const data = useQuery(reviewQueries.myReview(lab.id, applicationId));
  // Closing review reaches an open page at once (a reconnect reads it again, in case it was missed).
  useLiveNotices(useLiveConnection(lab.id), (notice) => {
    if (notice.event === 'review:closed' || notice.event === 'live:snapshot')
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id) });
  });
  const back = (
    <p>
      <Link to=".." relative="path">
        ← Your review queue
      </Link>
    </p>
  );

  if (data.isPending) return <Loading what="the application" />;
  if (data.isError) {
    const conflict = isApiError(data.error) && data.error.code === 'REVIEW_CONFLICT_OF_INTEREST';
    return (
      <section className={pageLayout.stack}>
        {back}
        <h2>
          {conflict ? 'You cannot review this application' : 'The application could not be opened'}
        </h2>
        <ErrorAlert alert={alertFor(data.error)} />
      </section>
    );
  }
  const title = data.data.profile.name ?? label ?? 'An application';
  return (
    <div className={pageLayout.stackLg}>
      {back}
      <div className={pageLayout.pageTitle}>
        <h2>Review: {title}</h2>
        <ReviewStatusBadge status={data.data.review.status} />
      </div>
      <div className={styles.reviewLayout}>
        <ApplicationUnderReview
          blind={data.data.blind}
          profile={data.data.profile}
          questions={data.data.questions}
          answers={data.data.answers}
        />
        <div className={pageLayout.stackLg}>
          {data.data.rubric ? (
            <ReviewForm
              key={`${data.data.review.status}-${data.data.review.revision}`}
              labId={lab.id}
              closedIn={applicationReviewOpen(lab.phase) ? null : lab.phase}
              application={data.data}
              rubric={data.data.rubric}
              justSubmitted={justSubmitted}
              onSaved={(review) => {
                setJustSubmitted(review.status === 'submitted');
                queryClient.setQueryData(reviewKeys.myReview(lab.id, applicationId), {
                  ...data.data,
                  review,
                  othersVisible: review.status === 'submitted',
                });
                void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(lab.id) });
                void queryClient.invalidateQueries({
                  queryKey: reviewKeys.reviewsOf(lab.id, applicationId),
                });
              }}
            />
          ) : (
            <p className={`${cardStyles.card} ${feedback.notice}`}>
              The organisers have not set the review rubric yet: you can read the application, and
              score it once the rubric is there.
            </p>
          )}
          <OthersReviews
            labId={lab.id}
            applicationId={applicationId}
            visible={data.data.othersVisible}
            rubric={data.data.rubric}
          />
        </div>
      </div>
    </div>
  );
}

function ReviewForm(props: {
  labId: string;
  /** The lab's phase when reviewing is closed in it (nothing can be saved). */
  closedIn: string | null;
  /** Submitted a moment ago: focus goes to the submitted review, which replaced the form. */
  justSubmitted: boolean;
  application: ApplicationToReview;
  rubric: Rubric;
  onSaved: (review: MyReview) => void;
}) {
  const { labId, application, rubric } = props;
  const { lab } = useLab();
  const draftNote = (saved: MyReview) =>
    `Draft saved at ${formatLabTime(saved.updatedAt, lab.timezone)}.`;
  const review = application.review;
  const closedAt = props.rubric.closedAt;
  const canRevise = props.closedIn === null && closedAt === null;
  // A submitted review is revised by submitting it again, until review closes (a revision
  // under way when it closes goes back to the submitted review).
  const [revising, setRevising] = useState(false);
  const submitted = review.status === 'submitted' && !(revising && canRevise);
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<ScoreDraft>(() => ({ ...review.scores }));
  const [comment, setComment] = useState(review.comment);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(
    submitted ? null : review.status === 'draft' ? draftNote(review) : null,
  );
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [dirty, setDirty] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { dialog, confirm } = useConfirmDialog();
  const [focusRequest, setFocusRequest] = useState(0);
  const submittedRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (props.justSubmitted) submittedRef.current?.focus();
  }, [props.justSubmitted]);
  // Leaving the page (closing the tab, reloading) with unsaved scores asks first, while they
  // could still be saved.
  useEffect(() => {
    if (!dirty || !canRevise) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, canRevise]);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const score = weightedScore(rubric.criteria, scores);
  const left = unscored(rubric.criteria, scores);
  const fields = [...rubric.criteria.map((c) => `scores.${c.id}`), 'comment'];

  const setScore = (criterion: RubricCriterion, value: number | undefined) => {
    setScores((s) => ({ ...s, [criterion.id]: value }));
    setDirty(true);
    setErrors((all) => {
      const rest = { ...all };
      delete rest[`scores.${criterion.id}`];
      return rest;
    });
  };

  const write = (kind: 'save' | 'submit') => {
    const typedBadly = rubric.criteria.filter((c) => Number.isNaN(scores[c.id]));
    if (typedBadly.length > 0) {
      setErrors(
        Object.fromEntries(
          typedBadly.map((c) => [
            `scores.${c.id}`,
            `Enter a whole number from ${c.scale.min} to ${c.scale.max}.`,
          ]),
        ),
      );
      setAlert({ message: 'Please correct the scores marked below.' });
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(kind);
    setAlert(null);
    setErrors({});
    setStatus(null);
    const input = { scores: scoresToSend(rubric.criteria, scores), comment };
    const call =
      kind === 'save'
        ? reviewCommands.saveReview(labId, application.applicationId, input)
        : reviewCommands.submitReview(labId, application.applicationId, input);
    call
      .then((saved) => {
        setDirty(false);
        if (kind === 'save') setStatus(draftNote(saved));
        props.onSaved(saved);
      })
      .catch((error: unknown) => {
        // Closed while this page was open: read the review again, so the page says so.
        if (isApiError(error) && error.code === 'REVIEW_CLOSED')
          void queryClient.invalidateQueries({
            queryKey: reviewKeys.myReview(labId, application.applicationId),
          });
        const { fieldErrors, unmatched } = splitFieldIssues(
          isApiError(error) ? error.details : [],
          fields,
        );
        const beside: Record<string, string> = {};
        for (const [field, message] of Object.entries(fieldErrors)) {
          const criterion = rubric.criteria.find((c) => `scores.${c.id}` === field);
          beside[field] = criterion ? withoutLabel(message, criterion.label) : message;
        }
        setErrors(beside);
        const count = Object.keys(beside).length;
        setAlert(
          count > 0 && unmatched.length === 0
            ? {
                message:
                  kind === 'submit'
                    ? `The review cannot be submitted yet: ${count === 1 ? 'one field needs' : `${count} fields need`} your attention below.`
                    : `The draft cannot be saved: ${count === 1 ? 'one field needs' : `${count} fields need`} your attention below.`,
              }
            : alertFor(error, unmatched),
        );
        if (count > 0) setFocusRequest((n) => n + 1);
      })
      .finally(() => setBusy(null));
  };

  if (submitted) {
    return (
      <section className={cardStyles.card} aria-labelledby="my-review-title">
        <h2
          id="my-review-title"
          className={styles.reviewFocusTarget}
          ref={submittedRef}
          tabIndex={-1}
        >
          Your review
        </h2>
        <StatusMessage>
          {`${review.revision > 1 ? `Revision ${review.revision} submitted` : 'Submitted'}${review.submittedAt ? ` on ${formatLabTime(review.submittedAt, lab.timezone)}` : ''}. `}
          {canRevise
            ? 'You may revise it until review closes; each submission is kept.'
            : closedAt
              ? `Review was closed on ${formatLabTime(closedAt, lab.timezone)}: it can no longer change.`
              : 'Review is closed: it can no longer change.'}
        </StatusMessage>
        <ScoreFacts criteria={rubric.criteria} scores={review.scores}>
          {score !== null ? <Fact label="Weighted score">{percent(score)}</Fact> : null}
        </ScoreFacts>
        <h3>{rubric.commentPrompt || 'Comment'}</h3>
        {review.comment ? (
          <p className={textStyles.prose}>{review.comment}</p>
        ) : (
          <p className={textStyles.muted}>No comment.</p>
        )}
        {canRevise ? (
          <div className={actionStyles.formActions}>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={() => {
                setRevising(true);
                setStatus(null);
              }}
            >
              Revise your review
            </button>
          </div>
        ) : null}
      </section>
    );
  }

  const totalWeight = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <form
      ref={formRef}
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="rubric-form-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        // Asking "submit?" over a half-scored review only leads to a refusal: name what is
        // missing instead, beside each criterion, and ask once everything is scored.
        const missing = rubric.criteria.filter((c) => scores[c.id] === undefined);
        if (missing.length > 0) {
          setErrors(
            Object.fromEntries(
              missing.map((c) => [
                `scores.${c.id}`,
                `A score from ${c.scale.min} to ${c.scale.max} is required.`,
              ]),
            ),
          );
          setAlert({
            message: `Score ${missing.length === 1 ? 'this criterion' : `these ${missing.length} criteria`} before submitting: ${listInWords(missing.map((c) => c.label))}.`,
          });
          setFocusRequest((n) => n + 1);
          return;
        }
        const go = await confirm({
          title: revising ? `Submit revision ${review.revision + 1}?` : 'Submit your review?',
          body: revising
            ? 'It replaces your review in the scores; the organisers keep every earlier submission.'
            : "You may revise it until review closes (each submission is kept). Then you can read the other reviewers' reviews of this application.",
          confirmLabel: revising ? 'Submit the revision' : 'Submit the review',
          cancelLabel: 'Keep editing',
        });
        if (go) write('submit');
      }}
    >
      <h2 id="rubric-form-title">Your review</h2>
      <p className={`${textStyles.muted} ${textStyles.small}`}>
        Score every criterion to submit; a draft may leave some blank. Weights say how much each
        criterion counts.
      </p>
      <ErrorAlert alert={alert} />
      {props.closedIn ? (
        <p className={feedback.notice}>
          Reviewing is closed: applications are reviewed while the call is open and during
          selection, and this lab is in the phase “{phaseLabel(props.closedIn)}”.
        </p>
      ) : closedAt ? (
        <p className={feedback.notice}>
          The organisers closed review on {formatLabTime(closedAt, lab.timezone)}: this review can
          no longer be saved or submitted.
        </p>
      ) : null}
      <fieldset className={styles.reviewFormBody} disabled={!canRevise}>
        {rubric.criteria.map((criterion) => (
          <CriterionScore
            key={criterion.id}
            criterion={criterion}
            share={totalWeight > 0 ? criterion.weight / totalWeight : 0}
            value={scores[criterion.id]}
            error={errors[`scores.${criterion.id}`]}
            onChange={(value) => setScore(criterion, value)}
          />
        ))}
        <TextAreaField
          id="review-comment"
          label={rubric.commentPrompt || 'Comment'}
          hint="Free comment for the organisers (and the other reviewers once they have submitted theirs)."
          rows={6}
          value={comment}
          error={errors.comment}
          onChange={(e) => {
            setComment(e.target.value);
            setDirty(true);
          }}
        />
      </fieldset>
      <p className={styles.reviewScoreLine} aria-live="polite">
        {score !== null
          ? `Weighted score: ${percent(score)}`
          : `${left} of ${rubric.criteria.length} ${rubric.criteria.length === 1 ? 'criterion' : 'criteria'} still to score`}
      </p>
      <StatusMessage>{status}</StatusMessage>
      {!canRevise ? null : (
        <div className={actionStyles.formActions}>
          {revising ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={busy !== null}
              onClick={() => {
                setScores({ ...review.scores });
                setComment(review.comment);
                setErrors({});
                setAlert(null);
                setDirty(false);
                setRevising(false);
              }}
            >
              Keep the submitted review
            </button>
          ) : (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={busy !== null}
              onClick={() => write('save')}
            >
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
          )}
          <button type="submit" className={buttonStyles.button} disabled={busy !== null}>
            {revising ? 'Submit the revision…' : 'Submit review…'}
          </button>
          {dirty ? (
            <span className={`${textStyles.muted} ${textStyles.small}`}>Unsaved changes</span>
          ) : null}
        </div>
      )}
      {dialog}
    </form>
  );
}

/** One criterion: its scale as radio buttons (a number field for long scales), its weight and any error. */
function CriterionScore(props: {
  criterion: RubricCriterion;
  share: number;
  value: number | undefined;
  error?: string;
  onChange: (value: number | undefined) => void;
}) {
  const { criterion: c, share, value, error } = props;
  const base = `score-${c.id}`;
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;
  const describedBy = [error ? errorId : null, hintId].filter(Boolean).join(' ');
  const steps = scaleSteps(c.scale);
  const [typed, setTyped] = useState(value === undefined ? '' : String(value));
  return (
    <fieldset
      className={styles.reviewCriterion}
      data-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    >
      <legend>{c.label}</legend>
      <p className={fieldStyles.hint} id={hintId}>
        {c.description ? `${c.description} ` : ''}Scale {c.scale.min}–{c.scale.max} ({c.scale.min}{' '}
        lowest) · weight {c.weight}, {percent(share)} of the score.
      </p>
      {steps.length > 0 ? (
        <div className={styles.reviewScale}>
          {steps.map((step) => (
            <label key={step} className={styles.reviewScaleStep}>
              <input
                type="radio"
                name={base}
                value={step}
                checked={value === step}
                aria-describedby={error ? errorId : undefined}
                onChange={() => props.onChange(step)}
              />
              <span>{step}</span>
            </label>
          ))}
          {value !== undefined ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => props.onChange(undefined)}
            >
              Clear<span className="visually-hidden"> the score for {c.label}</span>
            </button>
          ) : null}
        </div>
      ) : (
        <input
          id={base}
          inputMode="numeric"
          className={styles.reviewScaleNumber}
          aria-label={`${c.label}: score from ${c.scale.min} to ${c.scale.max}`}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            props.onChange(parseScore(e.target.value));
          }}
        />
      )}
      {error ? (
        <p className={fieldStyles.error} id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "A, B and C". */
function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
