import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { LiveNotices, LiveRequests } from '@ideas-lab/live/events';
import { Countdown } from './countdown';
import type { LiveConnection, LiveStatus } from './live-connection';
import type { LiveViewAction, LiveViewState } from './live-view-state';
import { formatLabClock } from '../../lib/lab-time';
import { useLab } from '../../pages/lab/lab-context';
import styles from './live.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

interface RoomCardProps {
  connection: LiveConnection<LiveNotices, LiveRequests>;
  status: LiveStatus;
  view: LiveViewState;
  dispatch: (action: LiveViewAction) => void;
}

/** Where the person is now: the round, their room, its people, link and countdown, and what they can ask for. */
export function RoomCard({ connection, status, view, dispatch }: RoomCardProps) {
  const headingId = useId();
  const { round, room, roomMates, me } = view;

  if (!view.ready) {
    return (
      <section className={cardStyles.card} aria-labelledby={headingId}>
        <h2 id={headingId}>Your room</h2>
        <p className={textStyles.muted}>
          {status.state === 'refused' ? status.message : 'Joining the live workshop…'}
        </p>
      </section>
    );
  }

  if (!round || round.state !== 'open') {
    return (
      <section className={cardStyles.card} aria-labelledby={headingId}>
        <h2 id={headingId}>No breakout round right now</h2>
        {view.closedRound ? (
          <p data-testid="round-ended">
            {view.closedRound.title} has ended. Stay on this page: your next room appears here as
            soon as the next round opens.
          </p>
        ) : (
          <p>When the organisers open a round, your room and its countdown appear here.</p>
        )}
        {view.session?.meetingUrl ? (
          <p>
            <a
              className={buttonStyles.button}
              href={view.session.meetingUrl}
              target="_blank"
              rel="noreferrer"
            >
              Join the plenary call
            </a>
          </p>
        ) : null}
      </section>
    );
  }

  if (!room) {
    return (
      <section className={cardStyles.card} aria-labelledby={headingId}>
        <p className={styles.liveRoomRound}>{round.title}</p>
        <h2 id={headingId}>You have no room in this round</h2>
        {me?.isOrganiser ? (
          <p>
            You run this round: the <Link to="../control-room">control room</Link> shows every room.
          </p>
        ) : me?.roles.includes('mentor') ? (
          <p>
            No room is yours in this round: the <Link to="../help-queue">help queue</Link> shows the
            rooms asking for a mentor.
          </p>
        ) : (
          <p>The organisers have not seated you yet; your room appears here when they do.</p>
        )}
        <Countdown connection={connection} endsAt={round.endsAt} closing={view.closing !== null} />
      </section>
    );
  }

  const mentoring = room.mentor?.userId === me?.userId;
  const others = roomMates.filter((p) => p.userId !== me?.userId);
  return (
    <section className={cardStyles.card} aria-labelledby={headingId} data-testid="my-room">
      <p className={styles.liveRoomRound}>
        {round.title}
        {view.session ? ` · ${view.session.title}` : ''}
      </p>
      <h2 id={headingId} className={styles.liveRoomName}>
        {mentoring ? 'You mentor ' : 'You are in '}
        <span data-testid="room-name">{room.name}</span>
      </h2>
      <Countdown connection={connection} endsAt={round.endsAt} closing={view.closing !== null} />
      {room.meetingUrl ? (
        <p>
          <a
            className={buttonStyles.button}
            href={room.meetingUrl}
            target="_blank"
            rel="noreferrer"
          >
            Join {room.name}’s video call
          </a>
        </p>
      ) : (
        <p className={`${textStyles.muted} ${textStyles.small}`}>
          This room has no video link; the organisers will share one.
        </p>
      )}
      <h3>In this room</h3>
      <ul className={styles.liveRoomPeople} aria-label={`People in ${room.name}`}>
        {room.mentor && !mentoring ? (
          <li>
            {room.mentor.displayName} <Badge tone="tag">Mentor</Badge>
          </li>
        ) : null}
        {view.visitingMentors
          .filter((m) => m.userId !== room.mentor?.userId)
          .map((m) => (
            <li key={m.userId}>
              {m.displayName} <Badge tone="tag">Visiting mentor</Badge>
            </li>
          ))}
        {others.map((p) => (
          <li key={p.userId}>{p.displayName}</li>
        ))}
        {!mentoring && me ? <li>{me.displayName} (you)</li> : null}
      </ul>
      {others.length === 0 ? (
        <p className={`${textStyles.muted} ${textStyles.small}`}>Nobody else is seated here.</p>
      ) : null}
      {mentoring ? null : (
        <div className={styles.liveRoomAsks}>
          <HelpAsk connection={connection} view={view} dispatch={dispatch} />
          <TimeAsk connection={connection} view={view} dispatch={dispatch} />
        </div>
      )}
    </section>
  );
}

function HelpAsk({ connection, view, dispatch }: Omit<RoomCardProps, 'status'>) {
  const inputId = useId();
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const help = view.myHelp;
  const { lab } = useLab();

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (!topic.trim()) {
      setProblem('Say what you need help with, e.g. “statistics”.');
      return;
    }
    setBusy(true);
    setProblem(null);
    const ack = await connection.request('help:request', { topic: topic.trim() });
    setBusy(false);
    if (ack.ok) {
      dispatch({ event: 'local:help-asked', payload: ack.request });
      setTopic('');
    } else if (ack.code === 'LIVE_HELP_ALREADY_ASKED') {
      setProblem('Your room has already asked for help: a mentor has been told.');
    } else {
      setProblem(ack.message);
    }
  };

  return (
    <form className={styles.liveAsk} onSubmit={(e) => void ask(e)} noValidate>
      <h3>Need a mentor?</h3>
      <div className={fieldStyles.field}>
        <label htmlFor={inputId}>What do you need help with?</label>
        <input
          id={inputId}
          value={topic}
          maxLength={80}
          placeholder="e.g. statistics"
          aria-invalid={problem !== null && !help ? true : undefined}
          aria-describedby={`${inputId}-outcome`}
          onChange={(e) => setTopic(e.target.value)}
        />
      </div>
      <button
        type="submit"
        className={`${buttonStyles.button} ${buttonStyles.secondary}`}
        disabled={busy}
      >
        {busy ? 'Asking…' : 'Ask for help'}
      </button>
      <p
        id={`${inputId}-outcome`}
        role="status"
        aria-live="polite"
        className={styles.liveAskOutcome}
      >
        {help
          ? help.mentor
            ? `${help.mentor.displayName} is on the way to help with “${help.topic}”.`
            : help.roomMentor
              ? `You asked for help with “${help.topic}” at ${formatLabClock(help.askedAt, lab.timezone)}: no other free mentor knows it, so your room's own mentor, ${help.roomMentor.displayName}, has it.`
              : `You asked for help with “${help.topic}” at ${formatLabClock(help.askedAt, lab.timezone)}: a mentor has been told.`
          : (problem ?? '')}
      </p>
    </form>
  );
}

function TimeAsk({ connection, view, dispatch }: Omit<RoomCardProps, 'status'>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const request = view.timeRequest;
  const waiting = request !== null && request.decision === null;
  const approved = request?.decision === 'approved';

  const ask = async () => {
    setBusy(true);
    setProblem(null);
    const ack = await connection.request('time:request', {});
    setBusy(false);
    if (ack.ok) dispatch({ event: 'local:time-asked', payload: ack.request });
    else if (ack.code === 'LIVE_TIME_ALREADY_ASKED')
      setProblem('Your room has already asked for more time in this round.');
    else setProblem(ack.message);
  };

  const outcome = !request
    ? (problem ?? '')
    : request.decision === null
      ? 'Asked for 2 more minutes: waiting for the organisers.'
      : request.decision === 'approved'
        ? 'Approved: 2 more minutes were added to this round.'
        : 'Declined: the round ends on time. You can ask again.';

  return (
    <div className={styles.liveAsk}>
      <h3>Need more time?</h3>
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.secondary}`}
        onClick={() => void ask()}
        disabled={busy || waiting || approved}
      >
        {busy ? 'Asking…' : 'Ask for 2 more minutes'}
      </button>
      <p
        role="status"
        aria-live="polite"
        className={styles.liveAskOutcome}
        data-decision={request?.decision}
        data-testid="time-outcome"
      >
        {outcome}
      </p>
    </div>
  );
}
