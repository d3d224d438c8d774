import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField } from '../../components/form-fields';
import { useUser } from '../../components/session';
import { canOrganise, rolesIn } from '../../lib/roles';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { useServerNow } from '../live/use-live-connection';
import {
  pitchCommands,
  pitchesChanged,
  pitchQueries,
  type MentorPitchScoring,
  type PitchCriterion,
  type PitchSession,
} from './api';
import { formatDuration, PHASE_LABELS } from './pitch-format';
import { PhaseClock } from './phase-clock';
import { PitchStagePanel } from './pitch-stage-panel';
import { usePitchesLive } from './use-pitches-live';
import styles from './pitches.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import { TableScroll } from '../../components/table-scroll';

/**
 * The Pitches tab: organisers set the running order and times, run the stage and read the
 * score table (releasing comments to teams); mentors score each pitch from a phone; participants
 * read the comments released to their team.
 */
export function PitchesPage() {
  const { lab } = useLab();
  const user = useUser();
  const organiser = canOrganise(user, lab.id);
  const roles = rolesIn(user, lab.id);
  const sessions = useQuery(pitchQueries.sessions(lab.id));
  const [chosen, setChosen] = useState<string | null>(null);

  if (sessions.isPending) return <Loading what="the pitch sessions" />;
  if (sessions.isError) return <ErrorAlert alert={alertFor(sessions.error)} />;
  if (sessions.data.length === 0)
    return (
      <section className={cardStyles.card}>
        <h2>Pitches</h2>
        <p className={feedback.notice}>
          No pitch session on the agenda yet.
          {organiser ? ' Add a session of kind “Pitch” on the Agenda tab.' : ''}
        </p>
      </section>
    );
  const running = sessions.data.find((s) => s.state === 'running');
  const sessionId = chosen ?? running?.sessionId ?? sessions.data[0].sessionId;

  return (
    <div className={pageLayout.stackLg}>
      <section className={cardStyles.card}>
        <h2>Pitches</h2>
        {sessions.data.length > 1 ? (
          <SelectField
            id="pitch-session"
            label="Pitch session"
            value={sessionId}
            onChange={(e) => setChosen(e.target.value)}
          >
            {sessions.data.map((s) => (
              <option key={s.sessionId} value={s.sessionId}>
                {s.title}
              </option>
            ))}
          </SelectField>
        ) : null}
      </section>
      {organiser ? (
        <>
          <PitchStagePanel labId={lab.id} sessionId={sessionId} />
          <RunningOrderEditor labId={lab.id} sessionId={sessionId} />
          <ScoreTable labId={lab.id} sessionId={sessionId} />
        </>
      ) : null}
      {roles.includes('mentor') ? <MentorScoring labId={lab.id} sessionId={sessionId} /> : null}
      {roles.includes('participant') ? (
        <>
          <StageNow labId={lab.id} sessionId={sessionId} />
          <TeamFeedback labId={lab.id} sessionId={sessionId} />
        </>
      ) : null}
    </div>
  );
}

// ---- running order (organisers) ------------------------------------------------------------

interface OrderRow {
  teamId: string;
  teamName: string;
  pitchMinutes: number;
  questionMinutes: number;
  started: boolean;
}

const rowsOf = (session: PitchSession): OrderRow[] =>
  session.slots.map((s) => ({
    teamId: s.teamId,
    teamName: s.teamName,
    pitchMinutes: s.pitchSeconds / 60,
    questionMinutes: s.questionSeconds / 60,
    started: s.phase !== 'waiting',
  }));

function RunningOrderEditor({ labId, sessionId }: { labId: string; sessionId: string }) {
  const session = useQuery(pitchQueries.session(labId, sessionId));
  const teams = useQuery(pitchQueries.teams(labId));
  const [loads, setLoads] = useState(0);
  if (session.isPending || teams.isPending) return <Loading what="the running order" />;
  if (session.isError) return <ErrorAlert alert={alertFor(session.error)} />;
  return (
    <OrderForm
      key={loads}
      labId={labId}
      sessionId={sessionId}
      session={session.data}
      teams={teams.data ?? []}
      onReload={() => setLoads((n) => n + 1)}
    />
  );
}

/** The organiser's edits of the order, kept until they save or load the server's version. */
function OrderForm({
  labId,
  sessionId,
  session: s,
  teams,
  onReload,
}: {
  labId: string;
  sessionId: string;
  session: PitchSession;
  teams: { id: string; name: string }[];
  onReload: () => void;
}) {
  const [rows, setRows] = useState<OrderRow[]>(() => rowsOf(s));
  const [base, setBase] = useState<number>(s.version);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState('');

  const outside = teams.filter((t) => !rows.some((r) => r.teamId === t.id));
  const stale = base !== s.version;
  // Whether a team has pitched comes from the stage now, not from when the form was loaded.
  const started = new Set(s.slots.filter((x) => x.phase !== 'waiting').map((x) => x.teamId));

  const move = (i: number, by: -1 | 1) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(i, 1);
      next.splice(i + by, 0, row);
      return next;
    });
  const change = (i: number, patch: Partial<OrderRow>) =>
    setRows((current) => current.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    setBusy(true);
    setAlert(null);
    try {
      const saved = await pitchCommands.saveOrder(labId, sessionId, {
        version: base,
        slots: rows.map((r) => ({
          teamId: r.teamId,
          pitchSeconds: Math.round(r.pitchMinutes * 60),
          questionSeconds: Math.round(r.questionMinutes * 60),
        })),
      });
      setRows(rowsOf(saved));
      setBase(saved.version);
      setStatus(`Running order saved: ${saved.slots.length} teams.`);
    } catch (error) {
      setAlert(alertFor(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={cardStyles.card} aria-labelledby="order-heading">
      <h3 id="order-heading">Running order</h3>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      {stale ? (
        <p className={feedback.notice}>
          Someone else changed this running order.{' '}
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={onReload}
          >
            Load their version
          </button>
        </p>
      ) : null}
      {rows.length === 0 ? <p className={styles.muted}>No teams yet: add them below.</p> : null}
      <ol className={styles.order} aria-label="Teams in pitching order">
        {rows.map((row, i) => (
          <li key={row.teamId} className={styles.orderItem}>
            <strong>
              {i + 1}. {row.teamName}
            </strong>
            <div className={styles.orderTimes}>
              <label>
                Pitch (minutes){' '}
                <input
                  type="number"
                  min={0.5}
                  max={60}
                  step={0.5}
                  value={row.pitchMinutes}
                  disabled={started.has(row.teamId) || s.state === 'ended'}
                  onChange={(e) => change(i, { pitchMinutes: Number(e.target.value) })}
                  aria-label={`Pitch minutes for ${row.teamName}`}
                />
              </label>
              <label>
                Questions (minutes){' '}
                <input
                  type="number"
                  min={0}
                  max={60}
                  step={0.5}
                  value={row.questionMinutes}
                  disabled={started.has(row.teamId) || s.state === 'ended'}
                  onChange={(e) => change(i, { questionMinutes: Number(e.target.value) })}
                  aria-label={`Question minutes for ${row.teamName}`}
                />
              </label>
              <span className={actionStyles.buttonRow}>
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${row.teamName} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${row.teamName} down`}
                >
                  ↓
                </button>
                {started.has(row.teamId) ? null : (
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    aria-label={`Take ${row.teamName} out`}
                  >
                    Remove
                  </button>
                )}
              </span>
            </div>
          </li>
        ))}
      </ol>
      {outside.length > 0 && s.state !== 'ended' ? (
        <div className={actionStyles.buttonRow}>
          <SelectField
            id="pitch-add-team"
            label="Add a team"
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
          >
            <option value="">Choose a team…</option>
            {outside.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={!adding}
            onClick={() => {
              const team = outside.find((t) => t.id === adding);
              if (!team) return;
              setRows([
                ...rows,
                {
                  teamId: team.id,
                  teamName: team.name,
                  pitchMinutes: 5,
                  questionMinutes: 3,
                  started: false,
                },
              ]);
              setAdding('');
            }}
          >
            Add to the order
          </button>
        </div>
      ) : null}
      {s.state !== 'ended' ? (
        <div className={actionStyles.buttonRow}>
          <button type="button" className={buttonStyles.button} disabled={busy} onClick={save}>
            Save the running order
          </button>
        </div>
      ) : null}
    </section>
  );
}

// ---- score table (organisers) ---------------------------------------------------------------

const percent = (mean: number | null) => (mean === null ? '—' : `${Math.round(mean * 100)} %`);

function ScoreTable({ labId, sessionId }: { labId: string; sessionId: string }) {
  const table = useQuery(pitchQueries.table(labId, sessionId));
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  if (table.isPending) return <Loading what="the scores" />;
  if (table.isError) return <ErrorAlert alert={alertFor(table.error)} />;
  const t = table.data;
  const release = async (scoreId: string, released: boolean, team: string) => {
    setAlert(null);
    try {
      await pitchCommands.release(labId, sessionId, scoreId, released);
      setStatus(released ? `Comment released to ${team}.` : `Comment withdrawn from ${team}.`);
    } catch (error) {
      setAlert(alertFor(error));
    }
  };
  return (
    <section className={cardStyles.card} aria-labelledby="scores-heading">
      <h3 id="scores-heading">Scores</h3>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      <TableScroll>
        <table aria-label="Pitch scores by team">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Mentors</th>
              <th scope="col">Score</th>
              {t.criteria.map((c) => (
                <th key={c.id} scope="col">
                  {c.label} ({c.scale.min}–{c.scale.max})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.teams.map((team) => (
              <tr key={team.slot.id}>
                <th scope="row">
                  {team.slot.teamName}{' '}
                  <span className={styles.muted}>({PHASE_LABELS[team.slot.phase]})</span>
                </th>
                <td>{team.n}</td>
                <td>{percent(team.mean)}</td>
                {team.criteria.map((c) => (
                  <td key={c.criterionId}>{c.mean === null ? '—' : c.mean.toFixed(1)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {t.teams.map((team) =>
        team.scores.length === 0 ? null : (
          <details key={team.slot.id}>
            <summary>
              {team.slot.teamName}: {team.scores.length} mentor
              {team.scores.length === 1 ? '' : 's'}
            </summary>
            <ul className={styles.comments}>
              {team.scores.map((score) => (
                <li key={score.id}>
                  <strong>{score.mentor.displayName}</strong>{' '}
                  <span className={styles.muted}>
                    {t.criteria.map((c) => `${c.label} ${score.scores[c.id] ?? '—'}`).join(' · ')}
                    {score.locked ? ' · locked' : ' · draft'}
                  </span>
                  {score.commentToTeam ? <p>To the team: {score.commentToTeam}</p> : null}
                  {score.privateNote ? <p>Private note: {score.privateNote}</p> : null}
                  {score.locked && score.commentToTeam ? (
                    <button
                      type="button"
                      className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                      onClick={() =>
                        release(score.id, score.releasedAt === null, team.slot.teamName)
                      }
                    >
                      {score.releasedAt === null
                        ? `Release ${score.mentor.displayName}'s comment to ${team.slot.teamName}`
                        : `Withdraw ${score.mentor.displayName}'s comment`}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
        ),
      )}
    </section>
  );
}

// ---- mentor scoring (phones) ------------------------------------------------------------------

function MentorScoring({ labId, sessionId }: { labId: string; sessionId: string }) {
  const connection = usePitchesLive(labId);
  const serverNow = useServerNow(connection, 500);
  const mine = useQuery(pitchQueries.mine(labId, sessionId));
  const [picked, setPicked] = useState<string | null>(null);
  // Kept here, not in the form: a save changes the score's version, which remounts the form
  // (it is keyed by it), and the confirmation must outlive that.
  const [saved, setSaved] = useState<{ slotId: string; text: string } | null>(null);
  if (mine.isPending) return <Loading what="your scoring sheet" />;
  if (mine.isError) return <ErrorAlert alert={alertFor(mine.error)} />;
  const m = mine.data;
  if (m.slots.length === 0)
    return (
      <section className={cardStyles.card}>
        <h3>Score the pitches</h3>
        <p className={styles.muted}>The running order is not set yet.</p>
      </section>
    );
  const slotId = picked ?? m.currentSlotId ?? m.slots[0].slot.id;
  const entry = m.slots.find((s) => s.slot.id === slotId) ?? m.slots[0];
  return (
    <section className={cardStyles.card} aria-labelledby="score-heading">
      <h3 id="score-heading">Score the pitches</h3>
      <SelectField
        id="pitch-score-team"
        label="Team"
        value={entry.slot.id}
        onChange={(e) => setPicked(e.target.value)}
      >
        {m.slots.map((s) => (
          <option key={s.slot.id} value={s.slot.id}>
            {s.slot.position}. {s.slot.teamName} — {PHASE_LABELS[s.slot.phase]}
            {s.slot.id === m.currentSlotId ? ' (on stage)' : ''}
          </option>
        ))}
      </SelectField>
      <PhaseClock
        slot={entry.slot}
        serverNow={serverNow}
        idle={
          <span className={styles.muted}>
            {formatDuration(entry.slot.pitchSeconds)} pitch,{' '}
            {formatDuration(entry.slot.questionSeconds)} questions
          </span>
        }
      />
      {entry.conflict ? (
        <p className={feedback.notice}>
          You cannot score {entry.slot.teamName}: {entry.conflict}.
        </p>
      ) : (
        <>
          <StatusMessage>{saved?.slotId === entry.slot.id ? saved.text : null}</StatusMessage>
          <ScoreForm
            key={`${entry.slot.id}:${entry.myScore?.version ?? 0}`}
            labId={labId}
            sessionId={sessionId}
            criteria={m.criteria}
            entry={entry}
            onSaved={(text) => setSaved(text ? { slotId: entry.slot.id, text } : null)}
          />
        </>
      )}
    </section>
  );
}

function ScoreForm({
  labId,
  sessionId,
  criteria,
  entry,
  onSaved,
}: {
  labId: string;
  sessionId: string;
  criteria: PitchCriterion[];
  entry: MentorPitchScoring['slots'][number];
  /** What to confirm once a save went through (null while saving again). */
  onSaved: (text: string | null) => void;
}) {
  const locked = entry.slot.phase === 'closed' || (entry.myScore?.locked ?? false);
  const [scores, setScores] = useState<Record<string, number>>(entry.myScore?.scores ?? {});
  const [comment, setComment] = useState(entry.myScore?.commentToTeam ?? '');
  const [note, setNote] = useState(entry.myScore?.privateNote ?? '');
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);
  const team = entry.slot.teamName;

  const save = async () => {
    setBusy(true);
    setAlert(null);
    onSaved(null);
    try {
      const saved = await pitchCommands.saveScore(labId, sessionId, entry.slot.id, {
        version: entry.myScore?.version ?? 0,
        scores,
        commentToTeam: comment,
        privateNote: note,
      });
      onSaved(`Draft saved for ${team} (version ${saved.version}).`);
    } catch (error) {
      setAlert(alertFor(error));
      if (isApiError(error) && error.status === 409) void pitchesChanged(labId);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.scoreForm}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ErrorAlert alert={alert} />
      {locked ? (
        <p className={feedback.notice}>{team}'s pitch has closed: your score is locked.</p>
      ) : null}
      {criteria.map((c) => (
        <fieldset key={c.id} className={styles.criterion} disabled={locked}>
          <legend>
            {c.label}
            {c.description ? <span className={styles.muted}> — {c.description}</span> : null}
          </legend>
          <div className={styles.scale}>
            {Array.from({ length: c.scale.max - c.scale.min + 1 }, (_, k) => c.scale.min + k).map(
              (value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`score-${c.id}`}
                    value={value}
                    checked={scores[c.id] === value}
                    onChange={() => setScores({ ...scores, [c.id]: value })}
                    aria-label={`${c.label}: ${value}`}
                  />
                  <span aria-hidden="true">{value}</span>
                </label>
              ),
            )}
          </div>
        </fieldset>
      ))}
      <TextAreaField
        id="pitch-comment"
        label="Comment to the team"
        hint="The team sees it once the organisers release it."
        value={comment}
        disabled={locked}
        maxLength={4000}
        rows={3}
        onChange={(e) => setComment(e.target.value)}
      />
      <TextAreaField
        id="pitch-note"
        label="Private note"
        hint="For you and the organisers; never shown to the team."
        value={note}
        disabled={locked}
        maxLength={4000}
        rows={2}
        onChange={(e) => setNote(e.target.value)}
      />
      {locked ? null : (
        <div className={actionStyles.buttonRow}>
          <button type="submit" className={buttonStyles.button} disabled={busy}>
            Save my score
          </button>
        </div>
      )}
    </form>
  );
}

// ---- the stage, as teams follow it (participants) ----------------------------------------------

/** Who is on stage and their clock, moving with the stage (nothing while no clock runs). */
function StageNow({ labId, sessionId }: { labId: string; sessionId: string }) {
  const connection = usePitchesLive(labId);
  const serverNow = useServerNow(connection, 500);
  const session = useQuery(pitchQueries.session(labId, sessionId));
  const s = session.data;
  const current = s?.state === 'running' ? s.slots.find((x) => x.id === s.currentSlotId) : null;
  if (!current || (current.phase !== 'pitch' && current.phase !== 'questions')) return null;
  return (
    <section className={cardStyles.card} aria-labelledby="stage-now-heading">
      <h3 id="stage-now-heading">On stage now</h3>
      <div className={styles.onStage} data-testid="pitch-stage-now">
        <p className={styles.team}>{current.teamName}</p>
        <PhaseClock slot={current} serverNow={serverNow} />
      </div>
    </section>
  );
}

// ---- team feedback (participants) -------------------------------------------------------------

function TeamFeedback({ labId, sessionId }: { labId: string; sessionId: string }) {
  usePitchesLive(labId);
  const feedback = useQuery(pitchQueries.feedback(labId, sessionId));
  if (feedback.isPending) return <Loading what="your team's feedback" />;
  if (feedback.isError) return <ErrorAlert alert={alertFor(feedback.error)} />;
  const f = feedback.data;
  return (
    <section className={cardStyles.card} aria-labelledby="feedback-heading">
      <h3 id="feedback-heading">Feedback on your pitch</h3>
      {f.teams.length === 0 ? (
        <p className={styles.muted}>Your team is not in this session's running order.</p>
      ) : null}
      {f.teams.map((team) => (
        <div key={team.teamId}>
          <h4>{team.teamName}</h4>
          {team.comments.length === 0 ? (
            <p className={styles.muted}>
              {team.phase === 'closed'
                ? 'No comments released to your team yet.'
                : 'Comments come after your pitch, once the organisers release them.'}
            </p>
          ) : (
            <ul className={styles.comments} aria-label={`Comments to ${team.teamName}`}>
              {team.comments.map((c) => (
                <li key={c.id}>{c.comment}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
