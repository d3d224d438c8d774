import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, QUESTION_TYPES, type ApplicationForm, type QuestionType } from '../../api';
import { applicationCommands, applicationKeys, applicationQueries } from '../../api/applications';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import {
  draftOf,
  emptyDraft,
  formProblemTarget,
  QUESTION_TYPE_LABELS,
  questionsOf,
  type QuestionDraft,
} from '../../lib/application-fields';
import { besideField } from '../../lib/field-errors';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from './lab-context';
import fieldRow from '../../components/field-row.module.css';
import styles from './lab.module.css';
import editor from '../../components/question-editor.module.css';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

export function LabFormEditorPage() {
  const { lab } = useLab();
  const queryClient = useQueryClient();
  const form = useQuery(applicationQueries.form(lab.id));
  // Publishing remounts the editor on the new version; the news outlives it here.
  const [published, setPublished] = useState<string | null>(null);
  if (form.isPending) return <Loading what="the application form" />;
  if (form.isError) return <ErrorAlert alert={alertFor(form.error)} />;
  return (
    <FormEditor
      key={form.data?.version ?? 0}
      labId={lab.id}
      form={form.data}
      initialStatus={published}
      onPublished={(next) => {
        setPublished(`Version ${next.version} of the form is published.`);
        queryClient.setQueryData(applicationKeys.form(lab.id), next);
      }}
    />
  );
}

type DraftErrors = Record<string, Partial<Record<string, string>>>;

function FormEditor(props: {
  labId: string;
  form: ApplicationForm | null;
  initialStatus: string | null;
  onPublished: (form: ApplicationForm) => void;
}) {
  const { labId, form } = props;
  const { lab } = useLab();
  const [drafts, setDrafts] = useState<QuestionDraft[]>(() => (form?.questions ?? []).map(draftOf));
  const [newType, setNewType] = useState<QuestionType>('long_text');
  const [errors, setErrors] = useState<DraftErrors>({});
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(props.initialStatus);
  const [busy, setBusy] = useState(false);
  // Each request is a new object, so asking twice for the same field focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const setFocusId = (id: string) => setFocusRequest({ id });

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const update = (key: string, patch: Partial<QuestionDraft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= drafts.length) return;
    const next = [...drafts];
    [next[index], next[target]] = [next[target], next[index]];
    setDrafts(next);
    setErrors({});
    const label = drafts[index].label || 'Untitled question';
    setStatus(`Moved “${label}” to position ${target + 1} of ${drafts.length}.`);
    // Keep focus on the same button of the moved question, or its other one at an end.
    const stillThere = (by === -1 ? target > 0 : target < drafts.length - 1) ? by : -by;
    setFocusId(`${drafts[index].key}-${stillThere === -1 ? 'up' : 'down'}`);
  };

  const remove = (index: number) => {
    const draft = drafts[index];
    setDrafts(drafts.filter((d) => d.key !== draft.key));
    setErrors({});
    setStatus(`Removed “${draft.label || 'Untitled question'}”. Publish to make it final.`);
    const neighbour = drafts[index + 1] ?? drafts[index - 1];
    setFocusId(neighbour ? `${neighbour.key}-label` : 'new-question-type');
  };

  const add = () => {
    const draft = emptyDraft(newType);
    setDrafts([...drafts, draft]);
    setStatus(`Added a ${QUESTION_TYPE_LABELS[newType].toLowerCase()} question.`);
    setFocusId(`${draft.key}-label`);
  };

  const publish = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setAlert(null);
    setErrors({});
    setStatus(null);
    applicationCommands
      .publishForm(labId, { questions: questionsOf(drafts) })
      .then((published) => props.onPublished(published))
      .catch((error: unknown) => {
        const byQuestion: DraftErrors = {};
        const rest = [];
        for (const issue of isApiError(error) ? error.details : []) {
          const target = formProblemTarget(issue.field);
          const draft = target ? drafts[target.index] : undefined;
          if (!target || !draft) {
            rest.push(issue);
            continue;
          }
          const part = ['label', 'options', 'wordLimit', 'helpText', 'type'].includes(target.part)
            ? target.part
            : 'label';
          const message = besideField({ field: target.part, message: issue.message });
          const mine = (byQuestion[draft.key] ??= {});
          mine[part] = mine[part] ? `${mine[part]} ${message}` : message;
        }
        setErrors(byQuestion);
        setAlert(
          Object.keys(byQuestion).length > 0 && rest.length === 0
            ? { message: `${describe(error)} The problems are marked beside each question.` }
            : alertFor(error, rest),
        );
        const first = drafts.find((d) => byQuestion[d.key]);
        if (first) {
          const part = Object.keys(byQuestion[first.key])[0];
          setFocusId(`${first.key}-${part}`);
        }
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className={pageLayout.stackLg} onSubmit={publish} noValidate>
      <div className={cardStyles.card}>
        <h2>Application form</h2>
        <p className={textStyles.muted}>
          {form
            ? `Version ${form.version}, published ${formatLabTime(form.publishedAt, lab.timezone)}. Applications already submitted keep the version they were submitted on; drafts move to the new one.`
            : 'No form is published yet. Applicants can start only once a form is published.'}
        </p>
        <p className={`${textStyles.muted} ${textStyles.small}`}>
          Every application also asks for the applicant's profile: name, institution, organisation
          type, career stage, disciplines, expertise, country, ORCID iD, links and availability for
          each workshop day.
        </p>
      </div>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      {drafts.length === 0 ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>
          No questions yet. Add the first one below.
        </p>
      ) : null}
      <ol className={editor.questionList} aria-label="Questions">
        {drafts.map((draft, index) => {
          const e = errors[draft.key] ?? {};
          const id = (part: string) => `${draft.key}-${part}`;
          const choice = draft.type === 'single_choice' || draft.type === 'multiple_choice';
          return (
            <li key={draft.key} className={cardStyles.card}>
              <div className={editor.questionEditorHead}>
                <h3>
                  Question {index + 1}
                  <span className={textStyles.muted}> · {QUESTION_TYPE_LABELS[draft.type]}</span>
                  {draft.id ? <code className={styles.questionEditorId}>{draft.id}</code> : null}
                </h3>
                <div className={editor.questionEditorTools}>
                  <button
                    type="button"
                    id={id('up')}
                    className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`Move question ${index + 1} up`}
                  >
                    ↑ Up
                  </button>
                  <button
                    type="button"
                    id={id('down')}
                    className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                    disabled={index === drafts.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move question ${index + 1} down`}
                  >
                    ↓ Down
                  </button>
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                    onClick={() => remove(index)}
                    aria-label={`Remove question ${index + 1}`}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <div className={pageLayout.grid2}>
                <TextField
                  id={id('label')}
                  label="Question"
                  value={draft.label}
                  error={e.label}
                  onChange={(ev) => update(draft.key, { label: ev.target.value })}
                />
                <SelectField
                  id={id('type')}
                  label="Type"
                  value={draft.type}
                  error={e.type}
                  onChange={(ev) => {
                    const type = ev.target.value as QuestionType;
                    update(draft.key, {
                      type,
                      wordLimit: type === 'long_text' && !draft.wordLimit ? '300' : draft.wordLimit,
                      requireYes: type === 'yes_no' ? draft.requireYes : false,
                    });
                  }}
                >
                  {QUESTION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {QUESTION_TYPE_LABELS[type]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextField
                id={id('helpText')}
                label="Help text (optional)"
                value={draft.helpText}
                error={e.helpText}
                onChange={(ev) => update(draft.key, { helpText: ev.target.value })}
              />
              {draft.type === 'long_text' ? (
                <TextField
                  id={id('wordLimit')}
                  label="Word limit"
                  inputMode="numeric"
                  value={draft.wordLimit}
                  error={e.wordLimit}
                  onChange={(ev) => update(draft.key, { wordLimit: ev.target.value })}
                />
              ) : null}
              {choice ? (
                <TextAreaField
                  id={id('options')}
                  label="Options"
                  hint="One per line, at least two."
                  rows={4}
                  value={draft.options}
                  error={e.options}
                  onChange={(ev) => update(draft.key, { options: ev.target.value })}
                />
              ) : null}
              <div className={fieldStyles.checks}>
                <label className={fieldStyles.check}>
                  <input
                    type="checkbox"
                    checked={draft.required}
                    onChange={(ev) => update(draft.key, { required: ev.target.checked })}
                  />
                  Required
                </label>
                {draft.type === 'yes_no' ? (
                  <label className={fieldStyles.check}>
                    <input
                      type="checkbox"
                      checked={draft.requireYes}
                      onChange={(ev) => update(draft.key, { requireYes: ev.target.checked })}
                    />
                    Consent: must be answered yes
                  </label>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <div className={`${cardStyles.card} ${fieldRow.fieldRow}`}>
        <SelectField
          id="new-question-type"
          label="New question type"
          value={newType}
          onChange={(ev) => setNewType(ev.target.value as QuestionType)}
        >
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {QUESTION_TYPE_LABELS[type]}
            </option>
          ))}
        </SelectField>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={add}
        >
          Add question
        </button>
      </div>
      <div className={actionStyles.formActions}>
        <button
          type="submit"
          className={buttonStyles.button}
          disabled={busy || drafts.length === 0}
        >
          {busy ? 'Publishing…' : `Publish version ${(form?.version ?? 0) + 1}`}
        </button>
      </div>
    </form>
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The form could not be published.';
}
