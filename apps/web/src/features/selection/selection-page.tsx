import { useMemo, useState } from 'react';
import { ApplicantLink } from '../../components/applicant-link';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField } from '../../components/form-fields';
import { formatLabTime } from '../../lib/lab-time';
import { phaseLabel } from '../../lib/phases';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import type { ApplicantDirectory } from './applicants';
import { selectionChanged, selectionCommands, selectionQueries } from './queries';
import { formatMerit, formatShare, priceBars } from './merit-chart';
import { describeQuotas, quotaFormValues } from './quota-form';
import { QuotaForm } from './quota-editor';
import { compareRuns } from './run-compare';
import { foundCohort, RUN_TONES, runNumbers, statusLabel } from './run-labels';
import type { CreateSelectionRun, SelectionRun, SelectionRunSummary } from './types';
import { TableScroll } from '../../components/table-scroll';
import styles from './selection.module.css';
import { Badge } from '../../components/badge';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** Quotas, the stored runs with what each cost, and two runs side by side. */
export function SelectionPage() {
  const { lab } = useLab();
  const navigate = useNavigate();
  const location = useLocation();
  const runs = useQuery(selectionQueries.runs(lab.id));
  const applicants = useQuery(selectionQueries.applicants(lab.id));
  const [startFrom, setStartFrom] = useState<SelectionRunSummary | null>(null);
  const [status, setStatus] = useState<string | null>(
    (location.state as { status?: string } | null)?.status ?? null,
  );
  const initial = useMemo(() => quotaFormValues(lab, startFrom ?? undefined), [lab, startFrom]);

  const run = async (request: CreateSelectionRun) => {
    setStatus('Selecting the cohort…');
    try {
      const created = await selectionCommands.createRun(lab.id, request);
      void selectionChanged(lab.id);
      await navigate(`runs/${created.id}`, { state: { created: true } });
    } catch (error) {
      setStatus(null);
      throw error;
    }
  };

  const dir = applicants.data ?? null;
  const list = runs.data ?? null;

  return (
    <div className={pageLayout.stackLg}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert
        alert={
          runs.isError
            ? alertFor(runs.error)
            : applicants.isError
              ? alertFor(applicants.error)
              : null
        }
      />
      <section className={cardStyles.card} aria-labelledby="quotas-title">
        <h2 id="quotas-title">Quotas</h2>
        <p className={textStyles.muted}>
          The cohort is chosen from the submitted applications that have been reviewed, by
          normalised merit, keeping every quota. Each run is stored and can be compared, repeated
          and adopted.
        </p>
        {lab.phase !== 'selection' ? (
          <p className={feedback.notice}>
            Selection runs are made and adopted while the lab is in the Selection phase; it is in{' '}
            {phaseLabel(lab.phase)}. Move it on in <Link to="../settings">Settings</Link> once the
            call has closed.
          </p>
        ) : null}
        {startFrom && list ? (
          <p className={feedback.notice}>
            Starting from the quotas of run {runNumbers(list).get(startFrom.id)}.{' '}
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => setStartFrom(null)}
            >
              Clear the form
            </button>
          </p>
        ) : null}
        {dir ? (
          <QuotaForm
            lab={lab}
            initial={initial}
            applicants={dir.all}
            nameOf={dir.nameOf}
            onRun={run}
          />
        ) : applicants.isPending ? (
          <Loading what="the applicants" />
        ) : null}
      </section>

      <section className={cardStyles.card} aria-labelledby="runs-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="runs-title">Runs</h2>
          {list ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => void runs.refetch()}
            >
              Refresh
            </button>
          ) : null}
        </div>
        {runs.isPending ? <Loading what="the runs" /> : null}
        {list && list.length === 0 ? (
          <p className={textStyles.empty}>
            No run yet: set the quotas above and run the selection.
          </p>
        ) : null}
        {list && list.length > 0 ? (
          <RunsTable
            runs={list}
            timezone={lab.timezone}
            onStartFrom={(r) => {
              setStartFrom(r);
              setStatus(`The form now holds the quotas of run ${runNumbers(list).get(r.id)}.`);
              document.getElementById('quotas-title')?.scrollIntoView();
              setTimeout(() => document.getElementById('quota-capacity')?.focus());
            }}
          />
        ) : null}
      </section>

      {list && list.length >= 2 && dir ? (
        <CompareRuns labId={lab.id} runs={list} directory={dir} />
      ) : null}
    </div>
  );
}

function RunsTable(props: {
  runs: SelectionRunSummary[];
  timezone: string;
  onStartFrom: (run: SelectionRunSummary) => void;
}) {
  const { runs } = props;
  const numbers = runNumbers(runs);
  const bars = priceBars(runs.map((r) => r.priceOfDiversity?.absolute ?? null));
  return (
    <TableScroll>
      <table className={styles.runsTable}>
        <caption className="visually-hidden">
          Selection runs, newest first, with the price of diversity of each
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Result</th>
            <th scope="col" className={dataTableStyles.num}>
              Cohort merit
            </th>
            <th scope="col" className={dataTableStyles.num}>
              Top-N merit
            </th>
            <th scope="col">Price of diversity</th>
            <th scope="col">Quotas</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => {
            const quotas = describeQuotas(r.quotas, r.lottery);
            return (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`runs/${r.id}`}>Run {numbers.get(r.id)}</Link>
                  <span className={`${textStyles.muted} ${textStyles.small}`}>
                    {formatLabTime(r.createdAt, props.timezone)}
                  </span>
                  {r.adopted ? <Badge tone="adopted">Adopted</Badge> : null}
                </th>
                <td>
                  <Badge tone={RUN_TONES[r.status]}>{statusLabel(r.status)}</Badge>
                  <span className={textStyles.small}>
                    {r.selected} of {r.capacity} places
                  </span>
                </td>
                <td className={dataTableStyles.num}>{formatMerit(r.objective)}</td>
                <td className={dataTableStyles.num}>{formatMerit(r.unconstrainedMerit)}</td>
                <td className={styles.priceCell}>
                  {r.priceOfDiversity ? (
                    <>
                      <span className={styles.priceBar} aria-hidden="true">
                        <span style={{ width: `${Math.round(bars[i] * 100)}%` }} />
                      </span>
                      <span className={dataTableStyles.num}>
                        {formatMerit(r.priceOfDiversity.absolute)}
                        {formatShare(r.priceOfDiversity.relative)
                          ? ` (${formatShare(r.priceOfDiversity.relative)})`
                          : ''}
                      </span>
                    </>
                  ) : (
                    <span className={textStyles.muted}>no cohort</span>
                  )}
                </td>
                <td>
                  {quotas.length === 0 ? (
                    <span className={textStyles.muted}>none</span>
                  ) : (
                    <ul className={styles.quotaLines}>
                      {quotas.map((q) => (
                        <li key={q}>{q}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                    onClick={() => props.onStartFrom(r)}
                  >
                    Use these quotas
                    <span className="visually-hidden"> (run {numbers.get(r.id)})</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function CompareRuns(props: {
  labId: string;
  runs: SelectionRunSummary[];
  directory: ApplicantDirectory;
}) {
  const { runs, directory } = props;
  const numbers = runNumbers(runs);
  const feasible = runs.filter((r) => foundCohort(r.status));
  const [first, setFirst] = useState((feasible[1] ?? runs[1]).id);
  const [second, setSecond] = useState((feasible[0] ?? runs[0]).id);
  const runA = useQuery(selectionQueries.run(props.labId, first));
  const runB = useQuery(selectionQueries.run(props.labId, second));
  const pairError = runA.error ?? runB.error;
  const option = (r: SelectionRunSummary) => (
    <option key={r.id} value={r.id}>
      Run {numbers.get(r.id)} · {statusLabel(r.status)}
    </option>
  );
  return (
    <section className={cardStyles.card} aria-labelledby="compare-title">
      <h2 id="compare-title">Compare two runs</h2>
      <div className={styles.comparePick}>
        <SelectField
          id="compare-first"
          label="First run"
          value={first}
          onChange={(e) => setFirst(e.target.value)}
        >
          {runs.map(option)}
        </SelectField>
        <SelectField
          id="compare-second"
          label="Second run"
          value={second}
          onChange={(e) => setSecond(e.target.value)}
        >
          {runs.map(option)}
        </SelectField>
      </div>
      <ErrorAlert alert={pairError ? alertFor(pairError) : null} />
      {runA.isPending || runB.isPending ? <Loading what="the two runs" /> : null}
      {runA.data && runB.data ? (
        <Comparison
          a={runA.data}
          b={runB.data}
          labelA={`Run ${numbers.get(first)}`}
          labelB={`Run ${numbers.get(second)}`}
          directory={directory}
        />
      ) : null}
    </section>
  );
}

function Comparison(props: {
  a: SelectionRun;
  b: SelectionRun;
  labelA: string;
  labelB: string;
  directory: ApplicantDirectory;
}) {
  const { a, b, labelA, labelB, directory } = props;
  if (a.id === b.id) return <p className={textStyles.muted}>Choose two different runs.</p>;
  const diff = compareRuns(a, b);
  const merit = new Map(
    [...a.inputs.applicants, ...b.inputs.applicants].map((x) => [x.id, x.merit]),
  );
  const row = (label: string, va: string, vb: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td className={dataTableStyles.num}>{va}</td>
      <td className={dataTableStyles.num}>{vb}</td>
    </tr>
  );
  const people = (ids: string[], caption: string) => (
    <section className={styles.compareSide} aria-label={caption}>
      <h3>
        {caption} ({ids.length})
      </h3>
      {ids.length === 0 ? (
        <p className={textStyles.muted}>Nobody.</p>
      ) : (
        <ul className={styles.peopleList}>
          {ids.map((id) => {
            const who = directory.byId.get(id);
            return (
              <li key={id}>
                <ApplicantLink applicationId={id}>{directory.nameOf(id)}</ApplicantLink>{' '}
                <span className={`${textStyles.muted} ${textStyles.small}`}>
                  {[who?.primaryDiscipline, who?.careerStage, who?.organisationType]
                    .filter(Boolean)
                    .join(' · ')}{' '}
                  · merit {formatMerit(merit.get(id))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
  return (
    <div className={pageLayout.stack}>
      <TableScroll>
        <table className={styles.compareTable}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Figure</span>
              </th>
              <th scope="col" className={dataTableStyles.num}>
                {labelA}
              </th>
              <th scope="col" className={dataTableStyles.num}>
                {labelB}
              </th>
            </tr>
          </thead>
          <tbody>
            {row('Result', statusLabel(a.status), statusLabel(b.status))}
            {row(
              'Places',
              `${a.result.selectedIds.length} of ${a.inputs.capacity}`,
              `${b.result.selectedIds.length} of ${b.inputs.capacity}`,
            )}
            {row(
              'Cohort merit (objective)',
              formatMerit(a.result.objective),
              formatMerit(b.result.objective),
            )}
            {row(
              'Top-N merit',
              formatMerit(a.result.unconstrained.merit),
              formatMerit(b.result.unconstrained.merit),
            )}
            {row(
              'Price of diversity',
              formatMerit(a.result.priceOfDiversity?.absolute),
              formatMerit(b.result.priceOfDiversity?.absolute),
            )}
            {row('Seed', a.seed, b.seed)}
          </tbody>
        </table>
      </TableScroll>
      <p>
        {diff.both} in both cohorts.{' '}
        {diff.objectiveDelta !== null
          ? `${labelB} has ${formatMerit(Math.abs(diff.objectiveDelta))} ${diff.objectiveDelta >= 0 ? 'more' : 'less'} merit than ${labelA}.`
          : ''}
      </p>
      <div className={styles.compareSides}>
        {people(diff.onlyFirst, `Only in ${labelA}`)}
        {people(diff.onlySecond, `Only in ${labelB}`)}
      </div>
    </div>
  );
}
