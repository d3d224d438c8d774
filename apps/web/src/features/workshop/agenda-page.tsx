import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { isApiError } from '../../api';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/form-fields';
import { fieldId } from '../../lib/field-errors';
import { isoToLocalInput, localInputToIso } from '../../lib/lab-time';
import { alertFor, useFormSubmit, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import {
  SESSION_KINDS,
  workshopApi,
  SESSION_STATES,
  type AgendaSession,
  type SessionKind,
  type SessionMaterial,
  type SessionState,
} from './api';
import { agendaChanged, workshopQueries } from './queries';
import {
  agendaDays,
  dayHeading,
  kindLabel,
  SESSION_TONES,
  stateLabel,
  timeRange,
} from './agenda-format';
import styles from './workshop.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const FIELDS = ['kind', 'title', 'startsAt', 'endsAt', 'meetingUrl', 'materials', 'state'] as const;
const fid = (field: string) => fieldId('session', field);

interface SessionDraft {
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  materials: SessionMaterial[];
  state: SessionState;
}

function draftOf(
  session: AgendaSession | null,
  timezone: string,
  defaultStart: string | null,
): SessionDraft {
  if (session)
    return {
      kind: session.kind,
      title: session.title,
      startsAt: isoToLocalInput(session.startsAt, timezone),
      endsAt: isoToLocalInput(session.endsAt, timezone),
      meetingUrl: session.meetingUrl ?? '',
      materials: session.materials.map((m) => ({ ...m })),
      state: session.state,
    };
  const start = isoToLocalInput(defaultStart, timezone);
  const end = defaultStart
    ? isoToLocalInput(new Date(Date.parse(defaultStart) + 60 * 60_000).toISOString(), timezone)
    : '';
  return {
    kind: 'plenary',
    title: '',
    startsAt: start,
    endsAt: end,
    meetingUrl: '',
    materials: [],
    state: 'scheduled',
  };
}

/**
 * The workshop agenda: every member reads it (and takes it into their calendar as .ics);
 * organisers add, edit, move through their states and delete sessions. Times are read and
 * entered on the lab's clock, whatever the browser's time zone.
 */
export function AgendaPage() {
  const { lab, canOrganise } = useLab();
  const agenda = useQuery(workshopQueries.agenda(lab.id));
  const [editing, setEditing] = useState<AgendaSession | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [listAlert, setListAlert] = useState<AlertContent | null>(null);
  const [downloading, setDownloading] = useState(false);
  const { dialog, confirm } = useConfirmDialog();
  const formHeading = useRef<HTMLHeadingElement>(null);

  const startEditing = (target: AgendaSession | 'new') => {
    setEditing(target);
    setStatus(null);
    // Let the form render, then bring keyboard focus to it.
    setTimeout(() => formHeading.current?.focus(), 0);
  };

  const download = () => {
    setDownloading(true);
    setListAlert(null);
    workshopApi.agenda
      .calendar(lab.id)
      .then(({ blob, filename }) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = filename ?? `agenda-${lab.slug}.ics`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setStatus(`Downloaded ${link.download}: open it to add the sessions to your calendar.`);
      })
      .catch((error: unknown) => setListAlert(alertFor(error)))
      .finally(() => setDownloading(false));
  };

  const remove = async (session: AgendaSession) => {
    const breakout = session.kind === 'breakout';
    const yes = await confirm({
      title: `Delete “${session.title}”${breakout ? ' and its breakout rounds' : ''}?`,
      body: (
        <p>
          It leaves everyone's agenda{breakout ? ', with its rounds and their rooms' : ''}. This
          cannot be undone.
        </p>
      ),
      confirmLabel: 'Delete the session',
      cancelLabel: 'Keep it',
      danger: true,
    });
    if (!yes) return;
    setListAlert(null);
    workshopApi.agenda.remove(lab.id, session.id).then(
      () => {
        setStatus(`"${session.title}" deleted.`);
        if (editing !== 'new' && editing?.id === session.id) setEditing(null);
        void agendaChanged(lab.id);
      },
      (error: unknown) => setListAlert(alertFor(error)),
    );
  };

  const setState = (session: AgendaSession, state: SessionState) => {
    setListAlert(null);
    workshopApi.agenda.update(lab.id, session.id, { version: session.version, state }).then(
      () => {
        setStatus(`"${session.title}" is now ${stateLabel(state).toLowerCase()}.`);
        void agendaChanged(lab.id);
      },
      (error: unknown) => setListAlert(alertFor(error)),
    );
  };

  const sessions = agenda.data?.sessions ?? [];

  return (
    <div className={`${pageLayout.stackLg} ${styles.workshop}`}>
      {dialog}
      <StatusMessage>{status}</StatusMessage>
      <section className={cardStyles.card} aria-labelledby="agenda-heading">
        <div className={pageLayout.pageTitle}>
          <h2 id="agenda-heading">Agenda</h2>
          <div className={styles.workshopActions}>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={download}
              disabled={downloading}
            >
              {downloading ? 'Preparing…' : 'Download calendar (.ics)'}
            </button>
            {canOrganise ? (
              <button
                type="button"
                className={buttonStyles.button}
                onClick={() => startEditing('new')}
              >
                Add a session
              </button>
            ) : null}
          </div>
        </div>
        <p className={`${textStyles.muted} ${textStyles.small}`}>
          Times are in the lab&rsquo;s time zone, {lab.timezone}.
        </p>
        <ErrorAlert alert={listAlert ?? (agenda.isError ? alertFor(agenda.error) : null)} />
        {agenda.isPending ? <Loading what="the agenda" /> : null}
        {agenda.isSuccess && sessions.length === 0 ? (
          <p className={textStyles.muted}>
            No sessions yet.{canOrganise ? ' Add the first one.' : ''}
          </p>
        ) : null}
        {agendaDays(sessions).map(({ day, sessions: ofDay }) => (
          <section key={day} className={styles.agendaDay} aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>{dayHeading(day)}</h3>
            <ol className={styles.agendaList}>
              {ofDay.map((session) => (
                <li
                  key={session.id}
                  className={styles.agendaItem}
                  data-state={session.state}
                  aria-label={session.title}
                >
                  <p className={styles.agendaItemTime}>{timeRange(session, lab.timezone)}</p>
                  <div>
                    <p className={styles.agendaItemTitle}>
                      <Badge tone={session.kind === 'breakout' ? 'tag' : 'quiet'}>
                        {kindLabel(session.kind)}
                      </Badge>{' '}
                      <strong>{session.title}</strong>{' '}
                      <Badge tone={SESSION_TONES[session.state]}>{stateLabel(session.state)}</Badge>
                    </p>
                    {session.meetingUrl ? (
                      <p className={textStyles.small}>
                        <a href={session.meetingUrl} target="_blank" rel="noreferrer">
                          Meeting link
                        </a>
                      </p>
                    ) : null}
                    {session.materials.length > 0 ? (
                      <ul
                        className={`${styles.agendaItemMaterials} ${textStyles.small}`}
                        aria-label={`Materials for ${session.title}`}
                      >
                        {session.materials.map((m) => (
                          <li key={`${m.title}:${m.url}`}>
                            <a href={m.url} target="_blank" rel="noreferrer">
                              {m.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                  {canOrganise ? (
                    <div className={styles.agendaItemActions}>
                      {session.state === 'scheduled' ? (
                        <button
                          type="button"
                          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                          onClick={() => setState(session, 'live')}
                        >
                          Start <span className="visually-hidden">{session.title}</span>
                        </button>
                      ) : null}
                      {session.state === 'live' ? (
                        <button
                          type="button"
                          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                          onClick={() => setState(session, 'ended')}
                        >
                          End <span className="visually-hidden">{session.title}</span>
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                        onClick={() => startEditing(session)}
                      >
                        Edit <span className="visually-hidden">{session.title}</span>
                      </button>
                      <button
                        type="button"
                        className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                        onClick={() => void remove(session)}
                      >
                        Delete <span className="visually-hidden">{session.title}</span>
                      </button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>

      {canOrganise && editing ? (
        <SessionForm
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          session={editing === 'new' ? null : editing}
          headingRef={formHeading}
          onCancel={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setStatus(
              created ? `"${saved.title}" added to the agenda.` : `"${saved.title}" saved.`,
            );
            void agendaChanged(lab.id);
          }}
        />
      ) : null}
    </div>
  );
}

function SessionForm({
  session,
  headingRef,
  onCancel,
  onSaved,
}: {
  session: AgendaSession | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onCancel: () => void;
  onSaved: (session: AgendaSession, created: boolean) => void;
}) {
  const { lab } = useLab();
  const [draft, setDraft] = useState<SessionDraft>(() =>
    draftOf(session, lab.timezone, lab.dates.workshopStartAt),
  );
  const form = useFormSubmit(FIELDS);
  const edit = (patch: Partial<SessionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const editMaterial = (index: number, patch: Partial<SessionMaterial>) =>
    edit({ materials: draft.materials.map((m, i) => (i === index ? { ...m, ...patch } : m)) });

  const onSubmit = form.handleSubmit(
    async () => {
      const startsAt = localInputToIso(draft.startsAt, lab.timezone);
      const endsAt = localInputToIso(draft.endsAt, lab.timezone);
      const missing: Record<string, string> = {};
      if (!startsAt) missing.startsAt = 'Enter when the session starts.';
      if (!endsAt) missing.endsAt = 'Enter when the session ends.';
      if (!startsAt || !endsAt) {
        form.showFieldErrors(missing);
        return;
      }
      const body = {
        kind: draft.kind,
        title: draft.title.trim(),
        startsAt,
        endsAt,
        meetingUrl: draft.meetingUrl.trim() || null,
        materials: draft.materials
          .map((m) => ({ title: m.title.trim(), url: m.url.trim() }))
          .filter((m) => m.title || m.url),
      };
      if (session) {
        const saved = await workshopApi.agenda.update(lab.id, session.id, {
          ...body,
          state: draft.state,
          version: session.version,
        });
        onSaved(saved, false);
      } else {
        onSaved(await workshopApi.agenda.create(lab.id, body), true);
      }
    },
    (error) =>
      isApiError(error) && error.code === 'SESSION_VERSION_CONFLICT'
        ? {
            message:
              'Someone else changed this session while you edited it. Cancel, then edit it again to see their changes.',
          }
        : undefined,
  );

  const title = session ? `Edit “${session.title}”` : 'Add a session';
  return (
    <section className={cardStyles.card} aria-labelledby="session-form-heading">
      <h2 id="session-form-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <ErrorAlert alert={form.alert} />
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <div className={pageLayout.grid2}>
          <SelectField
            id={fid('kind')}
            label="Kind"
            value={draft.kind}
            onChange={(e) => edit({ kind: e.target.value as SessionKind })}
            error={form.fieldErrors.kind}
          >
            {SESSION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={fid('title')}
            label="Title"
            required
            value={draft.title}
            onChange={(e) => edit({ title: e.target.value })}
            error={form.fieldErrors.title}
          />
          <TextField
            id={fid('startsAt')}
            label="Starts"
            type="datetime-local"
            hint={`On the lab's clock (${lab.timezone}).`}
            value={draft.startsAt}
            onChange={(e) => edit({ startsAt: e.target.value })}
            error={form.fieldErrors.startsAt}
          />
          <TextField
            id={fid('endsAt')}
            label="Ends"
            type="datetime-local"
            hint={`On the lab's clock (${lab.timezone}).`}
            value={draft.endsAt}
            onChange={(e) => edit({ endsAt: e.target.value })}
            error={form.fieldErrors.endsAt}
          />
          <TextField
            id={fid('meetingUrl')}
            label="Meeting link"
            type="url"
            hint="Optional: where the session meets (Zoom, Teams…)."
            value={draft.meetingUrl}
            onChange={(e) => edit({ meetingUrl: e.target.value })}
            error={form.fieldErrors.meetingUrl}
          />
          {session ? (
            <SelectField
              id={fid('state')}
              label="State"
              value={draft.state}
              onChange={(e) => edit({ state: e.target.value as SessionState })}
              error={form.fieldErrors.state}
            >
              {SESSION_STATES.map((state) => (
                <option key={state} value={state}>
                  {stateLabel(state)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <fieldset className={styles.materials}>
          <legend>Materials</legend>
          <p className={fieldStyles.hint}>
            Links people should have at hand: slides, briefs, templates.
          </p>
          {form.fieldErrors.materials ? (
            <p className={fieldStyles.error} id={fid('materials-error')}>
              <span aria-hidden="true">⚠ </span>
              {form.fieldErrors.materials}
            </p>
          ) : null}
          {draft.materials.map((material, i) => (
            <div key={i} className={styles.materialsRow}>
              <TextField
                id={fid(`materials.${i}.title`)}
                label={`Material ${i + 1} title`}
                value={material.title}
                onChange={(e) => editMaterial(i, { title: e.target.value })}
              />
              <TextField
                id={fid(`materials.${i}.url`)}
                label={`Material ${i + 1} link`}
                type="url"
                value={material.url}
                onChange={(e) => editMaterial(i, { url: e.target.value })}
              />
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                onClick={() => edit({ materials: draft.materials.filter((_, j) => j !== i) })}
              >
                Remove <span className="visually-hidden">material {i + 1}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={() => edit({ materials: [...draft.materials, { title: '', url: '' }] })}
          >
            Add a material link
          </button>
        </fieldset>
        <div className={actionStyles.formActions}>
          <button type="submit" className={buttonStyles.button} disabled={form.busy}>
            {form.busy ? 'Saving…' : session ? 'Save session' : 'Add session'}
          </button>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={onCancel}
          >
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
