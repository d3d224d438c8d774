import { useState } from 'react';
import { isApiError, queryClient, type FieldIssue, type Lab } from '../../api';
import { labCommands, labQueries } from '../../api/labs';
import { ErrorAlert, StatusMessage } from '../../components/feedback';
import { TextAreaField, TextField } from '../../components/form-fields';
import { DATE_LABELS, TAXONOMY_LABELS } from '../../components/lab-facts';
import { TimezoneField } from '../../components/timezone-field';
import { fieldId, splitFieldIssues } from '../../lib/field-errors';
import {
  DATE_KEYS,
  LAB_FORM_FIELDS,
  labChanges,
  labFormValues,
  TAXONOMY_KEYS,
  type LabFormValues,
} from '../../lib/lab-form';
import { useFormSubmit } from '../../lib/use-form-submit';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

export const settingsFieldId = (field: string) => fieldId('settings', field);

/** Human names of the settings, for messages that point at a field ("dates.workshopStartAt"). */
export function settingLabel(field: string): string {
  const [group, key] = field.split('.');
  if (group === 'dates' && key) return DATE_LABELS[key as keyof typeof DATE_LABELS] ?? field;
  if (group === 'taxonomy' && key)
    return TAXONOMY_LABELS[key as keyof typeof TAXONOMY_LABELS] ?? field;
  const labels: Record<string, string> = {
    title: 'Title',
    slug: 'Web address (slug)',
    theme: 'Theme',
    description: 'Description',
    expertiseExamples: 'Examples of expertise',
    timezone: 'Timezone',
    capacity: 'Places (capacity)',
    'teamSize.min': 'Smallest team',
    'teamSize.max': 'Largest team',
    'funding.pool': 'Funding pool',
    'funding.currency': 'Currency',
    applicationForm: 'A published application form',
  };
  return labels[field] ?? field;
}

interface Props {
  lab: Lab;
  onSaved: (lab: Lab) => void;
  /** Problems found elsewhere (a refused phase change) that belong to fields of this form. */
  externalIssues: FieldIssue[];
}

export function LabSettingsForm({ lab, onSaved, externalIssues }: Props) {
  const [baseline, setBaseline] = useState(lab);
  const [values, setValues] = useState<LabFormValues>(() => labFormValues(lab));
  const [status, setStatus] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const form = useFormSubmit(LAB_FORM_FIELDS);
  const [dismissed, setDismissed] = useState<{ issues: FieldIssue[]; fields: Set<string> }>({
    issues: externalIssues,
    fields: new Set(),
  });
  if (dismissed.issues !== externalIssues)
    setDismissed({ issues: externalIssues, fields: new Set() });
  const external = splitFieldIssues(externalIssues, LAB_FORM_FIELDS).fieldErrors;
  const errorOf = (field: string) =>
    form.fieldErrors[field] ?? (dismissed.fields.has(field) ? undefined : external[field]);

  const reset = (fresh: Lab) => {
    setBaseline(fresh);
    setValues(labFormValues(fresh));
  };

  const onSubmit = form.handleSubmit(
    async () => {
      setStatus(null);
      setConflict(false);
      const { patch, errors } = labChanges(baseline, values);
      if (Object.keys(errors).length > 0) {
        form.showFieldErrors(errors);
        return;
      }
      if (Object.keys(patch).length === 0) {
        setStatus('Nothing to save: no setting was changed.');
        return;
      }
      setStatus('Saving…');
      // The version comes from the lab as it is now: moving the phase also moves it on.
      const saved = await labCommands
        .update(lab.id, { ...patch, version: lab.version })
        .catch((error: unknown) => {
          setStatus(null);
          throw error;
        });
      reset(saved);
      onSaved(saved);
      setStatus('Saved.');
    },
    (error) => {
      if (isApiError(error) && error.code === 'LAB_VERSION_CONFLICT') {
        setConflict(true);
        return {
          message:
            'Someone else changed this lab since you opened it. Reload it to see their changes, then make yours again.',
        };
      }
      return undefined;
    },
  );

  const reload = () => {
    setStatus('Reloading…');
    queryClient.fetchQuery({ ...labQueries.view(lab.id), staleTime: 0 }).then(
      (fresh) => {
        reset(fresh);
        onSaved(fresh);
        setConflict(false);
        form.setAlert(null);
        form.setFieldErrors({});
        setStatus('Reloaded the latest version of the lab.');
      },
      (error: unknown) => {
        setStatus(null);
        form.showError(error);
      },
    );
  };

  /** Changes a control; its error, from the server or a refused phase change, goes with the old value. */
  const edit = (field: string, change: Partial<LabFormValues>) => {
    setValues((current) => ({ ...current, ...change }));
    if (form.fieldErrors[field]) form.setFieldErrors(({ [field]: _fixed, ...rest }) => rest);
    if (external[field])
      setDismissed((current) => ({ ...current, fields: new Set(current.fields).add(field) }));
  };
  const text = (field: 'title' | 'slug' | 'theme') => ({
    id: settingsFieldId(field),
    label: settingLabel(field),
    value: values[field],
    onChange: (e: { target: { value: string } }) => edit(field, { [field]: e.target.value }),
    error: errorOf(field),
  });

  return (
    <form
      id={form.formId}
      onSubmit={onSubmit}
      noValidate
      className={pageLayout.stackLg}
      aria-labelledby="settings-heading"
    >
      <h2 id="settings-heading">Lab settings</h2>
      <ErrorAlert alert={form.alert}>
        {conflict ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={reload}
          >
            Reload the lab
          </button>
        ) : null}
      </ErrorAlert>

      <fieldset className={cardStyles.card}>
        <legend>The call</legend>
        <div className={pageLayout.grid2}>
          <TextField {...text('title')} />
          <TextField
            {...text('slug')}
            spellCheck={false}
            hint="Lower-case letters, digits and dashes; the call page lives at /call/<slug>."
          />
        </div>
        <TextField {...text('theme')} />
        <TextAreaField
          id={settingsFieldId('description')}
          label={settingLabel('description')}
          rows={5}
          value={values.description}
          onChange={(e) => edit('description', { description: e.target.value })}
          error={errorOf('description')}
        />
        <TextField
          id={settingsFieldId('expertiseExamples')}
          label={settingLabel('expertiseExamples')}
          hint="Shown to applicants beside their expertise keywords, e.g. mechanistic models, tumour growth."
          value={values.expertiseExamples}
          onChange={(e) => edit('expertiseExamples', { expertiseExamples: e.target.value })}
          error={errorOf('expertiseExamples')}
        />
        <div className={pageLayout.grid2}>
          <TimezoneField
            id={settingsFieldId('timezone')}
            value={values.timezone}
            onChange={(value) => edit('timezone', { timezone: value })}
            error={errorOf('timezone')}
          />
          <TextField
            id={settingsFieldId('capacity')}
            label={settingLabel('capacity')}
            hint="How many participants the workshop takes."
            type="number"
            inputMode="numeric"
            min={1}
            value={values.capacity}
            onChange={(e) => edit('capacity', { capacity: e.target.value })}
            error={errorOf('capacity')}
          />
        </div>
      </fieldset>

      <fieldset className={cardStyles.card}>
        <legend>Dates</legend>
        <p className={fieldStyles.hint}>
          Times are in the lab's timezone, <strong>{baseline.timezone}</strong>
          {values.timezone !== baseline.timezone ? ' (a new timezone applies once saved)' : ''}.
        </p>
        {errorOf('dates') ? <p className={fieldStyles.error}>{errorOf('dates')}</p> : null}
        <div className={pageLayout.grid2}>
          {DATE_KEYS.map((key) => (
            <TextField
              key={key}
              id={settingsFieldId(`dates.${key}`)}
              label={DATE_LABELS[key]}
              type="datetime-local"
              value={values.dates[key]}
              onChange={(e) =>
                edit(`dates.${key}`, { dates: { ...values.dates, [key]: e.target.value } })
              }
              error={errorOf(`dates.${key}`)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className={cardStyles.card}>
        <legend>Taxonomy</legend>
        <p className={fieldStyles.hint}>
          One entry per line. Applicants describe themselves with these; quotas use them.
        </p>
        {errorOf('taxonomy') ? <p className={fieldStyles.error}>{errorOf('taxonomy')}</p> : null}
        <div className={pageLayout.grid3}>
          {TAXONOMY_KEYS.map((key) => (
            <TextAreaField
              key={key}
              id={settingsFieldId(`taxonomy.${key}`)}
              label={TAXONOMY_LABELS[key]}
              rows={6}
              value={values.taxonomy[key]}
              onChange={(e) =>
                edit(`taxonomy.${key}`, { taxonomy: { ...values.taxonomy, [key]: e.target.value } })
              }
              error={errorOf(`taxonomy.${key}`)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className={cardStyles.card}>
        <legend>Teams and funding</legend>
        {errorOf('teamSize') ? <p className={fieldStyles.error}>{errorOf('teamSize')}</p> : null}
        {errorOf('funding') ? <p className={fieldStyles.error}>{errorOf('funding')}</p> : null}
        <div className={pageLayout.grid4}>
          <TextField
            id={settingsFieldId('teamSize.min')}
            label={settingLabel('teamSize.min')}
            type="number"
            inputMode="numeric"
            min={1}
            value={values.teamSize.min}
            onChange={(e) =>
              edit('teamSize.min', { teamSize: { ...values.teamSize, min: e.target.value } })
            }
            error={errorOf('teamSize.min')}
          />
          <TextField
            id={settingsFieldId('teamSize.max')}
            label={settingLabel('teamSize.max')}
            type="number"
            inputMode="numeric"
            min={1}
            value={values.teamSize.max}
            onChange={(e) =>
              edit('teamSize.max', { teamSize: { ...values.teamSize, max: e.target.value } })
            }
            error={errorOf('teamSize.max')}
          />
          <TextField
            id={settingsFieldId('funding.pool')}
            label={settingLabel('funding.pool')}
            hint="In whole units of the currency."
            type="number"
            inputMode="decimal"
            min={0}
            value={values.funding.pool}
            onChange={(e) =>
              edit('funding.pool', { funding: { ...values.funding, pool: e.target.value } })
            }
            error={errorOf('funding.pool')}
          />
          <TextField
            id={settingsFieldId('funding.currency')}
            label={settingLabel('funding.currency')}
            hint="ISO 4217 code, e.g. USD."
            maxLength={3}
            spellCheck={false}
            autoCapitalize="characters"
            value={values.funding.currency}
            onChange={(e) =>
              edit('funding.currency', { funding: { ...values.funding, currency: e.target.value } })
            }
            error={errorOf('funding.currency')}
          />
        </div>
      </fieldset>

      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save settings'}
        </button>
        <StatusMessage>{status}</StatusMessage>
      </div>
    </form>
  );
}
