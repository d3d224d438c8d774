import { useId, useState, type KeyboardEvent } from 'react';
import type { ApplicationSummary } from '../../api';
import chips from '../../components/chips.module.css';
import styles from './selection.module.css';
import fieldStyles from '../../components/field.module.css';
import buttonStyles from '../../components/button.module.css';

const optionLabel = (a: ApplicationSummary) =>
  `${a.name ?? a.email}${a.affiliation ? `, ${a.affiliation}` : ''} (${a.email})`;

/**
 * A list of applicants built by typing a name (suggestions from the lab's applicants) and
 * pressing Add or Enter; each chosen applicant can be removed again.
 */
export function ApplicantPicker(props: {
  id: string;
  label: string;
  hint: string;
  applicants: ApplicationSummary[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  nameOf: (id: string) => string;
  error?: string;
}) {
  const { id, applicants, chosen } = props;
  const listId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const error = problem ?? props.error;

  const add = () => {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return;
    const match =
      applicants.find((a) => optionLabel(a).toLowerCase() === wanted) ??
      applicants.find((a) => a.email.toLowerCase() === wanted) ??
      (() => {
        const byName = applicants.filter((a) => (a.name ?? '').toLowerCase() === wanted);
        return byName.length === 1 ? byName[0] : undefined;
      })();
    if (!match) {
      setProblem('Choose an applicant from the suggestions (name or email).');
      return;
    }
    setProblem(null);
    setText('');
    if (!chosen.includes(match.id)) props.onChange([...chosen, match.id]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <div className={fieldStyles.field} data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{props.label}</label>
      <p className={fieldStyles.hint} id={`${id}-hint`}>
        {props.hint}
      </p>
      <div className={styles.pickerAdd}>
        <input
          id={id}
          type="text"
          list={listId}
          value={text}
          autoComplete="off"
          aria-invalid={Boolean(error)}
          aria-describedby={[error ? `${id}-error` : '', `${id}-hint`].join(' ').trim()}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={add}
        >
          Add<span className="visually-hidden"> to {props.label.toLowerCase()}</span>
        </button>
      </div>
      <datalist id={listId}>
        {applicants
          .filter((a) => !chosen.includes(a.id))
          .map((a) => (
            <option key={a.id} value={optionLabel(a)} />
          ))}
      </datalist>
      {error ? (
        <p className={fieldStyles.error} id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {chosen.length > 0 ? (
        <ul className={`${chips.chips} ${styles.pickerChosen}`} aria-label={props.label}>
          {chosen.map((applicationId) => (
            <li key={applicationId} className={chips.chip}>
              {props.nameOf(applicationId)}
              <button
                type="button"
                className={styles.chipRemove}
                onClick={() => props.onChange(chosen.filter((x) => x !== applicationId))}
              >
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">
                  Remove {props.nameOf(applicationId)} from {props.label.toLowerCase()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
