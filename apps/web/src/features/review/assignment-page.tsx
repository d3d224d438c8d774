import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApplicantLink } from '../../components/applicant-link';
import { useState } from 'react';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { NumberField, notWholeNumbers, wholeNumberOf } from '../../components/number-field';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, useFormSubmit, type AlertContent } from '../../lib/use-form-submit';
import { applicationReviewOpen, phaseLabel } from '../../lib/phases';
import { useLab } from '../../pages/lab/lab-context';
import {
  reviewChanged,
  reviewCommands,
  reviewKeys,
  reviewQueries,
  type AssignmentRun,
  type LabReviewProgress,
  type ReviewAssignment,
} from './api';
import { ReviewProgressBar } from './review-bits';
import {
  HandAssignForm,
  ReviewerAssignmentsTable,
  ReviewerLoadsTable,
  reviewersOf,
  type AssignedReviewer,
  type ReviewedItem,
} from './reviewer-assignments';
import { runSettings } from './assignment-run';
import { SubmittedReviews } from './others-reviews';
import { withNames } from './review-scores';
import { DataTable } from '../../components/data-table';
import { Pager } from '../../components/pager';
import styles from './review.module.css';
import { Fact, Facts } from '../../components/facts';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const applicantLabel = (name: string | null) => name ?? 'Unnamed applicant';

/** Applications per page of the per-application table: a lab of 130 stays readable. */
const APPLICATIONS_PAGE_SIZE = 20;
/**
 * Reviewers for the submitted applications: run the automatic assignment (k reviews each, a
 * load range per reviewer, conflicts of interest respected), read what it did and could not
 * do, adjust by hand, and follow progress per reviewer and per application.
 */
export function AssignmentPage() {
  const { lab } = useLab();
  const current = useQuery(reviewQueries.assignments(lab.id));
  const reported = useQuery(reviewQueries.progress(lab.id));
  const [status, setStatus] = useState<string | null>(null);

  const failed = current.error ?? reported.error;
  if (failed) return <ErrorAlert alert={alertFor(failed)} />;
  if (!current.data || !reported.data) return <Loading what="the review assignment" />;
  const { assignments, latestRun } = current.data;
  const progress = reported.data;
  const names = new Map<string, string>([
    ...progress.perReviewer.map((r) => [r.reviewerId, r.name] as [string, string]),
    ...progress.perApplication.map(
      (a) => [a.applicationId, applicantLabel(a.applicantName)] as [string, string],
    ),
  ]);
  // A change is announced once the screen shows it, not while the old table is still up.
  const changed = (message: string) => {
    void reviewChanged(lab.id).then(() => setStatus(message));
  };

  return (
    <div className={pageLayout.stackLg}>
      {applicationReviewOpen(lab.phase) ? null : (
        <p className={feedback.notice}>
          Assignments change only while the call is open and during selection; this lab is in the
          phase “{phaseLabel(lab.phase)}”. Progress stays here to read.
        </p>
      )}
      <StatusMessage>{status}</StatusMessage>
      <RunForm
        labId={lab.id}
        closed={!applicationReviewOpen(lab.phase)}
        progress={progress}
        latest={latestRun}
        onRun={changed}
      />
      {latestRun ? <RunResult run={latestRun} names={names} timezone={lab.timezone} /> : null}
      <ProgressPerReviewer progress={progress} />
      {applicationReviewOpen(lab.phase) ? (
        <CloseReview labId={lab.id} submitted={progress.totals.submitted} onClosed={changed} />
      ) : null}
      <PerApplication
        labId={lab.id}
        closed={!applicationReviewOpen(lab.phase)}
        progress={progress}
        assignments={assignments}
        onChanged={changed}
      />
    </div>
  );
}

/**
 * Closing review ends revising: reviewers may revise a submitted review until then (each
 * submission kept). Asked first, through the shared dialog: it cannot be undone.
 */
function CloseReview(props: {
  labId: string;
  submitted: number;
  onClosed: (message: string) => void;
}) {
  const { lab } = useLab();
  const rubric = useQuery(reviewQueries.rubric(props.labId));
  const queryClient = useQueryClient();
  const { dialog, confirm } = useConfirmDialog();
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);
  if (!rubric.data) return null;
  const closedAt = rubric.data.closedAt;
  const close = async () => {
    const yes = await confirm({
      title: 'Close application review?',
      body: (
        <p>
          No review can be written or revised after it; the {props.submitted} submitted{' '}
          {props.submitted === 1 ? 'review stays' : 'reviews stay'} as they are. This cannot be
          undone.
        </p>
      ),
      confirmLabel: 'Close review',
      danger: true,
    });
    if (!yes) return;
    setBusy(true);
    setAlert(null);
    reviewCommands
      .closeReview(props.labId)
      .then((closed) => {
        queryClient.setQueryData(reviewKeys.rubric(props.labId), closed);
        props.onClosed('Review is closed: reviews can no longer be written or revised.');
      })
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(false));
  };
  return (
    <section className={cardStyles.card} aria-labelledby="close-review-title">
      <h2 id="close-review-title">Close review</h2>
      <ErrorAlert alert={alert} />
      {closedAt ? (
        <p>Review was closed on {formatLabTime(closedAt, lab.timezone)}.</p>
      ) : (
        <>
          <p className={textStyles.muted}>
            Reviewers may revise a submitted review until review closes (each submission is kept).
          </p>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={busy}
            onClick={() => void close()}
          >
            Close review…
          </button>
        </>
      )}
      {dialog}
    </section>
  );
}

const RUN_FIELDS = ['reviewsPerApplication', 'load.min', 'load.max', 'reviewerIds'];

function RunForm(props: {
  labId: string;
  closed: boolean;
  progress: LabReviewProgress;
  /** A re-run starts from the last run's settings. */
  latest: AssignmentRun | null;
  onRun: (message: string) => void;
}) {
  const reviewers = props.progress.perReviewer;
  const last = runSettings(props.latest);
  const [k, setK] = useState(last?.k ?? '3');
  const [min, setMin] = useState(last?.min ?? '');
  const [max, setMax] = useState(last?.max ?? '');
  const [chosen, setChosen] = useState<string[]>(
    () => last?.reviewerIds ?? reviewers.map((r) => r.reviewerId),
  );
  const form = useFormSubmit(RUN_FIELDS);
  const errors = form.fieldErrors;

  const run = form.handleCheckedSubmit(
    () => ({
      ...notWholeNumbers({ reviewsPerApplication: k, 'load.min': min, 'load.max': max }),
      ...(chosen.length === 0 ? { reviewerIds: 'Choose at least one reviewer.' } : {}),
    }),
    async () => {
      const load = { min: wholeNumberOf(min), max: wholeNumberOf(max) };
      const result = await reviewCommands.runAssignment(props.labId, {
        // Empty, it is left out and the server answers "Required." beside the field.
        reviewsPerApplication: wholeNumberOf(k) as number,
        ...(load.min !== undefined || load.max !== undefined ? { load } : {}),
        reviewerIds: chosen,
      });
      props.onRun(
        result.complete
          ? `Assignment done: every application has ${result.reviewsPerApplication} reviewers (${result.added} added, ${result.kept} kept).`
          : `Assignment done, but ${result.unfilled.length} ${result.unfilled.length === 1 ? 'application is' : 'applications are'} short of reviewers: see why below.`,
      );
    },
  );

  return (
    <form
      id={form.formId}
      className={`${cardStyles.card} ${pageLayout.stack}`}
      onSubmit={run}
      noValidate
      aria-labelledby="run-title"
    >
      <h2 id="run-title">Automatic assignment</h2>
      <p className={textStyles.muted}>
        Gives every submitted application the number of reviewers you ask for, keeps each reviewer's
        load within the range and as even as possible, and never assigns a conflict of interest.
        Started and submitted reviews and assignments made by hand are kept; running it again
        replaces only the untouched automatic ones.
      </p>
      <ErrorAlert alert={form.alert} />
      <div className={pageLayout.grid3}>
        <NumberField
          id="run-reviewsPerApplication"
          label="Reviews per application (k)"
          value={k}
          error={errors.reviewsPerApplication}
          onChange={setK}
        />
        <NumberField
          id="run-load-min"
          label="Fewest reviews per reviewer"
          hint="Optional."
          value={min}
          error={errors['load.min']}
          onChange={setMin}
        />
        <NumberField
          id="run-load-max"
          label="Most reviews per reviewer"
          hint="Optional."
          value={max}
          error={errors['load.max']}
          onChange={setMax}
        />
      </div>
      <fieldset
        className={fieldStyles.options}
        aria-describedby={errors.reviewerIds ? 'run-reviewers-error' : undefined}
      >
        <legend>Reviewers</legend>
        {reviewers.length === 0 ? (
          <p className={textStyles.muted}>
            The lab has no mentors yet: invite them on the People tab.
          </p>
        ) : (
          <div className={fieldStyles.optionsList}>
            {reviewers.map((r) => (
              <label key={r.reviewerId} className={fieldStyles.option}>
                <input
                  type="checkbox"
                  checked={chosen.includes(r.reviewerId)}
                  aria-invalid={Boolean(errors.reviewerIds)}
                  onChange={(e) =>
                    setChosen((list) =>
                      e.target.checked
                        ? [...list, r.reviewerId]
                        : list.filter((x) => x !== r.reviewerId),
                    )
                  }
                />
                {r.name}
                <span className={`${textStyles.muted} ${textStyles.small}`}>
                  ({r.roles.join(', ')})
                </span>
              </label>
            ))}
          </div>
        )}
        {errors.reviewerIds ? (
          <p className={fieldStyles.error} id="run-reviewers-error">
            <span aria-hidden="true">⚠ </span>
            {errors.reviewerIds}
          </p>
        ) : null}
      </fieldset>
      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={form.busy || props.closed}>
          {form.busy ? 'Assigning…' : 'Run the assignment'}
        </button>
      </div>
    </form>
  );
}

function RunResult({
  run,
  names,
  timezone,
}: {
  run: AssignmentRun;
  names: ReadonlyMap<string, string>;
  timezone: string;
}) {
  return (
    <section className={cardStyles.card} aria-labelledby="result-title">
      <h2 id="result-title">Latest run</h2>
      <p
        className={
          run.complete
            ? `${styles.runOutcome} ${styles.runOutcomeOk}`
            : `${styles.runOutcome} ${styles.runOutcomeShort}`
        }
      >
        {run.complete
          ? `Complete: each of the ${run.applications} applications has ${run.reviewsPerApplication} reviewers.`
          : `Incomplete: ${run.unfilled.length} of ${run.applications} applications are short of reviewers (k = ${run.reviewsPerApplication}).`}
      </p>
      <Facts>
        <Fact label="Run">{formatLabTime(run.createdAt, timezone)}</Fact>
        <Fact label="Assignments added / kept">
          {run.added} / {run.kept}
        </Fact>
        <Fact label="Load spread (most − fewest)">{run.loadSpread}</Fact>
        <Fact label="Solver">
          {run.optimal ? 'optimal' : 'not proven optimal'} ({run.solverStatus})
        </Fact>
      </Facts>
      {run.problems.length > 0 ? (
        <div className={`${feedback.notice} ${styles.runProblems}`} data-testid="run-problems">
          <h3>Why it is short</h3>
          <ul>
            {run.problems.map((p) => (
              <li key={p}>{withNames(p, names)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {run.unfilled.length > 0 ? (
        <>
          <h3>Applications short of reviewers</h3>
          <ul>
            {run.unfilled.map((u) => (
              <li key={u.applicationId}>
                {applicantLabel(u.name)}: {u.assigned} assigned, {u.missing} missing
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {run.warnings.length > 0 ? (
        <>
          <h3>Warnings</h3>
          <ul>
            {run.warnings.map((w) => (
              <li key={w}>{withNames(w, names)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 id="loads-title">Load per reviewer</h3>
      <ReviewerLoadsTable loads={run.loads} />
    </section>
  );
}

function ProgressPerReviewer({ progress }: { progress: LabReviewProgress }) {
  const { totals } = progress;
  return (
    <section className={cardStyles.card} aria-labelledby="progress-title">
      <h2 id="progress-title">Progress per reviewer</h2>
      <p>
        {totals.submitted} of {totals.assigned} reviews submitted ({totals.draft} in draft) ·{' '}
        {totals.applicationsFullyReviewed} of {totals.applications} applications fully reviewed
      </p>
      <DataTable
        rows={progress.perReviewer}
        rowKey={(r) => r.reviewerId}
        columns={[
          { header: 'Reviewer', rowHeader: true, cell: (r) => r.name },
          { header: 'Assigned', numeric: true, cell: (r) => r.assigned },
          { header: 'Submitted', numeric: true, cell: (r) => r.submitted },
          { header: 'Draft', numeric: true, cell: (r) => r.draft },
          { header: 'Not started', numeric: true, cell: (r) => r.notStarted },
          {
            header: 'Done',
            cell: (r) => (
              <ReviewProgressBar
                done={r.submitted}
                total={r.assigned}
                label={`Reviews submitted by ${r.name}`}
              />
            ),
          },
        ]}
      />
    </section>
  );
}

function PerApplication(props: {
  labId: string;
  closed: boolean;
  progress: LabReviewProgress;
  assignments: ReviewAssignment[];
  onChanged: (message: string) => void;
}) {
  const { progress, assignments } = props;
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);
  const [reading, setReading] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(progress.perApplication.length / APPLICATIONS_PAGE_SIZE));
  const shownPage = Math.min(page, pages);
  const first = (shownPage - 1) * APPLICATIONS_PAGE_SIZE;
  const shown = progress.perApplication.slice(first, first + APPLICATIONS_PAGE_SIZE);
  const byApplication = reviewersOf(assignments, (a) => a.applicationId);

  const assign = (applicationId: string, reviewerId: string) => {
    setBusy(true);
    setAlert(null);
    return reviewCommands
      .addAssignment(props.labId, { applicationId, reviewerId })
      .then((added) => {
        props.onChanged(
          `${added.reviewerName} now reviews ${applicantLabel(added.applicantName)}.`,
        );
        return true;
      })
      .catch((error: unknown) => {
        setAlert(alertFor(error));
        return false;
      })
      .finally(() => setBusy(false));
  };

  const remove = (a: AssignedReviewer, application: ReviewedItem) => {
    setBusy(true);
    setAlert(null);
    reviewCommands
      .removeAssignment(props.labId, a.id)
      .then(() => props.onChanged(`${a.reviewerName} no longer reviews ${application.name}.`))
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="per-application-title"
    >
      <h2 id="per-application-title">Reviewers per application</h2>
      <HandAssignForm
        itemLabel="Application"
        items={progress.perApplication.map((a) => ({
          id: a.applicationId,
          label: applicantLabel(a.applicantName),
        }))}
        reviewerLabel="Reviewer"
        reviewers={progress.perReviewer.map((r) => ({ id: r.reviewerId, label: r.name }))}
        busy={busy}
        disabled={props.closed}
        onAssign={assign}
      />
      <ErrorAlert alert={alert} />
      {progress.perApplication.length === 0 ? (
        <p className={textStyles.muted}>No application is submitted yet.</p>
      ) : (
        <ReviewerAssignmentsTable
          itemLabel="Application"
          items={shown.map((p) => ({
            id: p.applicationId,
            name: applicantLabel(p.applicantName),
            heading: (
              <ApplicantLink applicationId={p.applicationId}>
                {applicantLabel(p.applicantName)}
              </ApplicantLink>
            ),
            reviewers: byApplication.get(p.applicationId) ?? [],
            submitted: p.submitted,
            assigned: p.assigned,
          }))}
          busy={busy}
          onRemove={remove}
          doneExtra={(p) => {
            if (p.submitted === 0) return null;
            const open = reading === p.id;
            return (
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                aria-expanded={open}
                onClick={() => setReading(open ? null : p.id)}
              >
                {open ? 'Hide reviews' : 'Read reviews'}
                <span className="visually-hidden"> of {p.name}</span>
              </button>
            );
          }}
          expanded={(p) =>
            reading === p.id ? (
              <section aria-label={`Reviews of ${p.name}`}>
                <SubmittedReviews labId={props.labId} applicationId={p.id} />
              </section>
            ) : null
          }
        />
      )}
      <Pager label="Pages of applications" page={shownPage} pages={pages} onGo={setPage}>
        ({first + 1}–{first + shown.length} of {progress.perApplication.length})
      </Pager>
    </section>
  );
}
