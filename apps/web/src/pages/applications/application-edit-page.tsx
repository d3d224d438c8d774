import { ISO_COUNTRY_CODES } from '@ideas-lab/domain/countries';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  isApiError,
  type AnswerValue,
  type ApplicantProfile,
  type Application,
  type Lab,
} from '../../api';
import { DeadlineText } from '../../components/application-deadline';
import { ErrorAlert, Loading } from '../../components/feedback';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { PageHeading } from '../../components/page-heading';
import { ChoiceGroup, QuestionField } from '../../components/question-field';
import {
  applicationControlId,
  applicationFieldErrors,
  formatWorkshopDay,
  splitList,
  type ApplicationFieldError,
} from '../../lib/application-fields';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { describeSaveState, useAutosave } from '../../lib/use-autosave';
import { applicationCommands, applicationKeys, applicationQueries } from '../../api/applications';
import { queryClient } from '../../api/http';
import { useApplicationWithLab } from './use-application';
import styles from './applications.module.css';
import { Eyebrow } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/** Loads the application and its lab (for the taxonomy and the title), then shows the form. */
export function ApplicationEditPage() {
  const { applicationId = '' } = useParams();
  const data = useApplicationWithLab(applicationId);

  if (data.isError)
    return (
      <section className={pageLayout.narrow}>
        <PageHeading title="The application could not be loaded" />
        <ErrorAlert alert={alertFor(data.error)} />
        <p>
          <Link to="/applications">My applications</Link>
        </p>
      </section>
    );
  if (!data.data) return <Loading what="your application" />;
  return <ApplicationForm key={data.data.application.id} {...data.data} />;
}

const countryNames = (() => {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    names = null;
  }
  return [...ISO_COUNTRY_CODES]
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
})();

type ProfileField = keyof ApplicantProfile;

function showSavedApplication(saved: Application): void {
  queryClient.setQueryData(applicationKeys.application(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: applicationKeys.mine });
}

function ApplicationForm({ application: initial, lab }: { application: Application; lab: Lab }) {
  const navigate = useNavigate();
  // What is saved is what every other screen shows: the cached application follows each save.
  const autosave = useAutosave(initial, showSavedApplication);
  const { application, state } = autosave;
  const [profile, setProfile] = useState<ApplicantProfile>(initial.profile);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(initial.answers);
  const [keywordsText, setKeywordsText] = useState(
    (initial.profile.expertiseKeywords ?? []).join(', '),
  );
  const [linksText, setLinksText] = useState((initial.profile.links ?? []).join('\n'));
  const [errors, setErrors] = useState<ApplicationFieldError[]>([]);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);

  const questions = application.form.questions;
  const submitted = application.status === 'submitted';
  const withdrawn = application.status === 'withdrawn';
  const closed = !application.editing.allowed;
  const refusedForGood =
    state.kind === 'failed' &&
    ['APPLICATION_DEADLINE_PASSED', 'APPLICATIONS_NOT_OPEN', 'APPLICATION_WITHDRAWN'].includes(
      state.code,
    );
  const locked = closed || refusedForGood || state.kind === 'conflict';

  // A refused autosave of a submitted application (it must stay complete) shows beside the fields.
  const [problemsShown, setProblemsShown] = useState(autosave.fieldProblems);
  if (problemsShown !== autosave.fieldProblems) {
    setProblemsShown(autosave.fieldProblems);
    if (autosave.fieldProblems.length > 0)
      setErrors(applicationFieldErrors(autosave.fieldProblems, questions));
  }

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  // Refused for good (the deadline passed meanwhile): show the application as it now stands.
  const { adopt } = autosave;
  useEffect(() => {
    if (!refusedForGood) return;
    queryClient
      .fetchQuery({ ...applicationQueries.application(initial.id), staleTime: 0 })
      .then(adopt, () => undefined);
  }, [refusedForGood, initial.id, adopt]);

  const errorOf = useMemo(() => {
    const map = new Map(errors.map((e) => [e.field, e.message]));
    return (field: string) => map.get(field);
  }, [errors]);

  const clearError = (field: string) =>
    setErrors((current) =>
      current.some((e) => e.field === field || e.field.startsWith(`${field}.`))
        ? current.filter((e) => e.field !== field && !e.field.startsWith(`${field}.`))
        : current,
    );

  const setProfileField = <K extends ProfileField>(field: K, value: ApplicantProfile[K] | null) => {
    setProfile((p) => ({ ...p, [field]: value }));
    clearError(`profile.${field}`);
    autosave.change({ profile: { [field]: value } });
  };

  const setAnswer = (questionId: string, value: AnswerValue | null) => {
    setAnswers((a) => {
      const next = { ...a };
      if (value === null) delete next[questionId];
      else next[questionId] = value;
      return next;
    });
    clearError(`answers.${questionId}`);
    autosave.change({ answers: { [questionId]: value } });
  };

  const text = (field: ProfileField) => {
    const value = profile[field];
    return typeof value === 'string' ? value : '';
  };
  const textOrNull = (value: string) => (value.trim() === '' ? null : value);

  const disciplines = profile.disciplines ?? [];
  const toggleDiscipline = (discipline: string, on: boolean) => {
    const next = lab.taxonomy.disciplines.filter((d) =>
      d === discipline ? on : disciplines.includes(d),
    );
    setProfileField('disciplines', next.length > 0 ? next : null);
    if (!on && profile.primaryDiscipline === discipline) setProfileField('primaryDiscipline', null);
    if (on && next.length === 1) setProfileField('primaryDiscipline', discipline);
  };

  const days = application.availability.workshopDays;
  const setAvailability = (day: string, can: boolean) => {
    const next = { ...(profile.availability ?? {}), [day]: can };
    setProfileField('availability', next);
    clearError(`profile.availability.${day}`);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAlert(null);
    setSubmitting(true);
    void (async () => {
      try {
        if (!(await autosave.flush())) {
          setAlert({
            message:
              'Your latest changes are not saved yet, so the application was not submitted. See the save status above.',
          });
          return;
        }
        const done = await applicationCommands.submit(application.id, autosave.application.version);
        autosave.adopt(done);
        showSavedApplication(done);
        await navigate(`/applications/${done.id}`, { state: { submitted: true } });
      } catch (error) {
        if (
          isApiError(error) &&
          error.code === 'APPLICATION_INCOMPLETE' &&
          error.details.length > 0
        ) {
          setErrors(applicationFieldErrors(error.details, questions));
          setAlert(null);
          setFocusSummary((n) => n + 1);
        } else {
          setAlert(alertFor(error));
        }
      } finally {
        setSubmitting(false);
      }
    })();
  };

  const field = (name: string) => ({
    id: applicationControlId(name),
    error: errorOf(name),
  });

  return (
    <section>
      <header>
        <Eyebrow>
          <Link to={`/call/${lab.slug}`}>{lab.title}</Link>
        </Eyebrow>
        <PageHeading title={submitted ? 'Edit your submitted application' : 'Your application'} />
        <p className={styles.deadlineLine} data-testid="deadline-line">
          <strong>{application.deadline.passed ? 'Closed' : 'Deadline'}:</strong>{' '}
          <DeadlineText deadline={application.deadline} />
        </p>
        {withdrawn ? (
          <p className={feedback.notice}>
            This application was withdrawn; it can no longer change.{' '}
            <Link to={`/applications/${application.id}`}>See its status</Link>.
          </p>
        ) : null}
        {closed && !withdrawn ? (
          <p className={feedback.notice}>
            {application.editing.reason}{' '}
            <Link to={`/applications/${application.id}`}>See its status</Link>.
          </p>
        ) : null}
        {submitted && !closed ? (
          <p className={feedback.notice}>
            Your application is submitted. Changes you make here are saved as a new version, and it
            must stay complete. <Link to={`/applications/${application.id}`}>See its status</Link>.
          </p>
        ) : null}
      </header>

      <div className={styles.saveStatus} data-state={state.kind}>
        <p
          role="status"
          aria-live="polite"
          className={styles.saveStatusText}
          data-testid="save-status"
        >
          {describeSaveState(state, lab.timezone)}
        </p>
        {state.kind === 'failed' && state.retry ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() => void autosave.save()}
          >
            Try again
          </button>
        ) : null}
      </div>

      <ErrorAlert
        alert={
          state.kind === 'conflict'
            ? { message: state.message }
            : refusedForGood
              ? { message: state.message }
              : alert
        }
      >
        {state.kind === 'conflict' ? (
          <p>
            <button
              type="button"
              className={buttonStyles.button}
              onClick={() => window.location.reload()}
            >
              Reload the application
            </button>
          </p>
        ) : null}
      </ErrorAlert>

      {errors.length > 0 ? (
        <div
          className={styles.errorSummary}
          ref={summaryRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title">
            {errors.length === 1
              ? 'There is 1 problem to fix before you can submit'
              : `There are ${errors.length} problems to fix before you can submit`}
          </h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a
                  href={`#${applicationControlId(e.field)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const target = document.getElementById(applicationControlId(e.field));
                    target?.focus();
                    target?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {e.label}: {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <form onSubmit={onSubmit} noValidate className={pageLayout.stackLg}>
        <fieldset className={cardStyles.card} disabled={locked}>
          <legend className={styles.cardLegend}>About you</legend>
          <div className={pageLayout.grid2}>
            <TextField
              {...field('profile.name')}
              label="Your name"
              autoComplete="name"
              value={text('name')}
              onChange={(e) => setProfileField('name', textOrNull(e.target.value))}
            />
            <TextField
              {...field('profile.affiliation')}
              label="Institution (affiliation)"
              autoComplete="organization"
              value={text('affiliation')}
              onChange={(e) => setProfileField('affiliation', textOrNull(e.target.value))}
            />
            <SelectField
              {...field('profile.organisationType')}
              label="Organisation type"
              value={text('organisationType')}
              onChange={(e) => setProfileField('organisationType', textOrNull(e.target.value))}
            >
              <option value="">Choose…</option>
              {lab.taxonomy.organisationTypes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </SelectField>
            <SelectField
              {...field('profile.careerStage')}
              label="Career stage"
              value={text('careerStage')}
              onChange={(e) => setProfileField('careerStage', textOrNull(e.target.value))}
            >
              <option value="">Choose…</option>
              {lab.taxonomy.careerStages.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </SelectField>
          </div>
          <ChoiceGroup
            {...field('profile.disciplines')}
            legend="Disciplines"
            hint="Choose every discipline you work in, then mark one as your primary discipline."
          >
            {lab.taxonomy.disciplines.map((d, i) => (
              <label key={d} className={fieldStyles.option}>
                <input
                  type="checkbox"
                  id={i === 0 ? applicationControlId('profile.disciplines') : undefined}
                  checked={disciplines.includes(d)}
                  aria-invalid={Boolean(errorOf('profile.disciplines')) || undefined}
                  onChange={(e) => toggleDiscipline(d, e.target.checked)}
                />
                {d}
              </label>
            ))}
          </ChoiceGroup>
          <ChoiceGroup
            {...field('profile.primaryDiscipline')}
            legend="Primary discipline"
            hint={disciplines.length === 0 ? 'Choose your disciplines first.' : undefined}
          >
            {disciplines.map((d, i) => (
              <label key={d} className={fieldStyles.option}>
                <input
                  type="radio"
                  name="primary-discipline"
                  id={i === 0 ? applicationControlId('profile.primaryDiscipline') : undefined}
                  checked={profile.primaryDiscipline === d}
                  onChange={() => setProfileField('primaryDiscipline', d)}
                />
                {d}
              </label>
            ))}
          </ChoiceGroup>
          <TextField
            {...field('profile.expertiseKeywords')}
            label="Expertise keywords"
            hint={
              lab.expertiseExamples
                ? `Separated by commas, up to 10: e.g. ${lab.expertiseExamples}.`
                : 'Separated by commas, up to 10: the methods and subjects you know best.'
            }
            value={keywordsText}
            onChange={(e) => {
              setKeywordsText(e.target.value);
              const list = splitList(e.target.value);
              setProfileField('expertiseKeywords', list.length > 0 ? list : null);
            }}
          />
          <div className={pageLayout.grid2}>
            <SelectField
              {...field('profile.country')}
              label="Country"
              autoComplete="country"
              value={text('country')}
              onChange={(e) => setProfileField('country', textOrNull(e.target.value))}
            >
              <option value="">Choose…</option>
              {countryNames.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              {...field('profile.orcid')}
              label="ORCID iD (optional)"
              hint="Like 0000-0002-1825-0097."
              inputMode="text"
              spellCheck={false}
              value={text('orcid')}
              onChange={(e) => setProfileField('orcid', textOrNull(e.target.value))}
            />
          </div>
          <TextAreaField
            {...field('profile.links')}
            label="Links (optional)"
            hint="Up to 5 web addresses, one per line: a lab page, publications, code."
            rows={3}
            value={linksText}
            onChange={(e) => {
              setLinksText(e.target.value);
              const list = splitList(e.target.value, /\n/);
              setProfileField('links', list.length > 0 ? list : null);
            }}
          />
          {days.length > 0 ? (
            <fieldset className={styles.availability}>
              <legend>Can you attend each day of the workshop?</legend>
              <p className={fieldStyles.hint}>
                The lab asks participants to attend the whole workshop. A “no” is shown to the
                reviewers.
              </p>
              {days.map((day) => {
                const name = `profile.availability.${day}`;
                const answer = profile.availability?.[day];
                return (
                  <ChoiceGroup
                    key={day}
                    id={applicationControlId(name)}
                    legend={formatWorkshopDay(day)}
                    error={errorOf(name)}
                    className={styles.availabilityDay}
                  >
                    {[true, false].map((can) => (
                      <label key={String(can)} className={fieldStyles.option}>
                        <input
                          type="radio"
                          name={name}
                          id={can ? applicationControlId(name) : undefined}
                          checked={answer === can}
                          onChange={() => setAvailability(day, can)}
                        />
                        {can ? 'Yes' : 'No'}
                      </label>
                    ))}
                  </ChoiceGroup>
                );
              })}
            </fieldset>
          ) : null}
        </fieldset>

        <fieldset className={cardStyles.card} disabled={locked}>
          <legend className={styles.cardLegend}>Your answers</legend>
          {questions.map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              value={answers[question.id]}
              error={errorOf(`answers.${question.id}`)}
              onChange={(value) => setAnswer(question.id, value)}
            />
          ))}
        </fieldset>

        <div className={actionStyles.formActions}>
          {!submitted && !withdrawn ? (
            <button type="submit" className={buttonStyles.button} disabled={locked || submitting}>
              {submitting ? 'Submitting…' : 'Submit application'}
            </button>
          ) : null}
          <Link
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            to={`/applications/${application.id}`}
          >
            {submitted || locked ? 'Done' : 'Save and continue later'}
          </Link>
        </div>
      </form>
    </section>
  );
}
