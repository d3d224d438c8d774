import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { ClockStepButtons } from '../../components/clock-step-buttons';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { formatCountdown } from '../live/live-clock';
import { useServerNow } from '../live/use-live-connection';
import { pitchCommands, pitchesChanged, pitchQueries, type PitchSession } from './api';
import { describeClockMove, secondsUntil } from './pitch-format';
import { PhaseClock } from './phase-clock';
import { usePitchesLive } from './use-pitches-live';
import styles from './pitches.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';

/**
 * What a chair needs to move the clock: a minute either way. A pitch runs 3–10 minutes, so 30 s
 * steps would mean twice the clicks for the same fix at a live event (a projector that failed,
 * a late start, catching up the schedule), and +5 min is rather a new running order.
 */
const CLOCK_STEPS = [-60, 60];

/**
 * The control room's pitch panel (organisers): who is on stage, the pitch clock then the
 * question clock (the server's; they move on by themselves), −1 / +1 min on the running clock,
 * and start, "questions now", "close the pitch", next team and end. Each click names what the
 * organiser saw, so a click after the clock (or another organiser) moved is refused, not applied
 * to the next phase or on top of a move the organiser has not seen.
 */
export function PitchStagePanel({ labId, sessionId }: { labId: string; sessionId: string }) {
  const connection = usePitchesLive(labId);
  const serverNow = useServerNow(connection, 250);
  const session = useQuery(pitchQueries.session(labId, sessionId));
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  if (session.isPending) return <Loading what="the pitch session" />;
  if (session.isError) return <ErrorAlert alert={alertFor(session.error)} />;
  const s = session.data;
  const current = s.slots.find((slot) => slot.id === s.currentSlotId) ?? null;
  const following = s.slots.find((slot) => slot.phase === 'waiting') ?? null;

  const act = async (work: () => Promise<PitchSession>, done: (next: PitchSession) => string) => {
    setBusy(true);
    setAlert(null);
    try {
      setStatus(done(await work()));
    } catch (error) {
      setAlert(alertFor(error));
      // The stage moved under the click: show it as it is now (the live notice may be on its way).
      if (isApiError(error) && error.status === 409) void pitchesChanged(labId);
    } finally {
      setBusy(false);
    }
  };
  const onStage = (next: PitchSession) =>
    next.slots.find((slot) => slot.id === next.currentSlotId)?.teamName ?? 'Nobody';
  const runningPhase =
    s.state === 'running' && (current?.phase === 'pitch' || current?.phase === 'questions')
      ? current.phase
      : null;
  const moveClock = (deltaSeconds: number) => {
    if (!current || !runningPhase) return;
    const stage = runningPhase === 'pitch' ? 'pitch' : 'questions';
    void act(
      () =>
        pitchCommands.clock(labId, sessionId, {
          slotId: current.id,
          phase: runningPhase,
          clockVersion: current.clockVersion,
          deltaSeconds,
        }),
      (next) => {
        const slot = next.slots.find((x) => x.id === current.id);
        const now = secondsUntil(slot?.phaseEndsAt ?? null, Date.parse(next.serverNow));
        return `${current.teamName}'s ${stage}: ${describeClockMove(deltaSeconds)}${now !== null ? `, ${formatCountdown(now)} left` : ''}.`;
      },
    );
  };

  return (
    <section
      className={`${cardStyles.card} ${styles.stage}`}
      aria-labelledby={`stage-${sessionId}`}
    >
      <h3 id={`stage-${sessionId}`}>Pitches: {s.title}</h3>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      {s.state === 'scheduled' ? (
        <p>
          {s.slots.length === 0
            ? 'No teams in the running order yet: set it on the Pitches tab.'
            : `${s.slots.length} teams are ready; ${s.slots[0].teamName} pitches first.`}
        </p>
      ) : null}
      {current ? (
        <div className={styles.onStage} data-testid="pitch-on-stage">
          <p className={styles.team}>{current.teamName}</p>
          <PhaseClock slot={current} serverNow={serverNow} />
          {runningPhase ? (
            <ClockStepButtons
              className={styles.clockButtons}
              label={`Move ${current.teamName}'s ${runningPhase === 'pitch' ? 'pitch' : 'question'} clock`}
              steps={CLOCK_STEPS}
              disabled={busy}
              onStep={moveClock}
            />
          ) : null}
        </div>
      ) : null}
      {s.state !== 'ended' && following ? (
        <p className={styles.next}>
          Next: <strong>{following.teamName}</strong>
        </p>
      ) : null}
      <div className={actionStyles.buttonRow}>
        {s.state === 'scheduled' ? (
          <button
            type="button"
            className={buttonStyles.button}
            disabled={busy || s.slots.length === 0}
            onClick={() =>
              act(
                () => pitchCommands.start(labId, sessionId),
                (next) => `The pitches have started: ${onStage(next)} is on.`,
              )
            }
          >
            Start the pitches
          </button>
        ) : null}
        {s.state === 'running' && current && current.phase === 'pitch' ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={busy}
            onClick={() =>
              act(
                () => pitchCommands.advance(labId, sessionId, current.id, 'pitch'),
                () =>
                  current.questionSeconds > 0
                    ? `Questions to ${current.teamName}.`
                    : `${current.teamName}'s pitch is closed.`,
              )
            }
          >
            {current.questionSeconds > 0 ? 'Questions now' : 'Close this pitch'}
          </button>
        ) : null}
        {s.state === 'running' && current && current.phase === 'questions' ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={busy}
            onClick={() =>
              act(
                () => pitchCommands.advance(labId, sessionId, current.id, 'questions'),
                () => `${current.teamName}'s pitch is closed; scores are locked.`,
              )
            }
          >
            End questions
          </button>
        ) : null}
        {s.state === 'running' && following ? (
          <button
            type="button"
            className={buttonStyles.button}
            disabled={busy}
            onClick={() =>
              act(
                () => pitchCommands.next(labId, sessionId, s.currentSlotId),
                (next) => `${onStage(next)} is on.`,
              )
            }
          >
            Next team: {following.teamName}
          </button>
        ) : null}
        {s.state === 'running' ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            disabled={busy}
            onClick={async () => {
              const ok = await confirm({
                title: 'End the pitch session?',
                body:
                  following !== null
                    ? `${s.slots.filter((x) => x.phase === 'waiting').length} teams have not pitched yet. Ending closes the session for good; the team on stage is closed and its scores lock.`
                    : 'The team on stage is closed and its scores lock. This cannot be undone.',
                confirmLabel: 'End the session',
                cancelLabel: 'Keep it running',
              });
              if (ok)
                await act(
                  () => pitchCommands.end(labId, sessionId),
                  () => 'The pitch session has ended.',
                );
            }}
          >
            End the session
          </button>
        ) : null}
      </div>
      {s.state === 'ended' ? <p>This pitch session has ended.</p> : null}
      {dialog}
    </section>
  );
}

/**
 * The pitch part of the control room: the session running now, else the next one not ended
 * (nothing when the agenda has no pitch session).
 */
export function ControlRoomPitches({ labId }: { labId: string }) {
  const sessions = useQuery(pitchQueries.sessions(labId));
  const chosen =
    sessions.data?.find((s) => s.state === 'running') ??
    sessions.data?.find((s) => s.state === 'scheduled' && s.slots.length > 0) ??
    null;
  return chosen ? <PitchStagePanel labId={labId} sessionId={chosen.sessionId} /> : null;
}
