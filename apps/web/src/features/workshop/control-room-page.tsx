import { useQuery } from '@tanstack/react-query';
import { labQueries } from '../../api/labs';
import { sessionChanged, showRounds, workshopQueries } from './queries';
import {
  useCallback,
  useEffect,
  useReducer,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import type {
  HelpRequest,
  LiveRound,
  PinnedInstruction,
  TimeRequest,
} from '@ideas-lab/live/events';
import type { Lab } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { FieldFrame, SelectField, TextField } from '../../components/form-fields';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { formatCountdown, secondsLeft } from '../live/live-clock';
import type { LiveStatus } from '../live/live-connection';
import {
  useLiveConnection,
  useLiveNotices,
  useLiveState,
  useServerNow,
} from '../live/use-live-connection';
import { workshopApi, type BreakoutRound, type Rounds } from './api';
import { BreakoutSessionPicker, useBreakoutSession } from './breakout-session-picker';
import { controlRoomReducer, initialControlRoom } from './control-room-state';
import { ROUND_TONES, roundStateLabel } from './rotation-page';
import { currentRound, roomTiles, type RoomTile } from './room-tiles';
import { RoomVideoLinkForm } from './room-video-links';
import { ControlRoomPitches } from '../pitches/pitch-stage-panel';
import { ClockStepButtons } from '../../components/clock-step-buttons';
import choice from '../../components/choice.module.css';
import styles from './workshop.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** Re-read who is online this often, besides the pushes (a safety net, not the source). */
const PRESENCE_EVERY_MS = 10_000;
/**
 * Arrivals and departures update the list at once; the full picture (roles, rooms) is read
 * again at most this often after them: each read asks every instance for its connections,
 * and a reconnect storm brings hundreds of presence changes a second.
 */
const PRESENCE_AFTER_CHANGES_MS = 2_000;

/** What the round timer's buttons add or take off, in seconds. */
const ROUND_TIMER_STEPS = [-60, 60, 300];

const GRACE_CHOICES = [
  { seconds: 0, label: 'now' },
  { seconds: 10, label: 'in 10 seconds' },
  { seconds: 30, label: 'in 30 seconds' },
  { seconds: 60, label: 'in 1 minute' },
  { seconds: 120, label: 'in 2 minutes' },
];

/**
 * The organisers' control room for a breakout session: the current round with its
 * server-timed countdown, every room as a tile (who is seated, who is actually in the room,
 * the mentor, help and time requests, latest activity), opening and closing rounds, timers,
 * broadcasts, moves and swaps, the help queue and who is online.
 */
export function ControlRoomPage() {
  const { lab } = useLab();
  const picker = useBreakoutSession(lab.id);
  return (
    <div className={`${pageLayout.stackLg} ${styles.workshop}`}>
      <ControlRoomPitches labId={lab.id} />
      <section className={cardStyles.card} aria-labelledby="control-heading">
        <h2 id="control-heading">Control room</h2>
        <BreakoutSessionPicker
          labId={lab.id}
          timezone={lab.timezone}
          picker={picker}
          idPrefix="control"
        />
      </section>
      {picker.chosen ? (
        <SessionControl key={picker.chosen.id} lab={lab} sessionId={picker.chosen.id} />
      ) : null}
    </div>
  );
}

function connectionText(status: LiveStatus): string {
  switch (status.state) {
    case 'online':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return 'Offline: waiting for the network';
    case 'refused':
      return `Refused: ${status.message}`;
    case 'closed':
      return 'Disconnected';
  }
}

/** A live request the organiser decided against in a confirmation dialog. */
const NOT_CONFIRMED = 'NOT_CONFIRMED';

function SessionControl({ lab, sessionId }: { lab: Lab; sessionId: string }) {
  const connection = useLiveConnection(lab.id);
  const { status: link } = useLiveState(connection);
  const serverNow = useServerNow(connection, 500);
  const [live, dispatch] = useReducer(controlRoomReducer, initialControlRoom);
  const rounds = useQuery(workshopQueries.rounds(lab.id, sessionId));
  // Live notices and answers change the rounds: the cache reads them again.
  const roundsChanged = () => void sessionChanged(lab.id, sessionId);
  const members = useQuery(labQueries.members(lab.id));
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);
  const { dialog, confirm: confirmOtherDay } = useConfirmDialog();

  const refreshPresence = useCallback(() => {
    void connection.request('presence:list', {}).then((ack) => {
      if (ack.ok) dispatch({ event: 'presence:listed', payload: ack.online });
    });
    void connection.request('rooms:activity', {}).then((ack) => {
      if (ack.ok) {
        const { ok: _ok, ...activity } = ack;
        void _ok;
        dispatch({ event: 'rooms:listed', payload: activity });
      }
    });
  }, [connection]);

  const pendingPresence = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshPresenceSoon = useCallback(() => {
    if (pendingPresence.current !== null) return;
    pendingPresence.current = setTimeout(() => {
      pendingPresence.current = null;
      refreshPresence();
    }, PRESENCE_AFTER_CHANGES_MS);
  }, [refreshPresence]);
  useEffect(
    () => () => {
      if (pendingPresence.current !== null) clearTimeout(pendingPresence.current);
    },
    [],
  );

  useLiveNotices(connection, (notice) => {
    dispatch(notice);
    switch (notice.event) {
      case 'presence:changed':
        refreshPresenceSoon();
        break;
      case 'live:snapshot':
      case 'mentor:moved':
        refreshPresence();
        break;
      case 'room:updated':
        roundsChanged();
        break;
      case 'round:opened':
      case 'round:closed':
      case 'rooms:recreated':
        roundsChanged();
        refreshPresence();
        break;
      default:
        break;
    }
  });

  useEffect(() => {
    if (link.state !== 'online') return;
    const timer = setInterval(refreshPresence, PRESENCE_EVERY_MS);
    return () => clearInterval(timer);
  }, [link.state, refreshPresence]);

  const names = new Map<string, string>();
  for (const m of members.data ?? []) names.set(m.userId, m.displayName);
  const allRounds = rounds.data?.rounds ?? [];
  const round = currentRound(allRounds);
  const liveRound: LiveRound | null = round && live.round?.id === round.id ? live.round : null;

  /** Run a live request; show its refusal in the alert region (a question answered "no" in the status line). */
  const run = async <T,>(
    work: () => Promise<({ ok: true } & T) | { ok: false; message: string; code: string }>,
    done: (result: T) => string,
  ): Promise<boolean> => {
    setBusy(true);
    setAlert(null);
    try {
      const ack = await work();
      if (!ack.ok) {
        if (ack.code === NOT_CONFIRMED) setStatus(ack.message);
        else setAlert({ message: ack.message });
        return false;
      }
      setStatus(done(ack));
      return true;
    } finally {
      setBusy(false);
    }
  };

  const applyRounds = (next: Rounds) => showRounds(lab.id, sessionId, next);

  const moveOrSwap = async (action: Relocation) => {
    if (!round) return;
    setBusy(true);
    setAlert(null);
    try {
      const next =
        action.kind === 'move'
          ? await workshopApi.breakout.move(
              lab.id,
              sessionId,
              round.id,
              action.userId,
              action.roomId,
            )
          : await workshopApi.breakout.swap(lab.id, sessionId, round.id, [
              action.userId,
              action.otherId,
            ]);
      applyRounds(next);
      const who = action.personName;
      const text =
        action.kind === 'move'
          ? `${who} moved to ${action.targetName}.`
          : `${who} and ${action.targetName} swapped rooms.`;
      setStatus(text);
      dispatch({
        event: 'local:activity',
        payload: {
          roomId: action.kind === 'move' ? action.roomId : null,
          at: new Date(serverNow).toISOString(),
          kind: 'move',
          text,
        },
      });
      refreshPresence();
    } catch (error) {
      setAlert(alertFor(error));
    } finally {
      setBusy(false);
    }
  };

  const tiles = round
    ? roomTiles({
        round,
        online: live.online,
        names,
        help: live.help.map((h) => ({
          id: h.id,
          roomId: h.room.id,
          topic: h.topic,
          state: h.state,
          claimedBy: h.claimedBy,
        })),
        time: live.time
          .filter((t) => t.roundId === round.id)
          .map((t) => ({
            id: t.id,
            roomId: t.room.id,
            askedBy: t.askedBy,
          })),
        activity: live.activity,
        serverActivity: live.rooms?.round?.id === round.id ? live.rooms.rooms : undefined,
        pins: live.pins,
      })
    : [];

  return (
    <>
      {dialog}
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert ?? (rounds.isError ? alertFor(rounds.error) : null)} />
      <p className={styles.liveLink} data-state={link.state} role="status" aria-live="polite">
        <span className={styles.liveLinkDot} aria-hidden="true" /> {connectionText(link)}
        {link.state === 'refused' || link.state === 'reconnecting' ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() => connection.reconnectNow()}
          >
            Try again now
          </button>
        ) : null}
      </p>
      {/* What happens in the rooms, read out as it comes (tiles change silently otherwise). */}
      <div role="log" aria-live="polite" aria-label="Room activity" className="visually-hidden">
        {live.activity.slice(0, 3).map((a, i) => (
          <p key={`${a.at}:${i}`}>
            {[round?.rooms.find((r) => r.id === a.roomId)?.name, a.text].filter(Boolean).join(': ')}
          </p>
        ))}
      </div>
      {rounds.isPending ? <Loading what="the rounds" /> : null}
      {rounds.isSuccess && !round ? (
        <p className={feedback.notice}>
          This session has no rounds yet. Plan a rotation and adopt it on the Rotation tab.
        </p>
      ) : null}
      {round ? (
        <>
          <RoundBar
            round={round}
            rounds={allRounds}
            liveRound={liveRound}
            closing={live.closing?.roundId === round.id ? live.closing : null}
            serverNow={serverNow}
            busy={busy || link.state !== 'online'}
            onOpen={(minutes) =>
              run(
                async () => {
                  const payload = { roundId: round.id, durationSeconds: Math.round(minutes * 60) };
                  const ack = await connection.request('round:open', payload);
                  // Not the session's day in the lab: the server says which days; ask first.
                  if (ack.ok || ack.code !== 'ROUND_OUTSIDE_SESSION_DAY') return ack;
                  const yes = await confirmOtherDay({
                    title: `Open ${round.title} today?`,
                    body: <p>{ack.message}</p>,
                    confirmLabel: `Open ${round.title} now`,
                    cancelLabel: 'Keep it planned',
                  });
                  return yes
                    ? connection.request('round:open', { ...payload, confirmOtherDay: true })
                    : {
                        ok: false as const,
                        code: NOT_CONFIRMED,
                        message: `${round.title} stays planned.`,
                      };
                },
                (result) => {
                  dispatch({ event: 'round:known', payload: result.round });
                  roundsChanged();
                  return `${round.title} is open: ${result.seated} people were told their room.`;
                },
              )
            }
            onClose={(graceSeconds) =>
              run(
                () => connection.request('round:close', { roundId: round.id, graceSeconds }),
                (result) => {
                  dispatch({ event: 'round:known', payload: result.round });
                  if (result.round.state === 'closed') roundsChanged();
                  return graceSeconds > 0
                    ? `${round.title} closes in ${formatCountdown(graceSeconds)}; everyone was warned.`
                    : `${round.title} is closed.`;
                },
              )
            }
            onRecreate={(payload) =>
              run(
                () => connection.request('rooms:recreate', { roundId: round.id, ...payload }),
                (result) => {
                  roundsChanged();
                  refreshPresence();
                  return `Rooms recreated: ${result.rooms.length} rooms, ${result.seated} people seated.`;
                },
              )
            }
            onAdjust={(deltaSeconds) =>
              run(
                () => connection.request('timer:adjust', { roundId: round.id, deltaSeconds }),
                (result) => {
                  dispatch({ event: 'round:known', payload: result.round });
                  return deltaSeconds > 0
                    ? `Timer extended by ${deltaSeconds / 60} minute${deltaSeconds === 60 ? '' : 's'}.`
                    : `Timer shortened by ${-deltaSeconds / 60} minute${deltaSeconds === -60 ? '' : 's'}.`;
                },
              )
            }
          />
          <section aria-labelledby="rooms-heading">
            <h2 id="rooms-heading" className={styles.controlRoomSectionHeading}>
              Rooms of {round.title}{' '}
              <span className={`${textStyles.small} ${textStyles.muted}`}>
                {round.state === 'open'
                  ? `${tiles.reduce((n, t) => n + t.here, 0)} of ${tiles.reduce((n, t) => n + t.seated, 0)} participants in their rooms`
                  : `${tiles.reduce((n, t) => n + t.seated, 0)} participants seated`}
              </span>
            </h2>
            <ul className={styles.roomTiles}>
              {tiles.map((tile) => (
                <RoomTileCard
                  key={tile.roomId}
                  tile={tile}
                  roundState={round.state}
                  timezone={lab.timezone}
                  linkForm={
                    round.state === 'closed' ? null : (
                      <RoomVideoLinkForm
                        key={tile.ownMeetingUrl ?? ''}
                        labId={lab.id}
                        sessionId={sessionId}
                        roundId={round.id}
                        room={round.rooms.find((r) => r.id === tile.roomId)!}
                        onSaved={(next, message) => {
                          applyRounds(next);
                          setStatus(message);
                        }}
                      />
                    )
                  }
                />
              ))}
            </ul>
          </section>
          <div className={`${pageLayout.grid2} ${styles.controlRoomPanels}`}>
            <TimeRequestsCard
              requests={live.time.filter((t) => t.roundId === round.id)}
              busy={busy}
              onDecide={(request, approve) =>
                run(
                  () => connection.request('time:decide', { requestId: request.id, approve }),
                  () =>
                    approve
                      ? `${request.room.name} got 2 more minutes.`
                      : `More time for ${request.room.name} declined.`,
                )
              }
            />
            <HelpQueueCard
              requests={live.help}
              busy={busy}
              onClaim={(request) =>
                run(
                  () => connection.request('help:claim', { requestId: request.id }),
                  () => `You took the help request of ${request.room.name}.`,
                )
              }
              onResolve={(request) =>
                run(
                  () => connection.request('help:resolve', { requestId: request.id }),
                  () => `Help request of ${request.room.name} resolved.`,
                )
              }
            />
            <BroadcastCard
              round={round}
              busy={busy || link.state !== 'online'}
              onSend={(message, roomId) =>
                run(
                  () => connection.request('broadcast', roomId ? { message, roomId } : { message }),
                  () => {
                    const room = round.rooms.find((r) => r.id === roomId);
                    if (room)
                      dispatch({
                        event: 'local:activity',
                        payload: {
                          roomId: room.id,
                          at: new Date(serverNow).toISOString(),
                          kind: 'broadcast',
                          text: `Broadcast: ${message}`,
                        },
                      });
                    return room ? `Sent to ${room.name}.` : 'Sent to every room.';
                  },
                )
              }
            />
            {round.state !== 'closed' ? (
              <RelocateCard round={round} busy={busy} onRelocate={moveOrSwap} />
            ) : null}
            <PinsCard
              round={round}
              pins={live.pins}
              busy={busy || link.state !== 'online'}
              onPin={(message, roomId, forSession) =>
                run(
                  () =>
                    connection.request(
                      'pin:set',
                      roomId ? { message, roomId } : { message, forSession },
                    ),
                  (result) => {
                    dispatch({ event: 'pin:added', payload: result.pin });
                    return 'Instruction pinned.';
                  },
                )
              }
              onUnpin={(pin) =>
                run(
                  () => connection.request('pin:clear', { pinId: pin.id }),
                  (result) => {
                    dispatch({ event: 'pin:removed', payload: result.pin });
                    return 'Instruction unpinned.';
                  },
                )
              }
            />
          </div>
          <PresenceCard online={live.online} round={round} />
        </>
      ) : null}
    </>
  );
}

function RoundBar({
  round,
  rounds,
  liveRound,
  closing,
  serverNow,
  busy,
  onOpen,
  onClose,
  onAdjust,
  onRecreate,
}: {
  round: BreakoutRound;
  rounds: BreakoutRound[];
  liveRound: LiveRound | null;
  closing: { endsAt: string; graceSeconds: number } | null;
  serverNow: number;
  busy: boolean;
  onOpen: (minutes: number) => Promise<boolean>;
  onClose: (graceSeconds: number) => Promise<boolean>;
  onAdjust: (deltaSeconds: number) => Promise<boolean>;
  onRecreate: (payload: Recreate) => Promise<boolean>;
}) {
  const [minutes, setMinutes] = useState(String(round.durationMinutes));
  const [grace, setGrace] = useState('60');
  const endsAt = closing?.endsAt ?? liveRound?.endsAt ?? null;
  const left =
    round.state === 'open' ? secondsLeft({ endsAt, localNow: serverNow, offsetMs: 0 }) : null;
  const position = rounds.findIndex((r) => r.id === round.id) + 1;

  const open = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isFinite(value) || value <= 0) return;
    void onOpen(value);
  };

  return (
    <section className={cardStyles.card} aria-labelledby="round-heading">
      <div className={styles.roundBarHead}>
        <h2 id="round-heading">
          {round.title}{' '}
          <Badge tone={ROUND_TONES[round.state]}>{roundStateLabel(round.state)}</Badge>
        </h2>
        <p className={`${textStyles.small} ${textStyles.muted}`}>
          Round {position} of {rounds.length} · {round.rooms.length} rooms · planned for{' '}
          {round.durationMinutes} min
        </p>
        {round.state === 'open' ? (
          <p
            className={
              closing
                ? `${styles.roundBarClock} ${styles.roundBarClockClosing}`
                : styles.roundBarClock
            }
          >
            <span className={styles.roundBarClockLabel}>
              {closing ? 'Closing in' : 'Time left'}
            </span>{' '}
            <time data-testid="round-countdown">{left === null ? '—' : formatCountdown(left)}</time>
          </p>
        ) : null}
      </div>
      {round.state === 'planned' ? (
        <form className={styles.roundBarControls} onSubmit={open}>
          <div className={`${fieldStyles.field} ${styles.fieldInline}`}>
            <label htmlFor="open-minutes">Minutes</label>
            <input
              id="open-minutes"
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </div>
          <button type="submit" className={buttonStyles.button} disabled={busy}>
            Open {round.title}
          </button>
        </form>
      ) : null}
      {round.state === 'open' ? (
        <div className={styles.roundBarControls}>
          <ClockStepButtons
            label="Timer"
            steps={ROUND_TIMER_STEPS}
            disabled={busy}
            onStep={(seconds) => void onAdjust(seconds)}
          />
          <form
            className={styles.roundBarClose}
            onSubmit={(e) => {
              e.preventDefault();
              void onClose(Number(grace));
            }}
          >
            <div className={`${fieldStyles.field} ${styles.fieldInline}`}>
              <label htmlFor="close-grace">Close</label>
              <select id="close-grace" value={grace} onChange={(e) => setGrace(e.target.value)}>
                {GRACE_CHOICES.map((c) => (
                  <option key={c.seconds} value={c.seconds}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className={`${buttonStyles.button} ${buttonStyles.danger}`}
              disabled={busy}
            >
              Close round
            </button>
          </form>
        </div>
      ) : null}
      {round.state === 'closed' ? (
        <p className={textStyles.muted}>Every round of this session has been held.</p>
      ) : null}
      {round.state !== 'closed' ? (
        <RecreateRooms roundState={round.state} busy={busy} onRecreate={onRecreate} />
      ) : null}
    </section>
  );
}

type Recreate = { from: 'plan' } | { from: 'size'; roomSize: number; onlineOnly: boolean };

/** Rebuild the round's rooms: as the adopted plan made them (undoing moves), or anew by size. */
function RecreateRooms({
  roundState,
  busy,
  onRecreate,
}: {
  roundState: string;
  busy: boolean;
  onRecreate: (payload: Recreate) => Promise<boolean>;
}) {
  const [from, setFrom] = useState<'plan' | 'size'>('plan');
  const [size, setSize] = useState('4');
  const [onlineOnly, setOnlineOnly] = useState(true);
  const { dialog, confirm } = useConfirmDialog();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const roomSize = Number(size);
    if (from === 'size' && !(Number.isInteger(roomSize) && roomSize >= 2)) return;
    if (
      roundState === 'open' &&
      !(await confirm({
        title: 'Recreate the rooms of this open round?',
        body: (
          <p>
            Everyone in the round may change room and will be told where to go. Moves made by hand
            are undone.
          </p>
        ),
        confirmLabel: 'Recreate the rooms',
        cancelLabel: 'Keep the rooms',
        danger: true,
      }))
    )
      return;
    await onRecreate(from === 'plan' ? { from } : { from, roomSize, onlineOnly });
  };
  return (
    <details className={styles.recreate}>
      {dialog}
      <summary>Recreate rooms</summary>
      <form onSubmit={(event) => void submit(event)}>
        <fieldset className={choice.choice}>
          <legend className="visually-hidden">Recreate the rooms</legend>
          <label>
            <input
              type="radio"
              name="recreate-from"
              checked={from === 'plan'}
              onChange={() => setFrom('plan')}
            />
            As the adopted plan made them (undo moves)
          </label>
          <label>
            <input
              type="radio"
              name="recreate-from"
              checked={from === 'size'}
              onChange={() => setFrom('size')}
            />
            New rooms by size, for new encounters
          </label>
        </fieldset>
        {from === 'size' ? (
          <div className={styles.roundBarControls}>
            <div className={`${fieldStyles.field} ${styles.fieldInline}`}>
              <label htmlFor="recreate-size">People per room</label>
              <input
                id="recreate-size"
                inputMode="numeric"
                value={size}
                onChange={(e) => setSize(e.target.value)}
              />
            </div>
            <div className={fieldStyles.checkbox}>
              <input
                id="recreate-online"
                type="checkbox"
                checked={onlineOnly}
                onChange={(e) => setOnlineOnly(e.target.checked)}
              />
              <label htmlFor="recreate-online">Only people connected now</label>
            </div>
          </div>
        ) : null}
        <button
          type="submit"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={busy}
        >
          Recreate rooms
        </button>
      </form>
    </details>
  );
}

function RoomTileCard({
  tile,
  roundState,
  timezone,
  linkForm,
}: {
  tile: RoomTile;
  roundState: string;
  timezone: string;
  /** Where an organiser sets the room's own video link (not in a closed round). */
  linkForm: ReactNode;
}) {
  const headingId = `tile-${tile.roomId}`;
  return (
    <li className={styles.roomTile} data-attention={tile.attention} aria-labelledby={headingId}>
      <div className={styles.roomTileHead}>
        <h3 id={headingId}>{tile.name}</h3>
        <p className={styles.roomTileCount} data-testid="room-occupancy">
          {roundState === 'open' ? `${tile.here} of ${tile.seated} here` : `${tile.seated} seated`}
        </p>
      </div>
      {tile.help ? (
        <p className={`${styles.roomTileFlag} ${styles.roomTileFlagHelp}`}>
          Needs help: {tile.help.topic}
          {tile.help.claimedBy ? ` (${tile.help.claimedBy.displayName} is on it)` : ''}
        </p>
      ) : null}
      {tile.time ? (
        <p className={`${styles.roomTileFlag} ${styles.roomTileFlagTime}`}>
          Asks for 2 more minutes
        </p>
      ) : null}
      <p className={`${textStyles.small} ${styles.roomTileMentor}`}>
        {tile.mentor ? (
          <>
            Mentor: {tile.mentor.displayName}{' '}
            {roundState === 'open' ? (
              <span
                className={
                  tile.mentor.here ? `${styles.presence} ${styles.presenceHere}` : styles.presence
                }
              >
                {tile.mentor.here ? 'in the room' : 'not in the room'}
              </span>
            ) : null}
          </>
        ) : (
          <span className={textStyles.muted}>No mentor</span>
        )}
      </p>
      <ul className={styles.roomTilePeople} aria-label={`People in ${tile.name}`}>
        {tile.seats.map((seat) => (
          <li
            key={seat.userId}
            className={seat.here ? `${styles.presence} ${styles.presenceHere}` : styles.presence}
          >
            {seat.displayName}
            {roundState === 'open' ? (
              <span className="visually-hidden">
                {seat.here ? ', in the room' : ', not connected'}
              </span>
            ) : null}
          </li>
        ))}
        {tile.seats.length === 0 ? <li className={textStyles.muted}>Nobody seated</li> : null}
      </ul>
      {tile.visitors.length > 0 ? (
        <p className={textStyles.small}>
          Visiting: {tile.visitors.map((v) => v.displayName).join(', ')}
        </p>
      ) : null}
      {tile.messages !== null ? (
        <p className={`${textStyles.small} ${textStyles.muted}`}>
          {tile.messages === 0
            ? 'No chat yet'
            : `${tile.messages} chat message${tile.messages === 1 ? '' : 's'}`}
          {tile.lastMessageAt ? `, last at ${clockTime(tile.lastMessageAt, timezone)}` : ''}
        </p>
      ) : null}
      {tile.pins.map((pin) => (
        <p key={pin.id} className={`${textStyles.small} ${styles.roomTilePin}`}>
          <span aria-hidden="true">📌 </span>
          <span className="visually-hidden">Pinned here: </span>
          {pin.message}
        </p>
      ))}
      {tile.meetingUrl ? (
        <p className={textStyles.small}>
          <a href={tile.meetingUrl} target="_blank" rel="noreferrer">
            Video call <span className="visually-hidden">of {tile.name}</span>
          </a>
          {tile.ownMeetingUrl ? null : <span className={textStyles.muted}> (lab template)</span>}
        </p>
      ) : (
        <p className={`${textStyles.small} ${textStyles.muted}`}>No video link</p>
      )}
      {linkForm ? (
        <details>
          <summary>
            Set video link<span className="visually-hidden"> of {tile.name}</span>
          </summary>
          {linkForm}
        </details>
      ) : null}
      {tile.recent.length > 0 ? (
        <ul
          className={`${styles.roomTileActivity} ${textStyles.small}`}
          aria-label={`Latest in ${tile.name}`}
        >
          {tile.recent.map((a, i) => (
            <li key={`${a.at}:${i}`}>{a.text}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

function PinsCard({
  round,
  pins,
  busy,
  onPin,
  onUnpin,
}: {
  round: BreakoutRound;
  pins: PinnedInstruction[];
  busy: boolean;
  onPin: (message: string, roomId: string | null, forSession: boolean) => Promise<boolean>;
  onUnpin: (pin: PinnedInstruction) => Promise<boolean>;
}) {
  const [message, setMessage] = useState('');
  const [target, setTarget] = useState('');
  const [forSession, setForSession] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roomName = new Map(round.rooms.map((r) => [r.id, r.name]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) {
      setError('Write the instruction first.');
      return;
    }
    setError(null);
    void onPin(message.trim(), target || null, !target && forSession).then(
      (done) => done && setMessage(''),
    );
  };
  return (
    <section className={cardStyles.card} aria-labelledby="pins-heading">
      <h2 id="pins-heading">Pinned instructions</h2>
      {pins.length === 0 ? <p className={textStyles.muted}>Nothing pinned.</p> : null}
      <ul className={styles.requestList}>
        {pins.map((pin) => (
          <li key={pin.id}>
            <p>
              <strong>{pin.roomId ? (roomName.get(pin.roomId) ?? 'A room') : 'Every room'}</strong>:{' '}
              {pin.message}{' '}
              <span className={`${textStyles.small} ${textStyles.muted}`}>
                {pin.forSession ? '(the whole session)' : '(until the next round opens)'}
              </span>
            </p>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              disabled={busy}
              onClick={() => void onUnpin(pin)}
            >
              Unpin <span className="visually-hidden">{pin.message}</span>
            </button>
          </li>
        ))}
      </ul>
      {round.state === 'open' ? (
        <form onSubmit={submit} noValidate>
          <TextField
            id="pin-message"
            label="Instruction"
            maxLength={500}
            value={message}
            error={error ?? undefined}
            onChange={(e) => setMessage(e.target.value)}
          />
          <RoomTargetField
            id="pin-target"
            label="For"
            round={round}
            value={target}
            onChange={setTarget}
          />
          {target ? (
            <p className={`${textStyles.small} ${textStyles.muted}`}>
              A room’s pin goes when the next round opens.
            </p>
          ) : (
            <div className={fieldStyles.checkbox}>
              <input
                id="pin-for-session"
                type="checkbox"
                checked={forSession}
                onChange={(e) => setForSession(e.target.checked)}
              />
              <label htmlFor="pin-for-session">
                Keep it for the whole session (otherwise it goes when the next round opens)
              </label>
            </div>
          )}
          <button type="submit" className={buttonStyles.button} disabled={busy}>
            Pin
          </button>
        </form>
      ) : (
        <p className={`${textStyles.small} ${textStyles.muted}`}>
          Instructions can be pinned while a round is open.
        </p>
      )}
    </section>
  );
}

function TimeRequestsCard({
  requests,
  busy,
  onDecide,
}: {
  requests: TimeRequest[];
  busy: boolean;
  onDecide: (request: TimeRequest, approve: boolean) => Promise<boolean>;
}) {
  return (
    <section className={cardStyles.card} aria-labelledby="time-heading">
      <h2 id="time-heading">Requests for more time</h2>
      {requests.length === 0 ? (
        <p className={textStyles.muted}>No room is asking for more time.</p>
      ) : null}
      <ul className={styles.requestList}>
        {requests.map((request) => (
          <li key={request.id}>
            <p>
              <strong>{request.room.name}</strong>: {request.askedBy.displayName} asks for{' '}
              {Math.round(request.extraSeconds / 60)} more minutes.
            </p>
            <div className={actionStyles.buttonRow}>
              <button
                type="button"
                className={buttonStyles.button}
                disabled={busy}
                onClick={() => void onDecide(request, true)}
              >
                Approve <span className="visually-hidden">for {request.room.name}</span>
              </button>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                disabled={busy}
                onClick={() => void onDecide(request, false)}
              >
                Decline <span className="visually-hidden">for {request.room.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function HelpQueueCard({
  requests,
  busy,
  onClaim,
  onResolve,
}: {
  requests: HelpRequest[];
  busy: boolean;
  onClaim: (request: HelpRequest) => Promise<boolean>;
  onResolve: (request: HelpRequest) => Promise<boolean>;
}) {
  return (
    <section className={cardStyles.card} aria-labelledby="help-heading">
      <h2 id="help-heading">Help requests</h2>
      {requests.length === 0 ? (
        <p className={textStyles.muted}>No room is waiting for help.</p>
      ) : null}
      <ul className={styles.requestList}>
        {requests.map((request) => (
          <li key={request.id}>
            <p>
              <strong>{request.room.name}</strong>: {request.topic}{' '}
              <span className={`${textStyles.small} ${textStyles.muted}`}>
                (asked by {request.askedBy.displayName})
              </span>
            </p>
            <p className={textStyles.small}>
              {request.state === 'claimed' && request.claimedBy
                ? `${request.claimedBy.displayName} is on it.`
                : request.routedTo
                  ? `Sent to ${request.routedTo.displayName}, waiting.`
                  : 'No mentor was free: every mentor sees it.'}
            </p>
            <div className={actionStyles.buttonRow}>
              {request.state === 'waiting' ? (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                  disabled={busy}
                  onClick={() => void onClaim(request)}
                >
                  Take it <span className="visually-hidden">: {request.room.name}</span>
                </button>
              ) : null}
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                disabled={busy}
                onClick={() => void onResolve(request)}
              >
                Mark resolved <span className="visually-hidden">: {request.room.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BroadcastCard({
  round,
  busy,
  onSend,
}: {
  round: BreakoutRound;
  busy: boolean;
  onSend: (message: string, roomId: string | null) => Promise<boolean>;
}) {
  const [message, setMessage] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) {
      setError('Write the message first.');
      field.current?.focus();
      return;
    }
    setError(null);
    void onSend(message.trim(), target || null).then((sent) => sent && setMessage(''));
  };
  return (
    <section className={cardStyles.card} aria-labelledby="broadcast-heading">
      <h2 id="broadcast-heading">Broadcast</h2>
      <form onSubmit={submit} noValidate>
        <FieldFrame id="broadcast-message" label="Message" error={error ?? undefined}>
          {(control) => (
            <textarea
              ref={field}
              rows={2}
              maxLength={1000}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              {...control}
            />
          )}
        </FieldFrame>
        <RoomTargetField
          id="broadcast-target"
          label="To"
          round={round}
          value={target}
          onChange={setTarget}
        />
        <button type="submit" className={buttonStyles.button} disabled={busy}>
          Send broadcast
        </button>
      </form>
    </section>
  );
}

type Relocation =
  | { kind: 'move'; userId: string; personName: string; roomId: string; targetName: string }
  | { kind: 'swap'; userId: string; personName: string; otherId: string; targetName: string };

function RelocateCard({
  round,
  busy,
  onRelocate,
}: {
  round: BreakoutRound;
  busy: boolean;
  onRelocate: (action: Relocation) => Promise<void>;
}) {
  const people = round.rooms.flatMap((room) =>
    (room.participants ?? [])
      .filter((p) => p.userId !== room.mentorId)
      .map((p) => ({ ...p, roomId: room.id, roomName: room.name })),
  );
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<'move' | 'swap'>('move');
  const [target, setTarget] = useState('');
  const person = people.find((p) => p.userId === userId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person || !target) return;
    if (kind === 'move') {
      const room = round.rooms.find((r) => r.id === target);
      if (room)
        void onRelocate({
          kind,
          userId,
          personName: person.displayName,
          roomId: room.id,
          targetName: room.name,
        });
    } else {
      const other = people.find((p) => p.userId === target);
      if (other)
        void onRelocate({
          kind,
          userId,
          personName: person.displayName,
          otherId: other.userId,
          targetName: other.displayName,
        });
    }
    setTarget('');
  };
  return (
    <section className={cardStyles.card} aria-labelledby="relocate-heading">
      <h2 id="relocate-heading">Move people</h2>
      <form onSubmit={submit}>
        <div className={fieldStyles.field}>
          <label htmlFor="relocate-person">Who</label>
          <select
            id="relocate-person"
            value={userId}
            onChange={(e) => {
              setUserId(e.target.value);
              setTarget('');
            }}
          >
            <option value="">Choose a participant</option>
            {round.rooms.map((room) => (
              <optgroup key={room.id} label={room.name}>
                {people
                  .filter((p) => p.roomId === room.id)
                  .map((p) => (
                    <option key={p.userId} value={p.userId}>
                      {p.displayName}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <fieldset className={`${choice.choice} ${styles.choiceInline}`}>
          <legend className="visually-hidden">How</legend>
          <label>
            <input
              type="radio"
              name="relocate-kind"
              checked={kind === 'move'}
              onChange={() => {
                setKind('move');
                setTarget('');
              }}
            />
            Move to a room
          </label>
          <label>
            <input
              type="radio"
              name="relocate-kind"
              checked={kind === 'swap'}
              onChange={() => {
                setKind('swap');
                setTarget('');
              }}
            />
            Swap with someone
          </label>
        </fieldset>
        <div className={fieldStyles.field}>
          <label htmlFor="relocate-target">{kind === 'move' ? 'To room' : 'Swap with'}</label>
          <select
            id="relocate-target"
            value={target}
            disabled={!person}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">{kind === 'move' ? 'Choose a room' : 'Choose a participant'}</option>
            {kind === 'move'
              ? round.rooms
                  .filter((r) => r.id !== person?.roomId)
                  .map((room) => (
                    <option key={room.id} value={room.id}>
                      {room.name}
                    </option>
                  ))
              : people
                  .filter((p) => p.roomId !== person?.roomId)
                  .map((p) => (
                    <option key={p.userId} value={p.userId}>
                      {p.displayName} ({p.roomName})
                    </option>
                  ))}
          </select>
        </div>
        <button type="submit" className={buttonStyles.button} disabled={busy || !person || !target}>
          {kind === 'move' ? 'Move' : 'Swap'}
        </button>
      </form>
    </section>
  );
}

function PresenceCard({
  online,
  round,
}: {
  online: {
    userId: string;
    displayName: string;
    roles: readonly string[];
    roomIds: readonly string[];
  }[];
  round: BreakoutRound;
}) {
  const roomName = new Map(round.rooms.map((r) => [r.id, r.name]));
  const where = (roomIds: readonly string[]) => {
    const here = roomIds.map((id) => roomName.get(id)).filter(Boolean);
    return here.length > 0 ? here.join(', ') : 'not in a room';
  };
  const groups: { title: string; role: string }[] = [
    { title: 'Mentors', role: 'mentor' },
    { title: 'Participants', role: 'participant' },
    { title: 'Organisers', role: 'organiser' },
  ];
  return (
    <section className={cardStyles.card} aria-labelledby="presence-heading">
      <h2 id="presence-heading">Who is online ({online.length})</h2>
      <div className={pageLayout.grid3}>
        {groups.map(({ title, role }) => {
          const list = online.filter((p) => p.roles.includes(role));
          return (
            <section key={role} aria-label={`${title} online`}>
              <h3>
                {title} ({list.length})
              </h3>
              {list.length === 0 ? (
                <p className={`${textStyles.muted} ${textStyles.small}`}>Nobody.</p>
              ) : null}
              <ul className={`${styles.presenceList} ${textStyles.small}`}>
                {list.map((p) => (
                  <li key={p.userId}>
                    {p.displayName} <span className={textStyles.muted}>· {where(p.roomIds)}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** Every room of the round, or one of them: the target of a pin or a broadcast. */
function RoomTargetField({
  id,
  label,
  round,
  value,
  onChange,
}: {
  id: string;
  label: string;
  round: BreakoutRound;
  value: string;
  onChange: (roomId: string) => void;
}) {
  return (
    <SelectField id={id} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Every room</option>
      {round.rooms.map((room) => (
        <option key={room.id} value={room.id}>
          {room.name} only
        </option>
      ))}
    </SelectField>
  );
}
