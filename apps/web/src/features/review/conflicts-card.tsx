import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { besideField } from '../../lib/field-errors';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import {
  reviewCommands,
  reviewKeys,
  reviewQueries,
  type ConflictDeclaration,
  type ReviewerProfile,
} from './api';
import fieldRow from '../../components/field-row.module.css';
import rowList from '../../components/row-list.module.css';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

type Kind = 'person' | 'institution';

/** The declared conflicts as the API takes them back (it replaces the whole list). */
function declarationsOf(profile: ReviewerProfile): ConflictDeclaration[] {
  return profile.conflicts.map((c) =>
    c.institution !== undefined
      ? { institution: c.institution }
      : { applicantEmail: c.applicantEmail ?? '' },
  );
}

const describeConflict = (c: ConflictDeclaration) =>
  'institution' in c ? c.institution : c.applicantEmail;

function removedNote(profile: ReviewerProfile): string {
  const n = profile.removedAssignments;
  if (n === 0) return '';
  return n === 1
    ? ' 1 application was taken out of your queue.'
    : ` ${n} applications were taken out of your queue.`;
}

/**
 * A reviewer's institution and declared conflicts of interest (a person, or a whole
 * institution). Applicants they conflict with are never assigned to them and cannot be opened.
 */
export function ConflictsCard({ labId }: { labId: string }) {
  const queryClient = useQueryClient();
  const profile = useQuery(reviewQueries.myProfile(labId));
  if (profile.isPending) return <Loading what="your conflicts of interest" />;
  if (profile.isError) return <ErrorAlert alert={alertFor(profile.error)} />;
  return (
    <ConflictsEditor
      labId={labId}
      profile={profile.data}
      onSaved={(next) => {
        queryClient.setQueryData(reviewKeys.myProfile(labId), next);
        // A new conflict takes applications out of the queue.
        void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(labId) });
      }}
    />
  );
}

function ConflictsEditor(props: {
  labId: string;
  profile: ReviewerProfile;
  onSaved: (profile: ReviewerProfile) => void;
}) {
  const { labId, profile } = props;
  const [institution, setInstitution] = useState(profile.institution);
  const [kind, setKind] = useState<Kind>('person');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ institution?: string; value?: string }>({});
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const declared = declarationsOf(profile);

  /** Sends the declaration; a problem with the entry at `valueIndex` goes beside the new entry's field. */
  const send = (
    input: { institution?: string; conflicts?: ConflictDeclaration[] },
    done: (next: ReviewerProfile) => string,
    valueIndex?: number,
  ) => {
    setBusy(true);
    setAlert(null);
    setErrors({});
    setStatus(null);
    reviewCommands
      .declareConflicts(labId, input)
      .then((next) => {
        setStatus(done(next) + removedNote(next));
        props.onSaved(next);
      })
      .catch((error: unknown) => {
        const issues = isApiError(error) ? error.details : [];
        const mine = issues.filter(
          (i) =>
            (valueIndex !== undefined && i.field.startsWith(`conflicts[${valueIndex}]`)) ||
            (valueIndex !== undefined && i.field.startsWith(`conflicts.${valueIndex}`)) ||
            i.field === 'institution',
        );
        const next: { institution?: string; value?: string } = {};
        for (const issue of mine) {
          const key = issue.field === 'institution' ? 'institution' : 'value';
          const message = besideField({
            field: issue.field.split('.').pop() ?? issue.field,
            message: issue.message,
          });
          next[key] = next[key] ? `${next[key]} ${message}` : message;
        }
        setErrors(next);
        const rest = issues.filter((i) => !mine.includes(i));
        // A problem shown beside its field is the whole story: no banner (with a reference
        // number) on top of it.
        setAlert(mine.length > 0 && rest.length === 0 ? null : alertFor(error, rest));
        const focus = next.value
          ? 'conflict-value'
          : next.institution
            ? 'reviewer-institution'
            : null;
        if (focus) setTimeout(() => document.getElementById(focus)?.focus());
      })
      .finally(() => setBusy(false));
  };

  const saveInstitution = (event: FormEvent) => {
    event.preventDefault();
    send({ institution: institution.trim() }, (next) =>
      next.institution
        ? `Your institution is ${next.institution}: its applicants will not be assigned to you.`
        : 'Your institution is cleared.',
    );
  };

  const declare = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (!text) {
      setErrors({
        value:
          kind === 'person'
            ? "Enter the applicant's e-mail address."
            : 'Enter the name of the institution.',
      });
      document.getElementById('conflict-value')?.focus();
      return;
    }
    const entry: ConflictDeclaration =
      kind === 'person' ? { applicantEmail: text } : { institution: text };
    send(
      { institution: profile.institution, conflicts: [...declared, entry] },
      () => {
        setValue('');
        return `Conflict of interest with ${text} declared.`;
      },
      declared.length,
    );
  };

  const remove = (index: number) => {
    const gone = declared[index];
    send(
      { institution: profile.institution, conflicts: declared.filter((_, i) => i !== index) },
      () => `The conflict with ${describeConflict(gone)} is withdrawn.`,
    );
  };

  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Conflicts of interest</h2>
      <p className={textStyles.muted}>
        You are never assigned an application you have a conflict of interest with, and cannot open
        one. Declare the people you know and the institutions you are tied to; applicants from your
        own institution count too.
      </p>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />

      <form className={fieldRow.fieldRow} onSubmit={saveInstitution} noValidate>
        <TextField
          id="reviewer-institution"
          label="Your institution"
          hint="As applicants would write it, e.g. University of Edinburgh."
          value={institution}
          error={errors.institution}
          autoComplete="organization"
          onChange={(e) => setInstitution(e.target.value)}
        />
        <button
          type="submit"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={busy}
        >
          Save institution
        </button>
      </form>

      <h3 id="declared-title">Declared conflicts</h3>
      {declared.length === 0 ? (
        <p className={textStyles.muted}>None declared.</p>
      ) : (
        <ul className={rowList.rowList} aria-labelledby="declared-title">
          {declared.map((c, index) => (
            <li key={`${describeConflict(c)}:${index}`}>
              <span>
                <Badge tone="tag">{'institution' in c ? 'Institution' : 'Person'}</Badge>
                {describeConflict(c)}
              </span>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                disabled={busy}
                onClick={() => remove(index)}
              >
                Withdraw
                <span className="visually-hidden"> the conflict with {describeConflict(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <form
        className={pageLayout.stack}
        onSubmit={declare}
        noValidate
        aria-labelledby="declare-title"
      >
        <h3 id="declare-title">Declare a conflict</h3>
        <fieldset className={fieldStyles.options}>
          <legend>With</legend>
          <div className={fieldStyles.optionsList}>
            <label className={fieldStyles.option}>
              <input
                type="radio"
                name="conflict-kind"
                checked={kind === 'person'}
                onChange={() => setKind('person')}
              />
              A person (an applicant)
            </label>
            <label className={fieldStyles.option}>
              <input
                type="radio"
                name="conflict-kind"
                checked={kind === 'institution'}
                onChange={() => setKind('institution')}
              />
              An institution
            </label>
          </div>
        </fieldset>
        <div className={fieldRow.fieldRow}>
          <TextField
            id="conflict-value"
            label={kind === 'person' ? "Applicant's e-mail" : 'Institution'}
            type={kind === 'person' ? 'email' : 'text'}
            hint={
              kind === 'person'
                ? 'The address they applied with.'
                : 'Every applicant from it becomes a conflict.'
            }
            value={value}
            error={errors.value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className={buttonStyles.button} disabled={busy}>
            {busy ? 'Saving…' : 'Declare conflict'}
          </button>
        </div>
      </form>
    </section>
  );
}
