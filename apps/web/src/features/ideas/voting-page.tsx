import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/form-fields';
import { NumberField, wholeNumberOf } from '../../components/number-field';
import { TableScroll } from '../../components/table-scroll';
import { useUser } from '../../components/session';
import { canOrganise } from '../../lib/roles';
import { fieldIssuesOf, splitFieldIssues } from '../../lib/field-errors';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import type { LiveConnection } from '../live/live-connection';
import { formatCountdown, secondsLeft } from '../live/live-clock';
import { useLiveConnection, useServerNow } from '../live/use-live-connection';
import { ideasApi, ideasKeys, type Idea, type Shortlist, type VotingSession } from './api';
import { dotsLabel, dotsOn, moved, withDot } from './ideas-logic';
import { useIdeasLive } from './use-ideas-live';
import styles from './ideas.module.css';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

type Connection = LiveConnection<LiveNotices, LiveRequests>;

/** Dot voting on the board's ideas, the organisers' voting control and the shortlist. */
export function VotingPage() {
  const { labId = '' } = useParams();
  const { lab } = useLab();
  const user = useUser();
  const organiser = canOrganise(user, labId);
  const connection = useLiveConnection(labId);
  useIdeasLive(labId, connection);
  const sessions = useQuery({
    queryKey: ideasKeys.voting(labId),
    queryFn: () => ideasApi.votingSessions(labId),
  });
  if (sessions.isPending) return <Loading what="voting" />;
  if (sessions.isError) return <ErrorAlert alert={alertFor(sessions.error)} />;
  const open = sessions.data.find((s) => s.state === 'open') ?? null;
  const latest = open ?? sessions.data[0] ?? null;
  return (
    <section className={pageLayout.stackLg}>
      <div className={styles.row}>
        <h2>Voting</h2>
        <Link to="../ideas">Ideas board</Link>
      </div>
      {latest === null ? (
        <p className={textStyles.empty}>No voting session yet.</p>
      ) : (
        <SessionCard labId={labId} session={latest} connection={connection} organiser={organiser} />
      )}
      {organiser && open === null ? <OpenSessionForm labId={labId} /> : null}
      <ShortlistCard labId={labId} organiser={organiser} latest={latest} />
      {sessions.data.filter((s) => s.id !== latest?.id).length > 0 ? (
        <section
          className={`${cardStyles.card} ${pageLayout.stack}`}
          aria-labelledby="earlier-title"
        >
          <h3 id="earlier-title">Earlier sessions</h3>
          {sessions.data
            .filter((s) => s.id !== latest?.id)
            .map((s) => (
              <details key={s.id}>
                <summary>
                  {s.title} — closed {s.closedAt ? formatLabTime(s.closedAt, lab.timezone) : ''}
                </summary>
                <Results session={s} />
              </details>
            ))}
        </section>
      ) : null}
    </section>
  );
}

function Countdown({ connection, endsAt }: { connection: Connection; endsAt: string }) {
  const now = useServerNow(connection, 500);
  const seconds = secondsLeft({ endsAt, localNow: now, offsetMs: 0 }) ?? 0;
  const minutes = Math.floor(seconds / 60);
  return (
    <p className={textStyles.small}>
      Time left:{' '}
      <strong
        role="timer"
        aria-label={
          seconds <= 0 ? 'Closing now' : `${minutes} minutes ${seconds % 60} seconds left`
        }
        data-testid="voting-countdown"
      >
        {formatCountdown(seconds)}
      </strong>
    </p>
  );
}

function SessionCard({
  labId,
  session,
  connection,
  organiser,
}: {
  labId: string;
  session: VotingSession;
  connection: Connection;
  organiser: boolean;
}) {
  const queryClient = useQueryClient();
  const { dialog, confirm } = useConfirmDialog();
  const close = useMutation({
    mutationFn: () => ideasApi.closeVoting(labId, session.id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ideasKeys.voting(labId) }),
  });
  const open = session.state === 'open';
  const ballots = session.ballots.map((b) => (b === 'participants' ? 'participants' : 'mentors'));
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="session-title">
      <h3 id="session-title">{session.title}</h3>
      <p role="status" aria-live="polite" data-testid="session-state">
        {open
          ? `Open: ${dotsLabel(session.dotBudget)} each, at most ${dotsLabel(session.perIdeaCap)} on one idea.`
          : `Closed${session.closedBy === 'timer' ? ' at its deadline' : session.closedBy === 'organiser' ? ' by an organiser' : ''}.`}
        {session.blind
          ? open
            ? ' Blind: tallies are hidden until it closes.'
            : ' It was blind; its tallies are shown now.'
          : ''}
      </p>
      <p className={`${textStyles.small} ${textStyles.muted}`}>
        Ballots: {ballots.join(' and ')} · voted so far: {session.voters.participants} participant
        {session.voters.participants === 1 ? '' : 's'}, {session.voters.mentors} mentor
        {session.voters.mentors === 1 ? '' : 's'}
      </p>
      {open ? <Countdown connection={connection} endsAt={session.endsAt} /> : null}
      {open && organiser ? (
        <div>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
            disabled={close.isPending}
            onClick={async () => {
              const yes = await confirm({
                title: 'Close the voting session now?',
                body: 'Nobody can place or take back a dot after this, and the tallies are shown to everyone.',
                confirmLabel: 'Close voting',
                danger: true,
              });
              if (yes) close.mutate();
            }}
          >
            Close voting now…
          </button>
        </div>
      ) : null}
      <ErrorAlert alert={close.isError ? alertFor(close.error) : null} />
      {open && session.myBallot.ballot !== null ? <Ballot labId={labId} session={session} /> : null}
      {session.results === null ? (
        <p className={feedback.notice} data-testid="tallies-hidden">
          Tallies are hidden until the session closes.
        </p>
      ) : (
        <Results session={session} />
      )}
      {dialog}
    </section>
  );
}

function Ballot({ labId, session }: { labId: string; session: VotingSession }) {
  const queryClient = useQueryClient();
  const ideas = useQuery({
    queryKey: ideasKeys.list(labId, {}),
    queryFn: () => ideasApi.list(labId, {}),
  });
  const [refusal, setRefusal] = useState<unknown>(null);
  const [said, setSaid] = useState('');
  const ballot = session.myBallot;
  const dot = useMutation({
    mutationFn: (next: { idea: Idea; delta: 1 | -1 }) =>
      ideasApi.dot(labId, session.id, next.idea.id, next.delta),
    onMutate: () => setRefusal(null),
    onSuccess: (mine, next) => {
      queryClient.setQueryData<VotingSession[]>(ideasKeys.voting(labId), (all) =>
        all?.map((s) => (s.id === session.id ? { ...s, myBallot: mine } : s)),
      );
      setSaid(
        `${next.delta === 1 ? 'Dot placed on' : 'Dot taken back from'} “${next.idea.title}”. ${dotsLabel(mine.dotsLeft)} left.`,
      );
    },
    onError: (error) => {
      setRefusal(error);
      setSaid('');
      if (isApiError(error) && error.code === 'VOTING_SESSION_CLOSED')
        void queryClient.invalidateQueries({ queryKey: ideasKeys.voting(labId) });
    },
  });
  const pending = dot.isPending ? dot.variables : undefined;
  const shown = pending ? withDot(ballot, pending.idea.id, pending.delta) : ballot;
  return (
    <section className={pageLayout.stack} aria-labelledby="ballot-title">
      <h4 id="ballot-title">
        My dots ({ballot.ballot === 'mentors' ? "mentors' ballot" : "participants' ballot"})
      </h4>
      <p className={styles.dotsLeft} aria-live="polite" data-testid="dots-left">
        {dotsLabel(shown.dotsLeft)} left of {session.dotBudget}
      </p>
      <ErrorAlert alert={refusal ? alertFor(refusal) : null} />
      <StatusMessage>{said}</StatusMessage>
      {ideas.isPending ? <Loading what="the ideas" /> : null}
      <ul className={styles.ballot} aria-label="Ideas to vote on">
        {(ideas.data ?? []).map((idea) => {
          const mine = dotsOn(shown, idea.id);
          return (
            <li key={idea.id} className={styles.ballotItem} aria-label={idea.title}>
              <Link to={`../ideas/${idea.id}`}>{idea.title}</Link>
              <span className={styles.dots} data-testid="my-dots">
                {'●'.repeat(mine)}
                <span className="visually-hidden">{dotsLabel(mine)}</span>
                {mine === 0 ? <span aria-hidden="true">—</span> : null}
              </span>
              <span className={styles.row}>
                <button
                  type="button"
                  className={buttonStyles.button}
                  disabled={dot.isPending}
                  aria-label={`Place a dot on ${idea.title}`}
                  onClick={() => dot.mutate({ idea, delta: 1 })}
                >
                  + Dot
                </button>
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                  disabled={dot.isPending || mine === 0}
                  aria-label={`Take a dot back from ${idea.title}`}
                  onClick={() => dot.mutate({ idea, delta: -1 })}
                >
                  − Dot
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Results({ session }: { session: VotingSession }) {
  const results = session.results ?? [];
  const both = session.ballots.length === 2;
  if (results.length === 0) return <p className={textStyles.muted}>No dots were placed.</p>;
  return (
    <TableScroll>
      <table aria-label={`Results of ${session.title}`}>
        <thead>
          <tr>
            <th scope="col">Idea</th>
            {session.ballots.includes('participants') ? <th scope="col">Participants</th> : null}
            {session.ballots.includes('mentors') ? <th scope="col">Mentors</th> : null}
            {both ? <th scope="col">Total</th> : null}
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.ideaId}>
              <th scope="row">
                {r.title}
                {r.status !== 'active' ? ` (${r.status})` : ''}
              </th>
              {session.ballots.includes('participants') ? (
                <td className={dataTableStyles.num}>{r.participants}</td>
              ) : null}
              {session.ballots.includes('mentors') ? (
                <td className={dataTableStyles.num}>{r.mentors}</td>
              ) : null}
              {both ? <td className={dataTableStyles.num}>{r.total}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const OPEN_FIELDS = ['title', 'dotBudget', 'perIdeaCap', 'durationSeconds', 'ballots'];

function OpenSessionForm({ labId }: { labId: string }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [budget, setBudget] = useState('5');
  const [cap, setCap] = useState('2');
  const [minutes, setMinutes] = useState('10');
  const [blind, setBlind] = useState(true);
  const [ballots, setBallots] = useState<('participants' | 'mentors')[]>([
    'participants',
    'mentors',
  ]);
  const open = useMutation({
    mutationFn: () =>
      ideasApi.openVoting(labId, {
        ...(title.trim() ? { title: title.trim() } : {}),
        // Empty, a number is left out and the server answers "Required." beside it.
        dotBudget: wholeNumberOf(budget) as number,
        perIdeaCap: wholeNumberOf(cap) as number,
        blind,
        durationSeconds: Math.round(Number(minutes) * 60),
        ballots,
      }),
    onSuccess: (session) =>
      queryClient.setQueryData<VotingSession[]>(ideasKeys.voting(labId), (all) => [
        session,
        ...(all ?? []),
      ]),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ideasKeys.voting(labId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  const { fieldErrors, unmatched } = splitFieldIssues(fieldIssuesOf(open.error), OPEN_FIELDS);
  return (
    <form
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="open-title"
      onSubmit={submit}
      noValidate
    >
      <h3 id="open-title">Open a voting session</h3>
      <ErrorAlert alert={open.isError ? alertFor(open.error, unmatched) : null} />
      <div className={styles.filters}>
        <TextField
          id="vote-title"
          label="Title"
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
        />
        <NumberField
          id="vote-budget"
          label="Dots per person"
          value={budget}
          error={fieldErrors.dotBudget}
          onChange={setBudget}
        />
        <NumberField
          id="vote-cap"
          label="Most dots on one idea"
          value={cap}
          error={fieldErrors.perIdeaCap}
          onChange={setCap}
        />
        <TextField
          id="vote-minutes"
          label="Minutes open"
          inputMode="decimal"
          value={minutes}
          error={fieldErrors.durationSeconds}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <div className={styles.checks}>
        <label>
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />
          Blind (tallies hidden until it closes)
        </label>
      </div>
      <fieldset className={styles.checks}>
        <legend>Who votes (separate ballots)</legend>
        {(['participants', 'mentors'] as const).map((b) => (
          <label key={b}>
            <input
              type="checkbox"
              checked={ballots.includes(b)}
              onChange={(e) =>
                setBallots(e.target.checked ? [...ballots, b] : ballots.filter((x) => x !== b))
              }
            />
            {b === 'participants' ? 'Participants' : 'Mentors'}
          </label>
        ))}
      </fieldset>
      <div>
        <button
          type="submit"
          className={buttonStyles.button}
          disabled={open.isPending || ballots.length === 0}
        >
          Open voting
        </button>
      </div>
    </form>
  );
}

function ShortlistCard({
  labId,
  organiser,
  latest,
}: {
  labId: string;
  organiser: boolean;
  latest: VotingSession | null;
}) {
  const shortlist = useQuery({
    queryKey: ideasKeys.shortlist(labId),
    queryFn: () => ideasApi.shortlist(labId),
  });
  const [editing, setEditing] = useState(false);
  if (shortlist.isPending) return <Loading what="the shortlist" />;
  if (shortlist.isError) return <ErrorAlert alert={alertFor(shortlist.error)} />;
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="shortlist-title">
      <h3 id="shortlist-title">Shortlist</h3>
      {editing ? (
        <ShortlistEditor
          labId={labId}
          shortlist={shortlist.data}
          latest={latest}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          {shortlist.data.ideas.length === 0 ? (
            <p className={textStyles.muted}>No idea is shortlisted yet.</p>
          ) : (
            <ol className={styles.shortlist} aria-label="Shortlisted ideas">
              {shortlist.data.ideas.map((i) => (
                <li key={i.id}>
                  <Link to={`../ideas/${i.id}`}>{i.title}</Link>
                </li>
              ))}
            </ol>
          )}
          {organiser ? (
            <div>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                onClick={() => setEditing(true)}
              >
                Edit the shortlist
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * The organisers' shortlist editor: add (from the board, or the latest results in order),
 * remove, reorder. A shortlist changed meanwhile is not overwritten: the server's conflict is
 * shown with the choice to load the current one (the draft stays until then).
 */
function ShortlistEditor({
  labId,
  shortlist,
  latest,
  onDone,
}: {
  labId: string;
  shortlist: Shortlist;
  latest: VotingSession | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const ideas = useQuery({
    queryKey: ideasKeys.list(labId, {}),
    queryFn: () => ideasApi.list(labId, {}),
  });
  const [draft, setDraft] = useState(() =>
    shortlist.ideas.map((i) => ({ id: i.id, title: i.title })),
  );
  const [version, setVersion] = useState(shortlist.version);
  const [adding, setAdding] = useState('');
  const save = useMutation({
    mutationFn: () =>
      ideasApi.putShortlist(
        labId,
        draft.map((d) => d.id),
        version,
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(ideasKeys.shortlist(labId), next);
      void queryClient.invalidateQueries({ queryKey: ideasKeys.lists(labId) });
      onDone();
    },
  });
  const conflict =
    isApiError(save.error) && save.error.code === 'SHORTLIST_VERSION_CONFLICT'
      ? (save.error.data as { current?: Shortlist } | undefined)?.current
      : undefined;
  const addable = (ideas.data ?? []).filter((i) => !draft.some((d) => d.id === i.id));
  const byResults = (latest?.results ?? []).filter(
    (r) => r.status === 'active' && r.total > 0 && !draft.some((d) => d.id === r.ideaId),
  );
  return (
    <div className={pageLayout.stack}>
      <ErrorAlert alert={save.isError ? alertFor(save.error) : null}>
        {conflict ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={() => {
              setDraft(conflict.ideas.map((i) => ({ id: i.id, title: i.title })));
              setVersion(conflict.version);
              queryClient.setQueryData(ideasKeys.shortlist(labId), conflict);
              save.reset();
            }}
          >
            Load the current shortlist (drops my changes)
          </button>
        ) : null}
      </ErrorAlert>
      {draft.length === 0 ? <p className={textStyles.muted}>The shortlist is empty.</p> : null}
      <ol className={styles.shortlist} aria-label="Shortlist being edited">
        {draft.map((d, index) => (
          <li key={d.id}>
            <span className={styles.row}>
              <span>{d.title}</span>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                disabled={index === 0}
                aria-label={`Move ${d.title} up`}
                onClick={() => setDraft(moved(draft, index, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                disabled={index === draft.length - 1}
                aria-label={`Move ${d.title} down`}
                onClick={() => setDraft(moved(draft, index, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                aria-label={`Remove ${d.title}`}
                onClick={() => setDraft(draft.filter((x) => x.id !== d.id))}
              >
                Remove
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className={styles.filters}
        aria-label="Add an idea to the shortlist"
        onSubmit={(e) => {
          e.preventDefault();
          const idea = addable.find((i) => i.id === adding);
          if (idea) setDraft([...draft, { id: idea.id, title: idea.title }]);
          setAdding('');
        }}
      >
        <SelectField
          id="shortlist-add"
          label="Add an idea"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        >
          <option value="">Choose an idea…</option>
          {addable.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </SelectField>
        <div className={fieldStyles.field}>
          <button
            type="submit"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={!adding}
          >
            Add
          </button>
        </div>
      </form>
      {byResults.length > 0 ? (
        <div>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() =>
              setDraft([...draft, ...byResults.map((r) => ({ id: r.ideaId, title: r.title }))])
            }
          >
            Add the voted ideas in order of dots ({byResults.length})
          </button>
        </div>
      ) : null}
      <div className={styles.row}>
        <button
          type="button"
          className={buttonStyles.button}
          disabled={save.isPending}
          onClick={() => save.mutate()}
        >
          Save the shortlist
        </button>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
          onClick={onDone}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
