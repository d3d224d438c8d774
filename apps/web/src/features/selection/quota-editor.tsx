import { useState } from 'react';
import type { ApplicationSummary, Lab } from '../../api';
import { ErrorAlert } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import type { FieldErrors } from '../../lib/field-errors';
import { useFormSubmit } from '../../lib/use-form-submit';
import { ApplicantPicker } from './applicant-picker';
import {
  boundField,
  QUOTA_CATEGORY_LABELS,
  quotaFormFields,
  quotaRequest,
  type QuotaFormValues,
} from './quota-form';
import { QUOTA_CATEGORIES, type CreateSelectionRun, type QuotaCategory } from './types';
import styles from './selection.module.css';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import textStyles from '../../components/text.module.css';

/**
 * The organiser's quotas for a selection run: bounds per discipline, career stage and
 * organisation type, caps per institution and country, who must be in or out, availability
 * overrides, an optional lottery near the line, and the seed.
 */
export function QuotaForm(props: {
  lab: Lab;
  initial: QuotaFormValues;
  applicants: ApplicationSummary[];
  nameOf: (id: string) => string;
  onRun: (request: CreateSelectionRun) => Promise<void>;
}) {
  const { lab, applicants, nameOf } = props;
  const [values, setValues] = useState(props.initial);
  const [seen, setSeen] = useState(props.initial);
  if (seen !== props.initial) {
    // "Use these quotas" on a stored run refills the form.
    setSeen(props.initial);
    setValues(props.initial);
  }
  const form = useFormSubmit(quotaFormFields(values));
  const errors: FieldErrors = form.fieldErrors;
  const set = (patch: Partial<QuotaFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setBound = (category: QuotaCategory, group: string, side: 'min' | 'max', raw: string) =>
    setValues((v) => ({
      ...v,
      bounds: {
        ...v.bounds,
        [category]: {
          ...v.bounds[category],
          [group]: { ...v.bounds[category][group], [side]: raw },
        },
      },
    }));
  const partlyAvailable = applicants.filter((a) => a.availableForWholeWorkshop === false);

  const submit = form.handleSubmit(async () => {
    const checked = quotaRequest(values);
    if (!checked.ok) {
      form.showFieldErrors(checked.errors);
      return;
    }
    await props.onRun(checked.request);
  });

  return (
    <form id={form.formId} className={styles.quotaForm} onSubmit={submit} noValidate>
      <ErrorAlert alert={form.alert} />
      <div className={styles.quotaFormTop}>
        <TextField
          id="quota-capacity"
          label="Places to fill"
          hint={`The lab has ${lab.capacity} places.`}
          inputMode="numeric"
          value={values.capacity}
          error={errors.capacity}
          onChange={(e) => set({ capacity: e.target.value })}
        />
        <TextField
          id="quota-maxPerInstitution"
          label="At most per institution"
          hint="Empty: no cap."
          inputMode="numeric"
          value={values.maxPerInstitution}
          error={errors['quotas.maxPerInstitution']}
          onChange={(e) => set({ maxPerInstitution: e.target.value })}
        />
        <TextField
          id="quota-maxPerCountry"
          label="At most per country"
          hint="Empty: no cap."
          inputMode="numeric"
          value={values.maxPerCountry}
          error={errors['quotas.maxPerCountry']}
          onChange={(e) => set({ maxPerCountry: e.target.value })}
        />
      </div>

      <div className={styles.quotaFormBounds}>
        {QUOTA_CATEGORIES.map((category) => (
          <fieldset key={category}>
            <legend>{QUOTA_CATEGORY_LABELS[category]}</legend>
            <p className={fieldStyles.hint}>How many of the cohort, at least and at most.</p>
            {Object.keys(values.bounds[category]).length === 0 ? (
              <p className={`${textStyles.muted} ${textStyles.small}`}>
                The lab's taxonomy lists none.
              </p>
            ) : null}
            {Object.entries(values.bounds[category]).map(([group, input], index) => (
              <div key={group} className={styles.boundsRow}>
                <span className={styles.boundsGroup} aria-hidden="true">
                  {group}
                </span>
                {(['min', 'max'] as const).map((side) => {
                  const id = `quota-${category}-${index}-${side}`;
                  const error = errors[boundField(category, group, side)];
                  return (
                    <div
                      key={side}
                      className={styles.boundsCell}
                      data-invalid={error ? true : undefined}
                    >
                      <label htmlFor={id}>
                        <span className="visually-hidden">
                          {QUOTA_CATEGORY_LABELS[category]} {group}{' '}
                        </span>
                        {side === 'min' ? 'at least' : 'at most'}
                      </label>
                      <input
                        id={id}
                        type="text"
                        inputMode="numeric"
                        value={input[side]}
                        aria-invalid={Boolean(error)}
                        aria-describedby={error ? `${id}-error` : undefined}
                        onChange={(e) => setBound(category, group, side, e.target.value)}
                      />
                      {error ? (
                        <p className={fieldStyles.error} id={`${id}-error`}>
                          <span aria-hidden="true">⚠ </span>
                          {error}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
              </div>
            ))}
          </fieldset>
        ))}
      </div>

      <div className={styles.quotaFormPeople}>
        <ApplicantPicker
          id="quota-mustInclude"
          label="Must include"
          hint="Applicants the cohort must contain."
          applicants={applicants}
          chosen={values.mustInclude}
          nameOf={nameOf}
          error={errors.mustInclude}
          onChange={(mustInclude) => set({ mustInclude })}
        />
        <ApplicantPicker
          id="quota-mustExclude"
          label="Must exclude"
          hint="Applicants the cohort must leave out."
          applicants={applicants}
          chosen={values.mustExclude}
          nameOf={nameOf}
          error={errors.mustExclude}
          onChange={(mustExclude) => set({ mustExclude })}
        />
      </div>

      <fieldset className={styles.overrides}>
        <legend>Availability</legend>
        <p className={fieldStyles.hint}>
          Only applicants who can attend the whole workshop are selected, unless you let them in
          here.
        </p>
        {partlyAvailable.length === 0 ? (
          <p className={`${textStyles.muted} ${textStyles.small}`}>
            Every applicant can attend the whole workshop.
          </p>
        ) : (
          <ul className={fieldStyles.checks}>
            {partlyAvailable.map((a) => (
              <li key={a.id} className={fieldStyles.check}>
                <input
                  id={`quota-override-${a.id}`}
                  type="checkbox"
                  checked={values.availabilityOverrides.includes(a.id)}
                  onChange={(e) =>
                    set({
                      availabilityOverrides: e.target.checked
                        ? [...values.availabilityOverrides, a.id]
                        : values.availabilityOverrides.filter((x) => x !== a.id),
                    })
                  }
                />
                <label htmlFor={`quota-override-${a.id}`}>
                  Let {a.name ?? a.email} be selected{' '}
                  <span className={`${textStyles.muted} ${textStyles.small}`}>
                    (not available on {a.unavailableDays.join(', ') || 'some days'})
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className={styles.lottery}>
        <legend>Lottery and seed</legend>
        <div className={fieldStyles.check}>
          <input
            id="quota-lottery"
            type="checkbox"
            checked={values.lottery}
            onChange={(e) => set({ lottery: e.target.checked })}
          />
          <label htmlFor="quota-lottery">
            Draw lots among applicants whose merit is close to the selection line
          </label>
        </div>
        <div className={styles.quotaFormTop}>
          {values.lottery ? (
            <>
              <TextField
                id="quota-lottery-tolerance"
                label="Lottery tolerance"
                hint="Merit distance from the line, e.g. 0.1."
                inputMode="decimal"
                value={values.lotteryTolerance}
                error={errors['lottery.tolerance']}
                onChange={(e) => set({ lotteryTolerance: e.target.value })}
              />
              <TextField
                id="quota-lottery-seed"
                label="Lottery seed (optional)"
                hint="The same seed draws the same lots."
                value={values.lotterySeed}
                error={errors['lottery.seed']}
                onChange={(e) => set({ lotterySeed: e.target.value })}
              />
            </>
          ) : null}
          <TextField
            id="quota-seed"
            label="Run seed (optional)"
            hint="Stored with the run so it can be repeated; empty: a random one."
            value={values.seed}
            error={errors.seed}
            onChange={(e) => set({ seed: e.target.value })}
          />
        </div>
      </fieldset>

      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Selecting…' : 'Run selection'}
        </button>
      </div>
    </form>
  );
}
