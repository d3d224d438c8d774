import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { ConfirmButton } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import fieldRow from '../../components/field-row.module.css';
import { NumberField, notWholeNumbers, wholeNumberOf } from '../../components/number-field';
import { useUser } from '../../components/session';
import { rolesIn } from '../../lib/roles';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { money, proposalQueries } from '../proposals/api';
import {
  RECOMMENDATION_LABELS,
  reviewCommands,
  reviewKeys,
  reviewQueries,
  STATUS_LABELS,
  type ProposalRanking,
} from './api';
import { RoundSelect } from '../funding/round-select';
import {
  HandAssignForm,
  ReviewerAssignmentsTable,
  ReviewerLoadsTable,
  reviewersOf,
} from '../review/reviewer-assignments';
import { ExpertiseCard } from './expertise-card';
import { ProposalConflictsCard } from './proposal-conflicts-card';
import { useProposalReviewLive } from './use-proposal-review-live';
import styles from './proposal-review.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/**
 * Proposal review of a funding round: a mentor's queue; for organisers the progress, the
 * assignment (run and adjust), closing review, releasing comments and the ranking.
 */
export function ProposalReviewPage() {
  const { lab, canOrganise } = useLab();
  const user = useUser();
  const mentor = rolesIn(user, lab.id).includes('mentor');
  const rounds = useQuery(proposalQueries.rounds(lab.id));
  const [chosen, setChosen] = useState<string | null>(null);
  const roundId = chosen ?? rounds.data?.[0]?.id ?? null;
  useProposalReviewLive(lab.id);

  return (
    <section className={pageLayout.stackLg}>
      <h2>Proposal review</h2>
      {rounds.isPending ? <Loading what="the funding rounds" /> : null}
      <ErrorAlert alert={rounds.isError ? alertFor(rounds.error) : null} />
      <RoundSelect
        id="review-round"
        rounds={rounds.data}
        value={roundId ?? ''}
        onChange={setChosen}
      />
      {rounds.data?.length === 0 ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>
          No funding round yet: there is nothing to review.
        </p>
      ) : null}
      {roundId && (mentor || canOrganise) ? <MyQueue roundId={roundId} /> : null}
      {mentor ? <ExpertiseCard /> : null}
      {roundId && mentor ? <ProposalConflictsCard roundId={roundId} /> : null}
      {roundId && canOrganise ? (
        <>
          <Overview roundId={roundId} />
          <Assignments roundId={roundId} />
          <Ranking roundId={roundId} />
        </>
      ) : null}
    </section>
  );
}

function MyQueue({ roundId }: { roundId: string }) {
  const { lab } = useLab();
  const queue = useQuery(reviewQueries.queue(lab.id, roundId));
  if (queue.isPending) return <Loading what="your reviews" />;
  if (queue.isError) return <ErrorAlert alert={alertFor(queue.error)} />;
  const { progress, items } = queue.data;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="my-reviews">
      <h3 id="my-reviews">My reviews</h3>
      <p>
        {progress.submitted} of {progress.assigned} submitted
        {queue.data.closed ? ' · review is closed' : ''}
      </p>
      {items.length === 0 ? <p>No proposal is assigned to you in this round.</p> : null}
      <ul className={styles.queue}>
        {items.map((item) => (
          <li key={item.proposalId}>
            <span>
              <Link to={`${item.proposalId ? `${roundId}/proposals/${item.proposalId}` : ''}`}>
                {item.title}
              </Link>{' '}
              <small>({item.teamName})</small>
            </span>
            <span>
              {STATUS_LABELS[item.status]}
              {item.revision > 1 ? ` · revision ${item.revision}` : ''}
              {item.lead ? ' · you lead the consensus' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Overview({ roundId }: { roundId: string }) {
  const { lab } = useLab();
  const overview = useQuery(reviewQueries.overview(lab.id, roundId));
  const assignments = useQuery(reviewQueries.assignments(lab.id, roundId));
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id, roundId) });
  const act = useMutation({
    mutationFn: async (what: 'close' | 'release') => {
      const version = overview.data!.version;
      return what === 'close'
        ? reviewCommands.close(lab.id, roundId, version)
        : reviewCommands.release(lab.id, roundId, version);
    },
    onSettled: invalidate,
  });
  const blind = useMutation({
    mutationFn: (next: boolean) =>
      reviewCommands.setBlind(lab.id, roundId, overview.data!.version, next),
    onSuccess: (next) => queryClient.setQueryData(reviewKeys.overview(lab.id, roundId), next),
    // A 409 means someone changed the round meanwhile: show what it is now.
    onError: invalidate,
  });
  const lead = useMutation({
    mutationFn: (pick: { proposalId: string; reviewerId: string }) =>
      reviewCommands.setLead(lab.id, roundId, pick.proposalId, pick.reviewerId),
    onSettled: invalidate,
  });
  if (overview.isPending) return <Loading what="review progress" />;
  if (overview.isError) return <ErrorAlert alert={alertFor(overview.error)} />;
  const o = overview.data;
  const assignedTo = (proposalId: string) =>
    (assignments.data?.assignments ?? []).filter(
      (x) => x.proposalId === proposalId && x.conflict === null,
    );
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="review-progress">
      <h3 id="review-progress">Review progress</h3>
      <p>
        {o.progress.submitted} of {o.progress.assigned} reviews submitted
        {o.closedAt ? ' · review closed' : ''}
        {o.commentsReleasedAt ? ' · comments released to the teams' : ''}
      </p>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={o.blind}
          disabled={blind.isPending || o.closedAt !== null}
          onChange={(e) => blind.mutate(e.target.checked)}
        />
        Blind review: reviewers do not learn who else reviewed a proposal (teams never learn who
        reviewed theirs)
      </label>
      <ErrorAlert alert={blind.isError ? alertFor(blind.error) : null} />
      <DataTable
        rows={o.proposals}
        rowKey={(p) => p.proposalId}
        columns={[
          {
            header: 'Proposal',
            cell: (p) => (
              <>
                {p.title} <small>({p.teamName})</small>
              </>
            ),
          },
          {
            header: 'Submitted',
            cell: (p) => `${p.progress.submitted} / ${p.progress.assigned}`,
          },
          {
            header: 'Lead reviewer',
            cell: (p) => (
              <LeadPicker
                teamName={p.teamName}
                lead={p.lead}
                reviewers={assignedTo(p.proposalId)}
                disabled={lead.isPending}
                onPick={(reviewerId) => lead.mutate({ proposalId: p.proposalId, reviewerId })}
              />
            ),
          },
          {
            header: 'Recommendation',
            cell: (p) => (p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : '—'),
          },
        ]}
      />
      <ErrorAlert alert={lead.isError ? alertFor(lead.error) : null} />
      <ErrorAlert alert={act.isError ? alertFor(act.error) : null} />
      <div className={styles.row}>
        {!o.closedAt ? (
          <ConfirmButton
            disabled={act.isPending}
            ask={{
              title: 'Close review of this round?',
              body: 'Reviews can no longer be written or revised; the ranking stands on the submitted ones.',
              confirmLabel: 'Close review',
              danger: true,
            }}
            onConfirm={() => act.mutate('close')}
          >
            Close review
          </ConfirmButton>
        ) : null}
        {!o.commentsReleasedAt ? (
          <ConfirmButton
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={act.isPending}
            ask={{
              title: 'Release the comments to the teams?',
              body: 'Each team reads the comments written to it, without reviewers’ names, scores or panel comments. This cannot be undone.',
              confirmLabel: 'Release comments',
            }}
            onConfirm={() => act.mutate('release')}
          >
            Release comments to teams
          </ConfirmButton>
        ) : null}
      </div>
    </section>
  );
}

/** The lead reviewer writes the consensus report: one of the proposal's assigned reviewers. */
function LeadPicker(props: {
  teamName: string;
  lead: { userId: string; displayName: string } | null;
  reviewers: { reviewerId: string; reviewerName: string }[];
  disabled: boolean;
  onPick: (reviewerId: string) => void;
}) {
  const { teamName, lead, reviewers, disabled, onPick } = props;
  if (reviewers.length === 0) return <>{lead?.displayName ?? 'No reviewer assigned'}</>;
  return (
    <select
      aria-label={`Lead reviewer of ${teamName}`}
      value={lead?.userId ?? ''}
      disabled={disabled}
      onChange={(e) => {
        if (e.target.value) onPick(e.target.value);
      }}
    >
      {lead ? null : <option value="">Choose the lead…</option>}
      {lead && !reviewers.some((r) => r.reviewerId === lead.userId) ? (
        <option value={lead.userId}>{lead.displayName}</option>
      ) : null}
      {reviewers.map((r) => (
        <option key={r.reviewerId} value={r.reviewerId}>
          {r.reviewerName}
        </option>
      ))}
    </select>
  );
}

const RUN_FIELDS = ['reviewsPerProposal', 'load.min', 'load.max'];

function Assignments({ roundId }: { roundId: string }) {
  const { lab } = useLab();
  const assignments = useQuery(reviewQueries.assignments(lab.id, roundId));
  const [k, setK] = useState('3');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const form = useFormSubmit(RUN_FIELDS);
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id, roundId) });
  const onRun = form.handleCheckedSubmit(
    () => notWholeNumbers({ reviewsPerProposal: k, 'load.min': min, 'load.max': max }),
    async () => {
      try {
        await reviewCommands.run(lab.id, roundId, {
          // Empty, it is left out and the server answers "Required." beside the field.
          reviewsPerProposal: wholeNumberOf(k) as number,
          load: { min: wholeNumberOf(min), max: wholeNumberOf(max) },
        });
      } finally {
        await invalidate();
      }
    },
  );
  const add = useMutation({
    mutationFn: (pick: { proposalId: string; reviewerId: string }) =>
      reviewCommands.add(lab.id, roundId, pick.proposalId, pick.reviewerId),
    onSettled: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: string) => reviewCommands.remove(lab.id, roundId, id),
    onSettled: invalidate,
  });
  if (assignments.isPending) return <Loading what="the assignments" />;
  if (assignments.isError) return <ErrorAlert alert={alertFor(assignments.error)} />;
  const a = assignments.data;
  const byProposal = reviewersOf(a.assignments, (x) => x.proposalId);
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="assignment">
      <h3 id="assignment">Assignment</h3>
      <form id={form.formId} className={fieldRow.fieldRow} onSubmit={onRun} noValidate>
        <NumberField
          id="reviews-per-proposal"
          label="Reviews per proposal"
          value={k}
          error={form.fieldErrors.reviewsPerProposal}
          onChange={setK}
        />
        <NumberField
          id="load-min"
          label="Fewest per mentor"
          value={min}
          error={form.fieldErrors['load.min']}
          onChange={setMin}
        />
        <NumberField
          id="load-max"
          label="Most per mentor"
          value={max}
          error={form.fieldErrors['load.max']}
          onChange={setMax}
        />
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Assigning…' : 'Run the assignment'}
        </button>
      </form>
      <ErrorAlert alert={form.alert} />
      <StatusMessage>
        {a.latestRun
          ? `Last run: ${a.latestRun.complete ? 'every proposal has its reviewers' : `${a.latestRun.unfilled.length} proposals short`}, ${a.latestRun.added} added, ${a.latestRun.kept} kept (${a.latestRun.solverStatus}).`
          : null}
      </StatusMessage>
      {a.latestRun?.problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {a.latestRun && a.latestRun.loads.length > 0 ? (
        <>
          <h4>Load per mentor</h4>
          <ReviewerLoadsTable loads={a.latestRun.loads} />
        </>
      ) : null}
      <h4>Reviewers per proposal</h4>
      <HandAssignForm
        itemLabel="Proposal"
        items={a.proposals.map((p) => ({ id: p.proposalId, label: p.teamName }))}
        reviewerLabel="Mentor"
        reviewers={a.reviewers.map((r) => ({
          id: r.userId,
          label:
            r.expertise.length > 0 ? `${r.displayName} (${r.expertise.join(', ')})` : r.displayName,
        }))}
        busy={add.isPending}
        onAssign={(proposalId, reviewerId) =>
          add.mutateAsync({ proposalId, reviewerId }).then(
            () => true,
            () => false,
          )
        }
      />
      <ErrorAlert alert={add.isError ? alertFor(add.error) : null} />
      <ErrorAlert alert={remove.isError ? alertFor(remove.error) : null} />
      <ReviewerAssignmentsTable
        itemLabel="Proposal"
        items={a.proposals.map((p) => {
          const reviewers = byProposal.get(p.proposalId) ?? [];
          return {
            id: p.proposalId,
            name: p.teamName,
            heading: (
              <>
                <span>{p.teamName}</span>
                <small>{p.title}</small>
              </>
            ),
            reviewers: reviewers.map((x) => ({
              ...x,
              warning: x.conflict ? 'now a conflict of interest' : null,
            })),
            submitted: reviewers.filter((x) => x.status === 'submitted').length,
            assigned: reviewers.length,
          };
        })}
        busy={remove.isPending}
        onRemove={(x) => remove.mutate(x.id)}
      />
    </section>
  );
}

function IntervalBar({
  p,
  line,
}: {
  p: ProposalRanking['proposals'][number];
  line: number | null;
}) {
  const pct = (v: number) => `${Math.round(Math.min(1, Math.max(0, v)) * 1000) / 10}%`;
  return (
    <span className={styles.interval} aria-hidden="true">
      <span
        className={styles.intervalBar}
        style={{ left: pct(p.interval.low), width: pct(p.interval.high - p.interval.low) }}
      />
      {line !== null ? <span className={styles.line} style={{ left: pct(line) }} /> : null}
    </span>
  );
}

function Ranking({ roundId }: { roundId: string }) {
  const { lab } = useLab();
  const ranking = useQuery(reviewQueries.ranking(lab.id, roundId));
  if (ranking.isPending) return <Loading what="the ranking" />;
  if (ranking.isError) return <ErrorAlert alert={alertFor(ranking.error)} />;
  const r = ranking.data;
  const fmt = (n: number) => n.toFixed(2);
  const firstBelow = r.proposals.findIndex((p) => !p.aboveLine);
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="ranking">
      <h3 id="ranking">Ranking</h3>
      <p>
        Scores are the weighted rubric normalised per reviewer, on a 0–1 scale, with a{' '}
        {Math.round(r.confidence * 100)}% interval.{' '}
        {r.line !== null
          ? `Funding line at ${fmt(r.line)} (${r.lineSource === 'pool' ? `where the pool of ${money(r.pool, r.currency)} runs out in rank order` : 'as given'}).`
          : 'No funding line yet.'}
      </p>
      <DataTable
        caption="Proposals ranked, best first"
        captionHidden
        rows={r.proposals}
        rowKey={(p) => p.proposalId}
        rowProps={(_, i) => (i === firstBelow && i > 0 ? { className: styles.lineRow } : undefined)}
        columns={[
          { header: 'Rank', cell: (p) => p.rank },
          {
            header: 'Proposal',
            cell: (p) => (
              <>
                {p.teamName}
                <br />
                <small>{p.title}</small>
              </>
            ),
          },
          { header: 'Score', cell: (p) => fmt(p.score) },
          {
            header: 'Interval',
            cell: (p) => (
              <>
                {fmt(p.interval.low)}–{fmt(p.interval.high)}
                <IntervalBar p={p} line={r.line} />
              </>
            ),
          },
          { header: 'Reviews', cell: (p) => p.reviewCount },
          { header: 'Request', cell: (p) => money(p.budgetTotal, r.currency) },
          {
            header: 'Notes',
            cell: (p) =>
              [
                p.aboveLine ? 'above the line' : 'below the line',
                p.flags.includes('straddles-line') ? 'interval crosses the line' : null,
                p.flags.includes('few-reviews') ? 'few reviews' : null,
                p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : null,
              ]
                .filter(Boolean)
                .join(' · '),
          },
        ]}
      />
    </section>
  );
}
