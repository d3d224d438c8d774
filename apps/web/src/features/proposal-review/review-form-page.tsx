import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField } from '../../components/form-fields';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import {
  RECOMMENDATION_LABELS,
  reviewCommands,
  reviewKeys,
  reviewQueries,
  type ConsensusRecommendation,
  type ProposalToReview,
} from './api';
import styles from './proposal-review.module.css';
import { useProposalReviewLive } from './use-proposal-review-live';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

const CONFIDENCE = [
  [1, '1 — outside my area'],
  [2, '2'],
  [3, '3 — some familiarity'],
  [4, '4'],
  [5, '5 — expert'],
] as const;

/**
 * One proposal I review: the round's rubric, my confidence, a comment to the team and one to
 * the panel; save a draft, submit (a dialog lists what is missing); after submitting, the
 * others' reviews, the panel thread and the consensus report.
 */
export function ProposalReviewFormPage() {
  const { lab } = useLab();
  const { roundId = '', proposalId = '' } = useParams();
  const proposal = useQuery(reviewQueries.proposal(lab.id, roundId, proposalId));
  useProposalReviewLive(lab.id);
  if (proposal.isPending) return <Loading what="the proposal" />;
  if (proposal.isError) return <ErrorAlert alert={alertFor(proposal.error)} />;
  const p = proposal.data;
  return (
    <section className={pageLayout.stackLg}>
      <p>
        <Link to="../proposal-review">← Proposal review</Link>
      </p>
      <h2>
        {p.title} <small>({p.teamName})</small>
      </h2>
      <p>
        {p.challengeArea} ·{' '}
        <Link to={`../funding/${roundId}/teams/${p.teamId}`}>
          Read the proposal (version {p.submittedVersion})
        </Link>
      </p>
      <ReviewForm proposal={p} />
      {p.othersVisible ? (
        <>
          <OthersReviews roundId={roundId} proposalId={proposalId} />
          <Thread roundId={roundId} proposalId={proposalId} />
          <Consensus roundId={roundId} proposalId={proposalId} />
        </>
      ) : (
        <p className={cardStyles.card}>
          {p.conflictText
            ? `You have a conflict of interest with this proposal (${p.conflictText}), so the other reviews, the panel discussion and the consensus are hidden from you.`
            : 'Others’ reviews and the panel discussion open to you once you submit your own.'}
        </p>
      )}
    </section>
  );
}

function ReviewForm({ proposal }: { proposal: ProposalToReview }) {
  const { lab } = useLab();
  const { roundId, proposalId, rubric, review } = proposal;
  // A conflict that arose after submitting keeps the review as it was submitted.
  const closed = proposal.closed || proposal.conflict !== null;
  const [scores, setScores] = useState<Record<string, number | null>>(review.scores);
  const [confidence, setConfidence] = useState<number | null>(review.confidence);
  const [teamComment, setTeamComment] = useState(review.teamComment);
  const [panelComment, setPanelComment] = useState(review.panelComment);
  const [saved, setSaved] = useState<string | null>(null);
  const { dialog, confirm } = useConfirmDialog();
  const body = { scores, confidence, teamComment, panelComment };
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id, roundId) });
  const save = useMutation({
    mutationFn: () => reviewCommands.save(lab.id, roundId, proposalId, body),
    onSuccess: () => setSaved('Draft saved.'),
    onSettled: refresh,
  });
  const submit = useMutation({
    mutationFn: () => reviewCommands.submit(lab.id, roundId, proposalId, body),
    onSuccess: (r) =>
      setSaved(r.revision > 1 ? `Revision ${r.revision} submitted.` : 'Review submitted.'),
    onSettled: refresh,
  });
  const missing = [
    ...rubric
      .filter((c) => scores[c.id] === undefined || scores[c.id] === null)
      .map((c) => c.label),
    ...(confidence === null ? ['Confidence'] : []),
  ];
  const submitted = review.status === 'submitted';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await confirm({
      title: submitted ? 'Submit a revision of your review?' : 'Submit your review?',
      body:
        missing.length > 0 ? (
          <>
            <p>Still missing:</p>
            <ul>
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        ) : (
          'You can revise it until the organisers close review; each submission is kept.'
        ),
      confirmLabel: missing.length > 0 ? 'Submit anyway' : 'Submit',
    });
    if (ok) submit.mutate();
  };
  return (
    <form
      className={`${cardStyles.card} ${pageLayout.stack}`}
      onSubmit={onSubmit}
      aria-labelledby="my-review"
    >
      <h3 id="my-review">
        My review{' '}
        <small>
          (
          {submitted
            ? `submitted${review.revision > 1 ? `, revision ${review.revision}` : ''}`
            : review.status === 'draft'
              ? 'draft'
              : 'not started'}
          )
        </small>
      </h3>
      {proposal.closed ? (
        <p>Review is closed: your review can no longer change.</p>
      ) : closed ? (
        <p>
          Your review stays as you submitted it: with a conflict of interest it can no longer
          change.
        </p>
      ) : null}
      <div className={styles.scores}>
        {rubric.map((c) => (
          <SelectField
            key={c.id}
            id={`score-${c.id}`}
            label={`${c.label} (${c.scale.min}–${c.scale.max})`}
            hint={c.description}
            value={scores[c.id] ?? ''}
            disabled={closed}
            onChange={(e) =>
              setScores({
                ...scores,
                [c.id]: e.target.value === '' ? null : Number(e.target.value),
              })
            }
          >
            <option value="">Not scored</option>
            {Array.from({ length: c.scale.max - c.scale.min + 1 }, (_, i) => c.scale.min + i).map(
              (v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ),
            )}
          </SelectField>
        ))}
        <SelectField
          id="confidence"
          label="Confidence"
          value={confidence ?? ''}
          disabled={closed}
          onChange={(e) => setConfidence(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Not given</option>
          {CONFIDENCE.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id="team-comment"
        label="Comment to the team"
        hint="The team reads it once the organisers release comments, without your name."
        value={teamComment}
        disabled={closed}
        onChange={(e) => setTeamComment(e.target.value)}
      />
      <TextAreaField
        id="panel-comment"
        label="Comment to the panel"
        hint="Only the other reviewers and the organisers read it; never the team."
        value={panelComment}
        disabled={closed}
        onChange={(e) => setPanelComment(e.target.value)}
      />
      <ErrorAlert
        alert={save.isError ? alertFor(save.error) : submit.isError ? alertFor(submit.error) : null}
      />
      <StatusMessage>{saved}</StatusMessage>
      {!closed ? (
        <div className={styles.row}>
          {!submitted ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={save.isPending}
              onClick={() => save.mutate()}
            >
              Save draft
            </button>
          ) : null}
          <button type="submit" className={buttonStyles.button} disabled={submit.isPending}>
            {submitted ? 'Submit revision' : 'Submit review'}
          </button>
        </div>
      ) : null}
      {dialog}
    </form>
  );
}

function OthersReviews({ roundId, proposalId }: { roundId: string; proposalId: string }) {
  const { lab } = useLab();
  const reviews = useQuery(reviewQueries.reviews(lab.id, roundId, proposalId));
  if (reviews.isPending) return <Loading what="the reviews" />;
  if (reviews.isError) return <ErrorAlert alert={alertFor(reviews.error)} />;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="all-reviews">
      <h3 id="all-reviews">All reviews</h3>
      {reviews.data.reviews.map((r) => (
        <article key={`${r.reviewerName}-${r.submittedAt}`} className={pageLayout.stack}>
          <h4>
            {r.mine ? 'You' : r.reviewerName} · score {r.weightedScore.toFixed(2)}
            {r.confidence !== null ? ` · confidence ${r.confidence}/5` : ''}
          </h4>
          <p>
            {Object.entries(r.scores)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </p>
          {r.teamComment ? <p className={styles.comment}>To the team: {r.teamComment}</p> : null}
          {r.panelComment ? <p className={styles.comment}>To the panel: {r.panelComment}</p> : null}
        </article>
      ))}
    </section>
  );
}

function Thread({ roundId, proposalId }: { roundId: string; proposalId: string }) {
  const { lab } = useLab();
  const thread = useQuery(reviewQueries.thread(lab.id, roundId, proposalId));
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: () => reviewCommands.post(lab.id, roundId, proposalId, body),
    onSuccess: () => setBody(''),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: reviewKeys.thread(lab.id, roundId, proposalId) }),
  });
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="panel-thread">
      <h3 id="panel-thread">Panel discussion</h3>
      {thread.isPending ? <Loading what="the discussion" /> : null}
      <ErrorAlert alert={thread.isError ? alertFor(thread.error) : null} />
      <ul className={styles.messages}>
        {thread.data?.messages.map((m) => (
          <li key={m.id}>
            <strong>{m.authorLabel}</strong>{' '}
            <small>{formatLabTime(m.createdAt, lab.timezone)}</small>
            <p className={styles.comment}>{m.body}</p>
          </li>
        ))}
      </ul>
      <form
        className={pageLayout.stack}
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) post.mutate();
        }}
      >
        <TextAreaField
          id="panel-message"
          label="Write to the panel"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <ErrorAlert alert={post.isError ? alertFor(post.error) : null} />
        <button type="submit" className={buttonStyles.button} disabled={post.isPending}>
          Post
        </button>
      </form>
    </section>
  );
}

function Consensus({ roundId, proposalId }: { roundId: string; proposalId: string }) {
  const { lab } = useLab();
  const report = useQuery(reviewQueries.consensus(lab.id, roundId, proposalId));
  const [recommendation, setRecommendation] = useState<ConsensusRecommendation | ''>('');
  const [summary, setSummary] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      reviewCommands.saveConsensus(lab.id, roundId, proposalId, {
        version: report.data!.version,
        recommendation: (recommendation ||
          report.data!.recommendation ||
          'fund') as ConsensusRecommendation,
        summary: summary ?? report.data!.summary,
      }),
    onSuccess: () => setSummary(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id, roundId) }),
  });
  if (report.isPending) return <Loading what="the consensus report" />;
  if (report.isError) return <ErrorAlert alert={alertFor(report.error)} />;
  const r = report.data;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="consensus">
      <h3 id="consensus">Consensus report</h3>
      <p>
        {r.leadLabel
          ? `Lead reviewer: ${r.leadLabel}`
          : 'The organisers have not picked a lead reviewer yet.'}
        {r.recommendation ? ` · ${RECOMMENDATION_LABELS[r.recommendation]}` : ''}
        {r.version > 0 ? ` · version ${r.version}` : ''}
      </p>
      {r.summary && !r.canEdit ? <p className={styles.comment}>{r.summary}</p> : null}
      {r.canEdit ? (
        <form
          className={pageLayout.stack}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <SelectField
            id="recommendation"
            label="Recommendation"
            value={recommendation || r.recommendation || ''}
            onChange={(e) => setRecommendation(e.target.value as ConsensusRecommendation)}
          >
            <option value="">Choose…</option>
            {Object.entries(RECOMMENDATION_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="consensus-summary"
            label="The panel’s view"
            value={summary ?? r.summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <ErrorAlert alert={save.isError ? alertFor(save.error) : null} />
          <button type="submit" className={buttonStyles.button} disabled={save.isPending}>
            Save the report
          </button>
        </form>
      ) : null}
    </section>
  );
}
