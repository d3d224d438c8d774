import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextAreaField, TextField } from '../../components/form-fields';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { reviewCommands, reviewKeys, reviewQueries, type Rubric } from './api';
import {
  besideCriterion,
  criteriaOf,
  draftsOf,
  emptyCriterion,
  localProblems,
  rubricIssueTarget,
  weightShares,
  withLabel,
  type CriterionDraft,
  type CriterionPart,
} from './rubric-draft';
import styles from './review.module.css';
import editor from '../../components/question-editor.module.css';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

export function RubricEditorPage() {
  const { lab } = useLab();
  const queryClient = useQueryClient();
  const rubric = useQuery(reviewQueries.rubric(lab.id));
  const [saved, setSaved] = useState<string | null>(null);
  if (rubric.isPending) return <Loading what="the rubric" />;
  if (rubric.isError) return <ErrorAlert alert={alertFor(rubric.error)} />;
  return (
    <RubricEditor
      key={rubric.data?.version ?? 0}
      labId={lab.id}
      rubric={rubric.data}
      initialStatus={saved}
      onReload={() => {
        setSaved(null);
        void rubric.refetch();
      }}
      onSaved={(next) => {
        setSaved(`Rubric version ${next.version} is saved.`);
        queryClient.setQueryData(reviewKeys.rubric(lab.id), next);
      }}
    />
  );
}

type DraftErrors = Record<string, Partial<Record<CriterionPart, string>>>;

function RubricEditor(props: {
  labId: string;
  rubric: Rubric | null;
  initialStatus: string | null;
  onSaved: (rubric: Rubric) => void;
  onReload: () => void;
}) {
  const { labId, rubric } = props;
  const { lab } = useLab();
  const locked = rubric?.locked ?? false;
  const [drafts, setDrafts] = useState<CriterionDraft[]>(() => draftsOf(rubric));
  const [commentPrompt, setCommentPrompt] = useState(
    rubric?.commentPrompt ?? 'What would this person bring to a team?',
  );
  const [blind, setBlind] = useState(rubric?.blind ?? false);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [versionConflict, setVersionConflict] = useState(false);
  const [status, setStatus] = useState<string | null>(props.initialStatus);
  const [busy, setBusy] = useState(false);
  // Each request is a new object, so asking twice for the same field focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const setFocusId = (id: string) => setFocusRequest({ id });
  const shares = weightShares(drafts);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const update = (key: string, patch: Partial<CriterionDraft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const add = () => {
    const draft = emptyCriterion();
    setDrafts([...drafts, draft]);
    setStatus('Added a criterion.');
    setFocusId(`${draft.key}-label`);
  };

  const remove = (index: number) => {
    const draft = drafts[index];
    setDrafts(drafts.filter((d) => d.key !== draft.key));
    setErrors({});
    setStatus(`Removed “${draft.label || 'Untitled criterion'}”. Save to make it final.`);
    const neighbour = drafts[index + 1] ?? drafts[index - 1];
    setFocusId(neighbour ? `${neighbour.key}-label` : 'add-criterion');
  };

  const showProblems = (byDraft: DraftErrors, message: string, rest: AlertContent | null) => {
    setErrors(byDraft);
    setAlert(rest ?? { message });
    const first = drafts.find((d) => byDraft[d.key]);
    if (first) {
      const part = Object.keys(byDraft[first.key])[0];
      setFocusId(`${first.key}-${part === 'scale' ? 'min' : part}`);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    setErrors({});
    setStatus(null);
    setVersionConflict(false);
    const local = localProblems(drafts);
    if (Object.keys(local).length > 0) {
      showProblems(local, 'Some numbers are not readable: they are marked below.', null);
      return;
    }
    setBusy(true);
    reviewCommands
      .putRubric(labId, {
        criteria: criteriaOf(drafts),
        commentPrompt,
        blind,
        ...(rubric ? { version: rubric.version } : {}),
      })
      .then((next) => props.onSaved(next))
      .catch((error: unknown) => {
        if (isApiError(error) && error.code === 'REVIEW_RUBRIC_VERSION_CONFLICT') {
          setVersionConflict(true);
          setAlert(alertFor(error));
          return;
        }
        const byDraft: DraftErrors = {};
        const rest = [];
        for (const issue of isApiError(error) ? error.details : []) {
          const target = rubricIssueTarget(issue.field);
          const draft = target ? drafts[target.index] : undefined;
          if (!target || !draft) {
            rest.push(issue);
            continue;
          }
          const message = besideCriterion(target.part, issue.message);
          const mine = (byDraft[draft.key] ??= {});
          mine[target.part] = mine[target.part] ? `${mine[target.part]} ${message}` : message;
        }
        const count = Object.values(byDraft).reduce((n, parts) => n + Object.keys(parts).length, 0);
        showProblems(
          byDraft,
          `The rubric cannot be saved: ${count === 1 ? 'one problem is' : `${count} problems are`} marked beside the criteria.`,
          Object.keys(byDraft).length > 0 && rest.length === 0 ? null : alertFor(error, rest),
        );
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className={pageLayout.stackLg} onSubmit={save} noValidate aria-labelledby="rubric-title">
      <div className={cardStyles.card}>
        <h2 id="rubric-title">Review rubric</h2>
        <p className={textStyles.muted}>
          {rubric
            ? `Version ${rubric.version}, saved ${formatLabTime(rubric.updatedAt, lab.timezone)}. Reviewers score each application on these criteria; the weighted score counts each criterion by its weight.`
            : 'No rubric is saved yet. These suggested criteria are a starting point: change them as you like, then save. Reviewers can score only once a rubric is saved.'}
        </p>
        {locked ? (
          <p className={feedback.notice}>
            {rubric?.submittedReviews === 1
              ? '1 review was submitted'
              : `${rubric?.submittedReviews} reviews were submitted`}{' '}
            with this rubric: criteria can no longer be added or removed and their scales are fixed.
            Labels, descriptions and weights can still change.
          </p>
        ) : null}
      </div>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert}>
        {versionConflict ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={props.onReload}
          >
            Load the current rubric
          </button>
        ) : null}
      </ErrorAlert>
      {drafts.length === 0 ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>
          No criteria yet. Add the first one below.
        </p>
      ) : null}
      <ol className={editor.questionList} aria-label="Criteria">
        {drafts.map((draft, index) => {
          const e = errors[draft.key] ?? {};
          const id = (part: string) => `${draft.key}-${part}`;
          const fixed = locked && draft.saved;
          return (
            <li key={draft.key} className={cardStyles.card}>
              <div className={editor.questionEditorHead}>
                <h3>
                  Criterion {index + 1}
                  {shares[index] !== null ? (
                    <span className={textStyles.muted}> · {shares[index]}% of the score</span>
                  ) : null}
                </h3>
                {!fixed ? (
                  <div className={editor.questionEditorTools}>
                    <button
                      type="button"
                      className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                      onClick={() => remove(index)}
                      aria-label={`Remove criterion ${index + 1}`}
                    >
                      Remove
                    </button>
                  </div>
                ) : null}
              </div>
              <div className={pageLayout.grid2}>
                <TextField
                  id={id('label')}
                  label="Criterion"
                  value={draft.label}
                  error={e.label}
                  onChange={(ev) =>
                    setDrafts((list) =>
                      list.map((d) =>
                        d.key === draft.key ? withLabel(d, ev.target.value, list) : d,
                      ),
                    )
                  }
                />
                <TextField
                  id={id('id')}
                  label="Id"
                  hint={
                    draft.saved
                      ? 'Scores are kept under this id; it cannot change.'
                      : 'Lower-case letters, digits, - and _; scores are kept under it.'
                  }
                  value={draft.id}
                  error={e.id}
                  readOnly={draft.saved}
                  onChange={(ev) => update(draft.key, { id: ev.target.value, idEdited: true })}
                />
              </div>
              <TextField
                id={id('description')}
                label="What reviewers should look for (optional)"
                value={draft.description}
                error={e.description}
                onChange={(ev) => update(draft.key, { description: ev.target.value })}
              />
              <div className={styles.rubricNumbers}>
                <TextField
                  id={id('weight')}
                  label="Weight (relative)"
                  inputMode="decimal"
                  value={draft.weight}
                  error={e.weight}
                  onChange={(ev) => update(draft.key, { weight: ev.target.value })}
                />
                <fieldset
                  className={styles.rubricScale}
                  data-invalid={e.scale ? true : undefined}
                  aria-describedby={fixed ? id('scale-hint') : undefined}
                >
                  <legend>Scale</legend>
                  {fixed ? (
                    <p className={fieldStyles.hint} id={id('scale-hint')}>
                      Fixed: submitted reviews use it.
                    </p>
                  ) : null}
                  <div className={styles.rubricScaleInputs}>
                    {(['min', 'max'] as const).map((end) => (
                      <div key={end} className={fieldStyles.field}>
                        <label htmlFor={id(end)}>
                          {end === 'min' ? 'Lowest score' : 'Highest score'}
                        </label>
                        <input
                          id={id(end)}
                          inputMode="numeric"
                          value={draft[end]}
                          disabled={fixed}
                          aria-invalid={Boolean(e.scale)}
                          aria-describedby={e.scale ? id('scale-error') : undefined}
                          onChange={(ev) => update(draft.key, { [end]: ev.target.value })}
                        />
                      </div>
                    ))}
                  </div>
                  {e.scale ? (
                    <p className={fieldStyles.error} id={id('scale-error')}>
                      <span aria-hidden="true">⚠ </span>
                      {e.scale}
                    </p>
                  ) : null}
                </fieldset>
              </div>
            </li>
          );
        })}
      </ol>
      {!locked ? (
        <div className={actionStyles.formActions}>
          <button
            id="add-criterion"
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={add}
          >
            Add criterion
          </button>
        </div>
      ) : null}
      <div className={cardStyles.card}>
        <TextAreaField
          id="rubric-comment-prompt"
          label="Prompt above the free comment"
          rows={2}
          value={commentPrompt}
          onChange={(ev) => setCommentPrompt(ev.target.value)}
        />
        <label className={fieldStyles.check}>
          <input type="checkbox" checked={blind} onChange={(ev) => setBlind(ev.target.checked)} />
          Blind review: reviewers do not see the applicant's name, institution, country, ORCID iD or
          links, nor who the other reviewers are
        </label>
      </div>
      <div className={actionStyles.formActions}>
        <button
          type="submit"
          className={buttonStyles.button}
          disabled={busy || drafts.length === 0}
        >
          {busy ? 'Saving…' : rubric ? `Save version ${rubric.version + 1}` : 'Save the rubric'}
        </button>
      </div>
    </form>
  );
}
