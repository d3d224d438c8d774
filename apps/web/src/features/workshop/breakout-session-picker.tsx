import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import type { AgendaSession } from './api';
import { timeRange } from './agenda-format';
import { workshopQueries } from './queries';
import styles from './workshop.module.css';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';

/**
 * The breakout sessions of the lab and the one chosen (kept in `?session=` so a reload or a
 * shared link shows the same one): the live one by default, else the next, else the first.
 */
export function useBreakoutSession(labId: string) {
  const agenda = useQuery(workshopQueries.agenda(labId));
  const [params, setParams] = useSearchParams();
  const sessions = agenda.data?.sessions.filter((s) => s.kind === 'breakout') ?? [];
  const wanted = params.get('session');
  const chosen =
    sessions.find((s) => s.id === wanted) ??
    sessions.find((s) => s.state === 'live') ??
    sessions.find((s) => s.state === 'scheduled') ??
    sessions[0] ??
    null;
  const choose = (sessionId: string) => {
    const next = new URLSearchParams(params);
    next.set('session', sessionId);
    setParams(next, { replace: true });
  };
  return { agenda, sessions, chosen, choose };
}

export function BreakoutSessionPicker({
  labId,
  timezone,
  picker,
  idPrefix,
}: {
  labId: string;
  timezone: string;
  picker: ReturnType<typeof useBreakoutSession>;
  idPrefix: string;
}) {
  const { agenda, sessions, chosen, choose } = picker;
  if (agenda.isPending) return <Loading what="the breakout sessions" />;
  if (agenda.isError) return <ErrorAlert alert={alertFor(agenda.error)} />;
  if (sessions.length === 0)
    return (
      <p className={feedback.notice}>
        There is no breakout session yet.{' '}
        <Link to={`/labs/${labId}/agenda`}>Add one to the agenda</Link> (kind “Breakout”), then come
        back here.
      </p>
    );
  const label = (s: AgendaSession) => `${s.title} — ${s.day}, ${timeRange(s, timezone)}`;
  if (sessions.length === 1 && chosen)
    return (
      <p className={styles.workshopSession}>
        Breakout session: <strong>{label(chosen)}</strong>
      </p>
    );
  return (
    <div className={`${fieldStyles.field} ${styles.workshopSession}`}>
      <label htmlFor={`${idPrefix}-session`}>Breakout session</label>
      <select
        id={`${idPrefix}-session`}
        value={chosen?.id ?? ''}
        onChange={(e) => choose(e.target.value)}
      >
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {label(s)}
          </option>
        ))}
      </select>
    </div>
  );
}
