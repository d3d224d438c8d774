import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { BUDGET_CATEGORIES } from '@ideas-lab/domain/proposal-rules';
import { useMutation, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { queryClient } from '../../api/http';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextAreaField, TextField } from '../../components/form-fields';
import { TableScroll } from '../../components/table-scroll';
import { useUser } from '../../components/session';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { useLiveNotices } from '../live/use-live-connection';
import { ReviewFeedbackCard } from '../proposal-review/review-feedback-card';
import { useProposalReviewLive } from '../proposal-review/use-proposal-review-live';
import {
  budgetTotal,
  money,
  proposalCommands,
  proposalKeys,
  proposalQueries,
  STATUS_LABELS,
  type BudgetLine,
  type Proposal,
  type ProposalContent,
} from './api';
import { ConflictDialog } from './conflict-dialog';
import { EditableRows } from './editable-rows';
import { VersionsPanel } from './versions-panel';
import styles from './proposal-editor-page.module.css';
import { Badge } from '../../components/badge';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/**
 * A team's proposal: every member edits it; a save is a new version based on the one the
 * editor started from, a teammate's save arrives live, and a save that crossed someone
 * else's opens a dialog that keeps the user's text.
 */
export function ProposalEditorPage() {
  const { roundId = '', teamId = '' } = useParams();
  const { lab, canOrganise } = useLab();
  const user = useUser();
  const proposal = useQuery(proposalQueries.proposal(lab.id, roundId, teamId));
  // The user's edit and the version it started from; null: the editor shows the server's
  // proposal as it is (a teammate's save replaces it at once).
  const [edit, setEdit] = useState<{ content: ProposalContent; base: number } | null>(null);
  const dirty = edit !== null;
  const [conflict, setConflict] = useState<Proposal | null>(null);
  const [news, setNews] = useState('');

  // Teammates' saves, and the review's release of comments to the team, arrive live.
  const connection = useProposalReviewLive(lab.id);
  useLiveNotices(connection, (notice) => {
    if (notice.event !== 'proposal:saved' && notice.event !== 'proposal:submitted') return;
    const activity = notice.payload;
    if (activity.teamId !== teamId || activity.roundId !== roundId) return;
    if (activity.by.userId !== user.id)
      setNews(
        `${activity.by.displayName} ${notice.event === 'proposal:saved' ? 'saved' : 'submitted'} version ${activity.version}${dirty ? ' — your edits are kept; saving will show both' : ''}.`,
      );
    void queryClient.invalidateQueries({
      queryKey: proposalKeys.proposal(lab.id, roundId, teamId),
    });
  });

  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: proposalKeys.proposal(lab.id, roundId, teamId) });
  const save = useMutation({
    mutationFn: (input: { baseVersion: number; content: ProposalContent }) =>
      proposalCommands.save(lab.id, roundId, teamId, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(proposalKeys.proposal(lab.id, roundId, teamId), saved);
      setEdit(null);
      setConflict(null);
      await refresh();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'PROPOSAL_VERSION_CONFLICT')
        setConflict((error.data as { current: Proposal }).current);
    },
  });
  const submit = useMutation({
    mutationFn: (version: number) => proposalCommands.submit(lab.id, roundId, teamId, version),
    onSuccess: async (submitted) => {
      queryClient.setQueryData(proposalKeys.proposal(lab.id, roundId, teamId), submitted);
      await refresh();
    },
  });

  if (proposal.isPending) return <Loading what="the proposal" />;
  if (proposal.isError)
    return (
      <section className={pageLayout.stack}>
        <h2>Proposal</h2>
        <ErrorAlert alert={alertFor(proposal.error)} />
        <Link to="../funding">Back to the funding rounds</Link>
      </section>
    );
  const view = proposal.data;
  const content = edit?.content ?? view.content;
  const base = edit?.base ?? view.latestVersion;
  const editable = view.canEdit;
  const change = (next: Partial<ProposalContent>) =>
    setEdit({ content: { ...content, ...next }, base });
  const total = budgetTotal(content.budget);
  const overCap = total > view.budget.cap;

  return (
    <section className={pageLayout.stackLg}>
      <header className={pageLayout.stack}>
        <p>
          <Link to="../funding">Funding rounds</Link>
        </p>
        <h2>
          {view.team.name}: {content.title || 'Untitled proposal'}
        </h2>
        <p className={styles.meta}>
          <Badge>{STATUS_LABELS[view.status]}</Badge> Version {view.version}
          {view.savedBy ? ` saved by ${view.savedBy.displayName}` : ''} · due{' '}
          {view.deadlineInLabTimezone}
          {view.extended ? ' (your team’s extension)' : ''}
          {view.open ? '' : ' — the deadline has passed'}
        </p>
        {view.startedFrom ? (
          <p>
            Started from version {view.startedFrom.version} of the team’s proposal to “
            {view.startedFrom.roundName}”.
          </p>
        ) : null}
      </header>
      <StatusMessage>{news}</StatusMessage>
      <form
        className={`${pageLayout.stack} ${styles.editor}`}
        aria-label="Proposal"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ baseVersion: base, content });
        }}
      >
        <fieldset disabled={!editable} className={pageLayout.stack}>
          <TextField
            id="proposal-title"
            label="Title"
            value={content.title}
            onChange={(e) => change({ title: e.target.value })}
          />
          <TextAreaField
            id="proposal-abstract"
            label="Abstract"
            value={content.abstract}
            onChange={(e) => change({ abstract: e.target.value })}
          />
          <TextAreaField
            id="proposal-aims"
            label="Aims"
            value={content.aims}
            onChange={(e) => change({ aims: e.target.value })}
          />
          <TextAreaField
            id="proposal-approach"
            label="Approach"
            rows={8}
            value={content.approach}
            onChange={(e) => change({ approach: e.target.value })}
          />
          <TextField
            id="proposal-challenge"
            label="Part of the challenge addressed"
            value={content.challengeArea}
            onChange={(e) => change({ challengeArea: e.target.value })}
          />
          <Milestones content={content} change={change} />
          <TeamRoles content={content} change={change} />
          <Budget
            content={content}
            change={change}
            cap={view.budget.cap}
            currency={view.budget.currency}
          />
          <p className={overCap ? styles.over : styles.total} aria-live="polite">
            Total {money(total, view.budget.currency)} of at most{' '}
            {money(view.budget.cap, view.budget.currency)}
            {overCap
              ? ` — ${money(total - view.budget.cap, view.budget.currency)} over the cap`
              : ''}
          </p>
        </fieldset>
        <ErrorAlert
          alert={
            save.isError && !conflict
              ? alertFor(save.error, isApiError(save.error) ? save.error.details : [])
              : submit.isError
                ? alertFor(submit.error, isApiError(submit.error) ? submit.error.details : [])
                : null
          }
        />
        <StatusMessage>
          {save.isPending
            ? 'Saving…'
            : submit.isPending
              ? 'Submitting…'
              : dirty
                ? 'Unsaved changes'
                : view.version > 0
                  ? `Saved as version ${view.latestVersion}`
                  : ''}
        </StatusMessage>
        {editable ? (
          <div className={styles.actions}>
            <button
              type="submit"
              className={buttonStyles.button}
              disabled={save.isPending || !dirty}
            >
              Save
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              disabled={
                dirty || view.latestVersion === 0 || view.status === 'submitted' || submit.isPending
              }
              onClick={() => submit.mutate(view.latestVersion)}
            >
              {view.submittedVersion ? 'Resubmit' : 'Submit'} version {view.latestVersion}
            </button>
          </div>
        ) : null}
        {editable && !dirty && view.problems.length > 0 && view.latestVersion > 0 ? (
          <div className={cardStyles.card}>
            <p>Before submitting:</p>
            <ul>
              {view.problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
      {conflict ? (
        <ConflictDialog
          mine={content}
          theirs={conflict}
          busy={save.isPending}
          onKeepMine={() => save.mutate({ baseVersion: conflict.latestVersion, content })}
          onTakeTheirs={() => {
            queryClient.setQueryData(proposalKeys.proposal(lab.id, roundId, teamId), conflict);
            setEdit(null);
            setConflict(null);
            void refresh();
          }}
          onClose={() => setConflict(null)}
        />
      ) : null}
      {view.submittedVersion &&
      (canOrganise || view.team.members.some((m) => m.userId === user.id)) ? (
        <ReviewFeedbackCard roundId={roundId} teamId={teamId} />
      ) : null}
      {view.latestVersion > 0 && view.id ? (
        <VersionsPanel
          labId={lab.id}
          roundId={roundId}
          teamId={teamId}
          latest={view.latestVersion}
        />
      ) : null}
    </section>
  );
}

type Change = (next: Partial<ProposalContent>) => void;

function Milestones({ content, change }: { content: ProposalContent; change: Change }) {
  const id = useId();
  return (
    <fieldset className={pageLayout.stack}>
      <legend>Milestones</legend>
      <EditableRows
        rows={content.milestones}
        onChange={(milestones) => change({ milestones })}
        blank={() => ({ title: '', due: '', description: '' })}
        addLabel="Add a milestone"
        rowName={(i) => `milestone ${i + 1}`}
        renderRow={(m, i, { set, removeButton }) => (
          <div className={styles.row}>
            <TextField
              id={`${id}-m${i}-title`}
              label="Milestone"
              value={m.title}
              onChange={(e) => set({ title: e.target.value })}
            />
            <TextField
              id={`${id}-m${i}-due`}
              label="Due"
              value={m.due}
              placeholder="2021-06"
              onChange={(e) => set({ due: e.target.value })}
            />
            {removeButton}
          </div>
        )}
      />
    </fieldset>
  );
}

function TeamRoles({ content, change }: { content: ProposalContent; change: Change }) {
  const id = useId();
  return (
    <fieldset className={pageLayout.stack}>
      <legend>Team roles</legend>
      <EditableRows
        rows={content.teamRoles}
        onChange={(teamRoles) => change({ teamRoles })}
        blank={() => ({ userId: null, name: '', role: '' })}
        addLabel="Add a role"
        rowName={(i) => `role ${i + 1}`}
        renderRow={(r, i, { set, removeButton }) => (
          <div className={styles.row}>
            <TextField
              id={`${id}-r${i}-name`}
              label="Person"
              value={r.name}
              onChange={(e) => set({ name: e.target.value })}
            />
            <TextField
              id={`${id}-r${i}-role`}
              label="Role"
              value={r.role}
              onChange={(e) => set({ role: e.target.value })}
            />
            {removeButton}
          </div>
        )}
      />
    </fieldset>
  );
}

function Budget({
  content,
  change,
  cap,
  currency,
}: {
  content: ProposalContent;
  change: Change;
  cap: number;
  currency: string;
}) {
  const id = useId();
  return (
    <fieldset className={pageLayout.stack}>
      <legend>
        Budget ({currency}, at most {money(cap, currency)})
      </legend>
      <EditableRows
        rows={content.budget}
        onChange={(budget) => change({ budget })}
        blank={(): BudgetLine => ({ category: 'personnel', description: '', amount: 0 })}
        addLabel="Add a budget line"
        rowName={(i) => `line ${i + 1}`}
        wrap={(rows) => (
          <TableScroll>
            <table className={styles.budget}>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Description</th>
                  <th scope="col">Amount</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>{rows}</tbody>
            </table>
          </TableScroll>
        )}
        renderRow={(line, i, { set, removeButton }) => (
          <tr>
            <td>
              <select
                aria-label={`Category of line ${i + 1}`}
                id={`${id}-b${i}-category`}
                value={line.category}
                onChange={(e) => set({ category: e.target.value as BudgetLine['category'] })}
              >
                {BUDGET_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                aria-label={`Description of line ${i + 1}`}
                value={line.description}
                onChange={(e) => set({ description: e.target.value })}
              />
            </td>
            <td>
              <input
                aria-label={`Amount of line ${i + 1}`}
                inputMode="decimal"
                value={String(line.amount)}
                onChange={(e) => set({ amount: Number(e.target.value.replace(/,/g, '')) || 0 })}
              />
            </td>
            <td>{removeButton}</td>
          </tr>
        )}
      />
    </fieldset>
  );
}
