import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { HelpRequest, LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { describeError, queryClient } from '../../api';
import { workshopKeys, workshopQueries } from '../workshop/queries';
import type { LiveConnection } from './live-connection';
import { formatCountdown } from './live-clock';
import { LiveStatusBar } from './live-status';
import type { LiveViewAction, LiveViewState } from './live-view-state';
import { useLiveConnection, useLiveState, useServerNow } from './use-live-connection';
import { useLiveView } from './use-live-view';
import styles from './live.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

type Connection = LiveConnection<LiveNotices, LiveRequests>;

/**
 * The mentor's screen: the help requests routed to them (or to no one), claimed and resolved
 * here with how long each has waited; the topics they help with; the rooms they visit.
 */
export function HelpQueuePage() {
  const { labId = '' } = useParams();
  const connection = useLiveConnection(labId);
  const { status } = useLiveState(connection);
  const [view, dispatch] = useLiveView(connection);
  const visits = useVisits(connection, view);

  return (
    <div className={styles.live}>
      <LiveStatusBar status={status} onRetry={() => connection.reconnectNow()} />
      <p role="status" aria-live="polite" className={feedback.status} data-testid="visit-outcome">
        {visits.outcome}
      </p>
      <div className={styles.liveGrid}>
        <HelpQueue connection={connection} view={view} dispatch={dispatch} visits={visits} />
        <div className={pageLayout.stackLg}>
          <RoomsToVisit labId={labId} view={view} visits={visits} />
          <MentorTopics connection={connection} view={view} dispatch={dispatch} />
        </div>
      </div>
    </div>
  );
}

interface Visits {
  /** The room this mentor is in now (their own, or the one they visit); null: none. */
  hereRoomId: string | null;
  busy: boolean;
  outcome: string;
  go: (room: { id: string; name: string } | null) => void;
}

/**
 * Where the mentor is: going into a room (mentor:visit) makes it their room of record, so
 * its people and the organisers see them there, and they join its chat.
 */
function useVisits(connection: Connection, view: LiveViewState): Visits {
  const [moved, setMoved] = useState<{ from: string | null; to: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState('');
  const recorded = view.room?.id ?? null;
  // A newer word from the server (snapshot, room:assigned) replaces what this screen did.
  const hereRoomId = moved && moved.from === recorded ? moved.to : recorded;

  const go = (room: { id: string; name: string } | null) => {
    setBusy(true);
    setOutcome('');
    void connection.request('mentor:visit', { roomId: room?.id ?? null }).then((ack) => {
      setBusy(false);
      if (!ack.ok) {
        setOutcome(ack.message);
        return;
      }
      setMoved({ from: recorded, to: ack.roomId });
      setOutcome(
        room
          ? `You are in ${room.name} now: its people and the organisers see you there.`
          : ack.roomId
            ? 'You left the room you visited and are back in your own.'
            : 'You left the room.',
      );
    });
  };
  return { hereRoomId, busy, outcome, go };
}

function VisitButton({
  room,
  visits,
  own = false,
}: {
  room: { id: string; name: string };
  visits: Visits;
  /** The mentor's own room: they are in it whenever they visit no other. */
  own?: boolean;
}) {
  if (visits.hereRoomId === room.id && own) return <Badge tone="now">You are here</Badge>;
  if (visits.hereRoomId === room.id)
    return (
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.quiet}`}
        disabled={visits.busy}
        onClick={() => visits.go(null)}
      >
        Leave {room.name}
      </button>
    );
  return (
    <button
      type="button"
      className={`${buttonStyles.button} ${buttonStyles.secondary}`}
      disabled={visits.busy}
      onClick={() => visits.go(room)}
    >
      Go to {room.name}
    </button>
  );
}

/** "4 min" since an instant, on the server's clock. */
const since = (iso: string | null, serverNow: number) =>
  iso ? formatCountdown(Math.max(0, Math.floor((serverNow - Date.parse(iso)) / 1000))) : '';

function HelpQueue({
  connection,
  view,
  dispatch,
  visits,
}: {
  connection: Connection;
  view: LiveViewState;
  dispatch: (action: LiveViewAction) => void;
  visits: Visits;
}) {
  const headingId = useId();
  const serverNow = useServerNow(connection, 1_000);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const me = view.me?.userId;
  const queue = view.helpQueue;
  const mine = queue.filter((h) => h.claimedBy?.userId === me);
  const waiting = queue.filter((h) => h.state === 'waiting');

  const act = async (request: HelpRequest, action: 'help:claim' | 'help:resolve') => {
    setBusy(request.id);
    setOutcome('');
    const ack = await connection.request(action, { requestId: request.id });
    setBusy(null);
    if (ack.ok) {
      dispatch({ event: 'local:help-changed', payload: ack.request });
      setOutcome(
        action === 'help:claim'
          ? `You claimed ${request.room.name}’s request (“${request.topic}”): go to the room.`
          : `${request.room.name}’s request is resolved.`,
      );
      return;
    }
    if (ack.code === 'LIVE_HELP_ALREADY_CLAIMED' || ack.code === 'LIVE_HELP_RESOLVED') {
      dispatch({ event: 'help:resolved', payload: request });
      setOutcome(`Another mentor took ${request.room.name}’s request first.`);
      return;
    }
    setOutcome(ack.message);
  };

  const row = (h: HelpRequest) => (
    <li key={h.id} className={styles.helpRequest} data-state={h.state} data-testid="help-request">
      <div>
        <p>
          <strong>{h.topic}</strong> · {h.room.name}
        </p>
        <p className={`${textStyles.muted} ${textStyles.small}`}>
          Asked by {h.askedBy.displayName}
          {h.routedTo
            ? h.routedTo.userId === me
              ? ', routed to you'
              : `, routed to ${h.routedTo.displayName}`
            : ', to every mentor'}
        </p>
        <p className={textStyles.small}>
          {h.state === 'waiting' ? (
            <>
              Waiting for{' '}
              <span className={styles.helpRequestClock}>{since(h.askedAt, serverNow)}</span>
            </>
          ) : (
            <>
              Claimed by {h.claimedBy?.userId === me ? 'you' : h.claimedBy?.displayName}{' '}
              {h.claimedAt ? `after ${formatWait(h.askedAt, h.claimedAt)}` : ''} · with them for{' '}
              <span className={styles.helpRequestClock}>{since(h.claimedAt, serverNow)}</span>
            </>
          )}
        </p>
      </div>
      <div className={styles.helpRequestActions}>
        {h.state === 'waiting' ? (
          <button
            type="button"
            className={buttonStyles.button}
            disabled={busy !== null}
            onClick={() => void act(h, 'help:claim')}
          >
            Claim<span className="visually-hidden"> {h.room.name}’s request</span>
          </button>
        ) : null}
        {h.state === 'claimed' &&
        h.claimedBy?.userId === me &&
        h.roundId === view.round?.id &&
        visits.hereRoomId !== h.room.id ? (
          <VisitButton room={h.room} visits={visits} />
        ) : null}
        {h.state === 'claimed' && (h.claimedBy?.userId === me || view.me?.isOrganiser) ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={busy !== null}
            onClick={() => void act(h, 'help:resolve')}
          >
            Mark resolved<span className="visually-hidden"> ({h.room.name})</span>
          </button>
        ) : null}
      </div>
    </li>
  );

  return (
    <section className={cardStyles.card} aria-labelledby={headingId}>
      <h2 id={headingId}>Help queue</h2>
      <p role="status" aria-live="polite" className={feedback.status} data-testid="help-outcome">
        {outcome}
      </p>
      {!view.ready ? <p className={feedback.loading}>Loading the help queue…</p> : null}
      {view.ready && queue.length === 0 ? (
        <p className={textStyles.muted}>
          No room is asking for help right now. New requests appear here.
        </p>
      ) : null}
      {mine.length > 0 ? (
        <>
          <h3>With you</h3>
          <ul className={styles.helpRequests}>{mine.map(row)}</ul>
        </>
      ) : null}
      {waiting.length > 0 ? (
        <>
          <h3>Waiting ({waiting.length})</h3>
          <ul className={styles.helpRequests} aria-live="polite">
            {waiting.map(row)}
          </ul>
        </>
      ) : null}
      {queue.some((h) => h.state === 'claimed' && h.claimedBy?.userId !== me) ? (
        <>
          <h3>With other mentors</h3>
          <ul className={styles.helpRequests}>
            {queue.filter((h) => h.state === 'claimed' && h.claimedBy?.userId !== me).map(row)}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function formatWait(from: string, to: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** The rooms this mentor is assigned to, in the round running now and the rounds to come. */
function RoomsToVisit({
  labId,
  view,
  visits,
}: {
  labId: string;
  view: LiveViewState;
  visits: Visits;
}) {
  const headingId = useId();
  const sessionId = view.round?.sessionId ?? view.session?.id ?? null;
  const rounds = useQuery({
    ...workshopQueries.rounds(labId, sessionId ?? ''),
    enabled: !!sessionId,
  });
  // The live view says the round changed (opened, closed, another one): read the rooms again.
  const roundNow = `${view.round?.id ?? ''}:${view.round?.state ?? ''}`;
  useEffect(() => {
    if (sessionId)
      void queryClient.invalidateQueries({ queryKey: workshopKeys.rounds(labId, sessionId) });
  }, [labId, sessionId, roundNow]);
  const me = view.me?.userId;
  const visible = rounds.data
    ? rounds.data.rounds
        .filter((r) => r.state !== 'closed')
        .map((r) => ({ ...r, rooms: r.rooms.filter((room) => room.mentorId === me) }))
        .filter((r) => r.rooms.length > 0)
    : [];

  return (
    <section className={cardStyles.card} aria-labelledby={headingId}>
      <h2 id={headingId}>Rooms to visit</h2>
      {!sessionId ? (
        <p className={textStyles.muted}>
          No breakout round is running. Your rooms appear here when the organisers open one.
        </p>
      ) : rounds.isPending ? (
        <p className={feedback.loading}>Loading your rooms…</p>
      ) : rounds.isError ? (
        <p className={fieldStyles.error}>
          Your rooms could not be loaded: {describeError(rounds.error)}
        </p>
      ) : visible.length === 0 ? (
        <p className={textStyles.muted}>
          You are not assigned to a room in this session’s open or coming rounds.
        </p>
      ) : (
        visible.map((round) => (
          <div key={round.id}>
            <h3>
              {round.title}{' '}
              {round.state === 'open' ? <Badge tone="now">Now</Badge> : <Badge>Coming</Badge>}
            </h3>
            <ul className={styles.mentorRooms}>
              {round.rooms.map((room) => (
                <li key={room.id}>
                  <p>
                    <strong>{room.name}</strong> · {room.occupancy}{' '}
                    {room.occupancy === 1 ? 'person' : 'people'}
                  </p>
                  {room.participants && room.participants.length > 0 ? (
                    <p className={`${textStyles.muted} ${textStyles.small}`}>
                      {room.participants.map((p) => p.displayName).join(', ')}
                    </p>
                  ) : null}
                  <p className={styles.mentorRoomsActions}>
                    {room.meetingUrl ? (
                      <a href={room.meetingUrl} target="_blank" rel="noreferrer">
                        Video call<span className="visually-hidden"> of {room.name}</span>
                      </a>
                    ) : null}
                    {round.state === 'open' ? (
                      <VisitButton room={room} visits={visits} own={room.mentorId === me} />
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

/** What this mentor helps with: requests on these topics are routed to them first. */
function MentorTopics({
  connection,
  view,
  dispatch,
}: {
  connection: Connection;
  view: LiveViewState;
  dispatch: (action: LiveViewAction) => void;
}) {
  const inputId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const value = draft ?? view.myTopics.join(', ');

  // A new snapshot (another device changed the topics) replaces an untouched field.
  const [topicsShown, setTopicsShown] = useState(view.myTopics);
  if (topicsShown !== view.myTopics) {
    setTopicsShown(view.myTopics);
    setDraft(null);
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const topics = [
      ...new Set(
        value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    setBusy(true);
    setStatus('');
    const ack = await connection.request('help:topics', { topics });
    setBusy(false);
    if (ack.ok) {
      dispatch({ event: 'local:topics', payload: ack.topics });
      setStatus('Saved: requests on these topics come to you first.');
    } else setStatus(ack.message);
  };

  return (
    <form className={cardStyles.card} onSubmit={(e) => void save(e)}>
      <h2>Your topics</h2>
      <div className={fieldStyles.field}>
        <label htmlFor={inputId}>What can you help with?</label>
        <p className={fieldStyles.hint} id={`${inputId}-hint`}>
          Separate topics with commas, e.g. statistics, machine learning, ethics.
        </p>
        <input
          id={inputId}
          value={value}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => setDraft(e.target.value)}
        />
      </div>
      <div className={actionStyles.formActions}>
        <button
          type="submit"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={busy}
        >
          Save topics
        </button>
        <p role="status" aria-live="polite" className={feedback.status}>
          {status}
        </p>
      </div>
    </form>
  );
}
