import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { queryClient } from '../../api/http';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { fieldId } from '../../lib/field-errors';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { workshopApi, type BreakoutRoom, type Rounds, type WorkshopSettings } from './api';
import { workshopKeys, workshopQueries } from './queries';
import styles from './room-video-links.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

const TEMPLATE_FIELDS = ['roomLinkTemplate'] as const;
const ROOM_FIELDS = ['meetingUrl'] as const;

/**
 * The lab's video link template: one address with {lab} and {room} that gives every room
 * without a link of its own a call, so organisers do not paste a link per room and round.
 */
export function RoomLinkTemplateCard({ labId }: { labId: string }) {
  const settings = useQuery(workshopQueries.settings(labId));
  // Kept here: the form starts afresh (keyed by version) after each save.
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section className={cardStyles.card} aria-labelledby="room-link-template-heading">
      <h2 id="room-link-template-heading">Video links for rooms</h2>
      <p className={`${textStyles.muted} ${textStyles.small}`}>
        A template such as <code>https://meet.jit.si/{'{lab}-{room}'}</code> or a BigBlueButton
        address gives every room without a link of its own a call: <code>{'{lab}'}</code> and{' '}
        <code>{'{room}'}</code> become the lab’s and the room’s names, written for a web address. A
        link set on a room wins over the template.
      </p>
      {settings.isPending ? <Loading what="the video link settings" /> : null}
      <ErrorAlert alert={settings.isError ? alertFor(settings.error) : null} />
      <StatusMessage>{status}</StatusMessage>
      {settings.data ? (
        <TemplateForm
          key={settings.data.version}
          labId={labId}
          settings={settings.data}
          onStatus={setStatus}
        />
      ) : null}
    </section>
  );
}

function TemplateForm({
  labId,
  settings,
  onStatus: setStatus,
}: {
  labId: string;
  settings: WorkshopSettings;
  onStatus: (status: string | null) => void;
}) {
  const [template, setTemplate] = useState(settings.roomLinkTemplate ?? '');
  const form = useFormSubmit(TEMPLATE_FIELDS);
  const show = (next: WorkshopSettings) =>
    queryClient.setQueryData(workshopKeys.settings(labId), next);

  const onSubmit = form.handleSubmit(
    async () => {
      setStatus(null);
      const saved = await workshopApi.settings.update(labId, {
        version: settings.version,
        roomLinkTemplate: template.trim() || null,
      });
      show(saved);
      // Rooms read their links again (those without their own now follow the template).
      void queryClient.invalidateQueries({ queryKey: workshopKeys.all(labId) });
      setStatus(
        saved.roomLinkTemplate
          ? `Template saved: Room 1 now joins ${saved.exampleLink ?? ''}`
          : 'Template removed: only rooms with their own link have a call.',
      );
    },
    (error) => {
      if (!isApiError(error) || error.code !== 'WORKSHOP_SETTINGS_VERSION_CONFLICT')
        return undefined;
      const current = (error.data as { current?: WorkshopSettings } | undefined)?.current;
      if (current) show(current);
      return { message: `${error.message} Your text was not saved; check it and save again.` };
    },
  );

  return (
    <form id={form.formId} onSubmit={onSubmit} noValidate>
      <ErrorAlert alert={form.alert} />
      <TextField
        id={fieldId('room-link', 'roomLinkTemplate')}
        label="Link template"
        inputMode="url"
        placeholder="https://meet.jit.si/{lab}-{room}"
        hint={
          settings.exampleLink
            ? `Room 1 joins ${settings.exampleLink}`
            : 'Leave empty when every room gets its own link.'
        }
        value={template}
        error={form.fieldErrors.roomLinkTemplate}
        onChange={(e) => setTemplate(e.target.value)}
      />
      <button type="submit" className={buttonStyles.button} disabled={form.busy}>
        {form.busy ? 'Saving…' : 'Save template'}
      </button>
    </form>
  );
}

/**
 * One room's own video link: set, change or clear it (the lab's template then fills it).
 * The people of an open round see the new link at once.
 */
export function RoomVideoLinkForm({
  labId,
  sessionId,
  roundId,
  room,
  onSaved,
}: {
  labId: string;
  sessionId: string;
  roundId: string;
  room: BreakoutRoom;
  onSaved: (rounds: Rounds, message: string) => void;
}) {
  const [url, setUrl] = useState(room.meetingUrl ?? '');
  const form = useFormSubmit(ROOM_FIELDS);
  const onSubmit = form.handleSubmit(async () => {
    const meetingUrl = url.trim() || null;
    const rounds = await workshopApi.breakout.updateRoom(labId, sessionId, roundId, room.id, {
      meetingUrl,
    });
    const now = rounds.rounds.flatMap((r) => r.rooms).find((r) => r.id === room.id);
    onSaved(
      rounds,
      now?.videoUrl
        ? `${room.name} now joins ${now.videoUrl}${meetingUrl ? '' : ' (the lab’s template)'}.`
        : `${room.name} has no video link now.`,
    );
  });
  const fromTemplate = !room.meetingUrl && room.videoUrl;
  return (
    <form id={form.formId} onSubmit={onSubmit} noValidate className={styles.roomForm}>
      <ErrorAlert alert={form.alert} />
      <TextField
        id={fieldId(`room-link-${room.id}`, 'meetingUrl')}
        label={`Video link of ${room.name}`}
        inputMode="url"
        placeholder={fromTemplate ? (room.videoUrl ?? undefined) : 'https://…'}
        hint={
          fromTemplate
            ? `From the lab’s template: ${room.videoUrl}. A link here replaces it.`
            : room.videoUrl
              ? 'Clear it to use the lab’s template (if any).'
              : 'No link yet: paste one, or set a template for every room.'
        }
        value={url}
        error={form.fieldErrors.meetingUrl}
        onChange={(e) => setUrl(e.target.value)}
      />
      <button
        type="submit"
        className={`${buttonStyles.button} ${buttonStyles.secondary}`}
        disabled={form.busy}
      >
        {form.busy ? 'Saving…' : 'Save link'}
        <span className="visually-hidden"> of {room.name}</span>
      </button>
    </form>
  );
}
