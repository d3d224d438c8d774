import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeError } from '../../api';
import { workshopApi, type AgendaSession } from '../workshop/api';
import { workshopQueries } from '../workshop/queries';
import styles from './live.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

const KIND_LABELS: Record<string, string> = {
  plenary: 'Plenary',
  breakout: 'Breakout',
  ideation: 'Ideation',
  pitch: 'Pitch',
};

const dayLabel = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
};

/** "09:00" out of the server's "14 Jul 2026, 09:00 EDT" label (already in the lab's zone). */
const clockOf = (local: string) => /\d{1,2}:\d{2}/.exec(local)?.[0] ?? local;

function groupByDay(sessions: AgendaSession[]): [string, AgendaSession[]][] {
  const days = new Map<string, AgendaSession[]>();
  for (const s of sessions) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  return [...days.entries()];
}

/** The workshop agenda in the lab's time zone, with the .ics calendar to take away. */
export function AgendaCard({
  labId,
  currentSessionId,
}: {
  labId: string;
  currentSessionId?: string;
}) {
  const headingId = useId();
  const agenda = useQuery(workshopQueries.agenda(labId));
  const [downloading, setDownloading] = useState(false);
  const [status, setStatus] = useState('');

  const download = async () => {
    setDownloading(true);
    setStatus('');
    try {
      const { blob, filename } = await workshopApi.agenda.calendar(labId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? 'agenda.ics';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Downloaded ${link.download}: open it to add the sessions to your calendar.`);
    } catch (error) {
      setStatus(`The calendar could not be downloaded: ${describeError(error)}`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section className={cardStyles.card} aria-labelledby={headingId}>
      <div className={styles.liveAgendaHead}>
        <h2 id={headingId}>Agenda</h2>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={() => void download()}
          disabled={downloading}
        >
          {downloading ? 'Downloading…' : 'Add to calendar (.ics)'}
        </button>
      </div>
      <p role="status" aria-live="polite" className={feedback.status}>
        {status}
      </p>
      {agenda.isPending ? <p className={feedback.loading}>Loading the agenda…</p> : null}
      {agenda.isError ? (
        <p className={fieldStyles.error}>
          The agenda could not be loaded: {describeError(agenda.error)}
        </p>
      ) : null}
      {agenda.data?.sessions.length === 0 ? (
        <p className={textStyles.muted}>The organisers have not published the agenda yet.</p>
      ) : null}
      {agenda.data && agenda.data.sessions.length > 0 ? (
        <>
          <p className={`${textStyles.muted} ${textStyles.small}`}>
            Times are in the lab’s time zone ({agenda.data.timezone}).
          </p>
          {groupByDay(agenda.data.sessions).map(([day, sessions]) => (
            <div key={day}>
              <h3>{dayLabel(day)}</h3>
              <ol className={styles.liveAgendaSessions}>
                {sessions.map((s) => {
                  const now = s.state === 'live' || s.id === currentSessionId;
                  return (
                    <li
                      key={s.id}
                      className={
                        now
                          ? `${styles.liveAgendaSession} ${styles.liveAgendaSessionNow}`
                          : styles.liveAgendaSession
                      }
                      aria-current={now ? 'true' : undefined}
                    >
                      <p className={styles.liveAgendaTime}>
                        <time dateTime={s.startsAt}>{clockOf(s.startsAtLocal)}</time>–
                        <time dateTime={s.endsAt}>{clockOf(s.endsAtLocal)}</time>
                      </p>
                      <div>
                        <p className={styles.liveAgendaTitle}>
                          {s.title} <Badge>{KIND_LABELS[s.kind] ?? s.kind}</Badge>
                          {now ? <Badge tone="now">Now</Badge> : null}
                          {s.state === 'ended' ? <Badge>Ended</Badge> : null}
                        </p>
                        {s.meetingUrl || s.materials.length > 0 ? (
                          <ul className={styles.liveAgendaLinks}>
                            {s.meetingUrl ? (
                              <li>
                                <a href={s.meetingUrl} target="_blank" rel="noreferrer">
                                  Video call<span className="visually-hidden"> for {s.title}</span>
                                </a>
                              </li>
                            ) : null}
                            {s.materials.map((m) => (
                              <li key={m.url}>
                                <a href={m.url} target="_blank" rel="noreferrer">
                                  {m.title}
                                </a>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
