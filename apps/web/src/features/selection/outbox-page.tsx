import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, useFormSubmit, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { selectionCommands, selectionKeys, selectionQueries } from './queries';
import {
  LETTER_FILTERS,
  letterEditable,
  letterMatches,
  LETTER_TONES,
  letterState,
  letterStatusLabel,
  lettersToRelease,
  OUTCOME_TITLES,
  releaseSummary,
  outboxInFlight,
  releaseMessage,
  type LetterFilter,
} from './outbox';
import { DECISION_OUTCOMES, type DecisionLetter, type Outbox } from './types';
import styles from './selection.module.css';
import { Figures } from '../../components/figures';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const POLL_MS = 2_000;

/** The decision letters: composed from the decisions, edited, released in one batch, followed. */
export function OutboxPage() {
  const { lab } = useLab();
  const queryClient = useQueryClient();
  const outbox = useQuery({
    ...selectionQueries.outbox(lab.id),
    // Letters a sending worker still holds (queued, retrying) are followed until they settle.
    refetchInterval: (query) =>
      query.state.data && outboxInFlight(query.state.data) ? POLL_MS : false,
  });
  const set = (next: Outbox) => queryClient.setQueryData(selectionKeys.outbox(lab.id), next);
  const [status, setStatus] = useState<string | null>(null);
  const [filter, setFilter] = useState<LetterFilter>('all');
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState<'compose' | 'release' | null>(null);
  const { dialog, confirm } = useConfirmDialog();

  const act = (
    kind: 'compose' | 'release',
    call: () => Promise<Outbox>,
    done: (o: Outbox) => string,
  ) => {
    setBusy(kind);
    setAlert(null);
    call()
      .then((result) => {
        set(result);
        setStatus(done(result));
      })
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(null));
  };
  const compose = () =>
    act(
      'compose',
      () => selectionCommands.composeLetters(lab.id),
      (o) => `${o.letters.length} letter${o.letters.length === 1 ? '' : 's'} in the outbox.`,
    );
  const release = async (o: Outbox) => {
    const summary = releaseSummary(o);
    const yes = await confirm({
      title: `Release ${summary.letters === 1 ? 'this letter' : `${summary.letters} letters`} now?`,
      body: (
        <>
          <p>
            This sends {summary.kinds} to {summary.people}{' '}
            {summary.people === 1 ? 'person' : 'people'}.{' '}
            {o.transport === 'preview'
              ? 'No mail server is set up: each is logged as what would be sent.'
              : 'They are emailed in the background; a failed send is retried after a pause.'}
          </p>
          <p>This cannot be undone: released letters can no longer be edited or called back.</p>
        </>
      ),
      confirmLabel: summary.letters === 1 ? 'Release the letter' : 'Release the letters',
      cancelLabel: 'Not yet',
    });
    if (!yes) return;
    act(
      'release',
      () => selectionCommands.releaseLetters(lab.id),
      (next) => releaseMessage(next.released),
    );
  };

  if (outbox.isPending) return <Loading what="the outbox" />;
  if (outbox.isError) return <ErrorAlert alert={alertFor(outbox.error)} />;
  const o = outbox.data;
  const toRelease = lettersToRelease(o);

  return (
    <div className={pageLayout.stackLg}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      <section className={cardStyles.card} aria-labelledby="outbox-title">
        <h2 id="outbox-title">Outbox</h2>
        {o.transport === 'preview' ? (
          <p className={feedback.notice}>
            No mail server is set up (development): releasing records what would be sent, and
            nothing leaves the server. Each letter below is exactly what its applicant would
            receive.
          </p>
        ) : (
          <p className={textStyles.muted}>Released letters are sent by email.</p>
        )}
        <Figures
          figures={Object.entries(o.counts)
            .filter(([, n]) => n > 0)
            .map(([key, n]) => ({ label: letterStatusLabel(key), value: n }))}
        />
        <div className={actionStyles.formActions}>
          <button
            type="button"
            className={
              o.letters.length === 0
                ? buttonStyles.button
                : `${buttonStyles.button} ${buttonStyles.secondary}`
            }
            disabled={busy !== null}
            onClick={compose}
          >
            {busy === 'compose'
              ? 'Composing…'
              : o.letters.length === 0
                ? 'Compose the letters'
                : 'Compose again from the decisions'}
          </button>
          {toRelease > 0 ? (
            <button
              type="button"
              className={buttonStyles.button}
              disabled={busy !== null}
              onClick={() => void release(o)}
            >
              {busy === 'release'
                ? 'Releasing…'
                : `Release ${toRelease} letter${toRelease === 1 ? '' : 's'}…`}
            </button>
          ) : null}
          <Link to="../decisions">The decisions</Link>
        </div>
        {o.letters.length > 0 ? (
          <p className={fieldStyles.hint}>
            Composing again rewrites the drafts from the decisions (your edits to drafts are
            replaced); letters already sent are kept.
          </p>
        ) : null}
      </section>

      {o.letters.length === 0 ? (
        <section className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>
            The outbox is empty. Letters are composed from the decisions, once a run is adopted on
            the <Link to="../selection">Selection</Link> tab.
          </p>
        </section>
      ) : null}

      {o.letters.length > 0 ? (
        <div className={styles.outboxFilter}>
          <SelectField
            id="outbox-filter"
            label="Show"
            value={filter}
            onChange={(e) => setFilter(e.target.value as LetterFilter)}
          >
            {Object.entries(LETTER_FILTERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label} ({o.letters.filter((l) => letterMatches(l, value as LetterFilter)).length})
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}

      {o.letters.length > 0 && !o.letters.some((l) => letterMatches(l, filter)) ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>No letter in this view.</p>
      ) : null}

      {DECISION_OUTCOMES.map((outcome) => {
        const letters = o.letters.filter((l) => l.outcome === outcome && letterMatches(l, filter));
        if (letters.length === 0) return null;
        return (
          <section
            key={outcome}
            className={pageLayout.stack}
            aria-labelledby={`letters-${outcome}`}
          >
            <h2 id={`letters-${outcome}`}>
              {OUTCOME_TITLES[outcome]} ({letters.length})
            </h2>
            {letters.map((letter) => (
              <LetterCard
                key={letter.id}
                labId={lab.id}
                timezone={lab.timezone}
                letter={letter}
                onSaved={(saved) => {
                  set({ ...o, letters: o.letters.map((l) => (l.id === saved.id ? saved : l)) });
                  setStatus(`The letter to ${saved.recipient} is saved.`);
                }}
              />
            ))}
          </section>
        );
      })}
      {dialog}
    </div>
  );
}

function LetterCard(props: {
  labId: string;
  timezone: string;
  letter: DecisionLetter;
  onSaved: (letter: DecisionLetter) => void;
}) {
  const { letter } = props;
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState(letter.subject);
  const [body, setBody] = useState(letter.body);
  const form = useFormSubmit(['subject', 'body']);
  const titleId = `letter-${letter.id}`;
  const editId = `${titleId}-edit`;
  // Back to the Edit button when the editor closes (found by id: the submit handler is made while rendering).
  const focusEdit = () => setTimeout(() => document.getElementById(editId)?.focus());

  const save = form.handleSubmit(async () => {
    const patch: { subject?: string; body?: string } = {};
    if (subject !== letter.subject) patch.subject = subject;
    if (body !== letter.body) patch.body = body;
    if (Object.keys(patch).length > 0)
      props.onSaved(await selectionCommands.editLetter(props.labId, letter.id, patch));
    setEditing(false);
    focusEdit();
  });

  return (
    <article className={cardStyles.card} aria-labelledby={titleId}>
      <header className={styles.letterHead}>
        <h3 id={titleId}>To {letter.recipient}</h3>
        <Badge tone={LETTER_TONES[letterState(letter)]} testId="letter-state">
          {letterStatusLabel(letterState(letter))}
        </Badge>
      </header>
      <p className={`${textStyles.small} ${textStyles.muted}`}>
        {letter.sentAt
          ? `${letter.status === 'logged' || letter.transport === 'preview' ? 'Logged (not emailed)' : 'Sent'} ${formatLabTime(letter.sentAt, props.timezone)}`
          : letter.releasedAt
            ? `Released ${formatLabTime(letter.releasedAt, props.timezone)}`
            : null}
        {letter.attempts > 0
          ? ` · ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`
          : ''}
        {letter.nextAttemptAt
          ? ` · next try ${formatLabTime(letter.nextAttemptAt, props.timezone)}`
          : ''}
      </p>
      {letter.lastError ? (
        <p className={styles.letterError}>
          <strong>Last error:</strong> {letter.lastError}
        </p>
      ) : null}
      {editing ? (
        <form id={form.formId} onSubmit={save} noValidate className={pageLayout.stack}>
          <ErrorAlert alert={form.alert} />
          <TextField
            id={`${titleId}-subject`}
            label="Subject"
            value={subject}
            error={form.fieldErrors.subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          <TextAreaField
            id={`${titleId}-body`}
            label="Letter"
            rows={10}
            value={body}
            error={form.fieldErrors.body}
            onChange={(e) => setBody(e.target.value)}
          />
          <div className={actionStyles.formActions}>
            <button type="submit" className={buttonStyles.button} disabled={form.busy}>
              {form.busy ? 'Saving…' : 'Save the letter'}
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={() => {
                setEditing(false);
                setSubject(letter.subject);
                setBody(letter.body);
                focusEdit();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className={styles.letterSubject}>
            <span className={textStyles.muted}>Subject:</span> {letter.subject}
          </p>
          <div className={styles.letterBody} data-testid="letter-body">
            {letter.body}
          </div>
          {letterEditable(letter) ? (
            <div className={actionStyles.formActions}>
              <button
                id={editId}
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                onClick={() => {
                  setSubject(letter.subject);
                  setBody(letter.body);
                  setEditing(true);
                  setTimeout(() => document.getElementById(`${titleId}-subject`)?.focus());
                }}
              >
                Edit<span className="visually-hidden"> the letter to {letter.recipient}</span>
              </button>
            </div>
          ) : null}
        </>
      )}
    </article>
  );
}
