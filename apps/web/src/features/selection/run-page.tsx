import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApplicantLink } from '../../components/applicant-link';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { formatLabTime, localInputToIso } from '../../lib/lab-time';
import { alertFor, useFormSubmit } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import type { ApplicantDirectory } from './applicants';
import { selectionChanged, selectionCommands, selectionKeys, selectionQueries } from './queries';
import { explainInfeasibility } from './infeasibility';
import { MeritChart } from './merit-chart-figure';
import { formatMerit, formatShare } from './merit-chart';
import { describeQuotas } from './quota-form';
import { foundCohort, RUN_TONES, runNumbers, statusLabel } from './run-labels';
import type { AdoptSelectionRun, SelectionRun } from './types';
import { TableScroll } from '../../components/table-scroll';
import tableStyles from '../../components/applications-table.module.css';
import { useConfirmDialog } from '../../components/confirm-dialog';
import styles from './selection.module.css';
import { Fact, Facts } from '../../components/facts';
import { Badge } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** One stored run: what it was given, what it found (or why it could not), and adopting it. */
export function RunPage() {
  const { lab } = useLab();
  const { runId = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const queryClient = useQueryClient();
  const shown = useQuery(selectionQueries.run(lab.id, runId));
  const all = useQuery(selectionQueries.runs(lab.id));
  const applicants = useQuery(selectionQueries.applicants(lab.id));
  const [status, setStatus] = useState<string | null>(null);

  const failed = shown.error ?? all.error ?? applicants.error;
  if (failed) return <ErrorAlert alert={alertFor(failed)} />;
  if (!shown.data || !all.data || !applicants.data) return <Loading what="the run" />;
  const run = shown.data;
  const runs = all.data;
  const dir = applicants.data;
  const number = runNumbers(runs).get(run.id) ?? '';
  const feasible = foundCohort(run.status);

  return (
    <div className={pageLayout.stackLg}>
      <p>
        <Link to="../selection">← All runs and quotas</Link>
      </p>
      <StatusMessage>
        {status ??
          (created
            ? feasible
              ? `Run ${number} found a cohort of ${run.result.selectedIds.length}.`
              : `Run ${number} found no cohort: the quotas conflict.`
            : null)}
      </StatusMessage>
      <section className={cardStyles.card} aria-labelledby="run-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="run-title">Run {number}</h2>
          <p>
            <Badge tone={RUN_TONES[run.status]}>{statusLabel(run.status)}</Badge>
            {run.adopted ? <Badge tone="adopted">Adopted</Badge> : null}
          </p>
        </div>
        <RunFacts run={run} timezone={lab.timezone} />
        <RerunCheck labId={lab.id} run={run} onStatus={setStatus} />
      </section>

      {run.result.infeasibility ? <Infeasibility run={run} directory={dir} /> : null}

      {feasible ? (
        <section className={cardStyles.card} aria-labelledby="price-title">
          <h2 id="price-title">Price of diversity</h2>
          <MeritChart run={run} />
        </section>
      ) : null}

      {feasible ? <Cohort run={run} directory={dir} /> : null}

      {feasible ? (
        <AdoptForm
          labId={lab.id}
          timezone={lab.timezone}
          phase={lab.phase}
          run={run}
          number={number}
          onAdopted={() => {
            queryClient.setQueryData(selectionKeys.run(lab.id, run.id), { ...run, adopted: true });
            void selectionChanged(lab.id);
          }}
        />
      ) : null}
    </div>
  );
}

function RunFacts({ run, timezone }: { run: SelectionRun; timezone: string }) {
  const quotas = describeQuotas(run.inputs.quotas, run.inputs.lottery);
  const price = run.result.priceOfDiversity;
  const share = formatShare(price?.relative);
  return (
    <Facts>
      <Fact label="Made">{formatLabTime(run.createdAt, timezone)}</Fact>
      <Fact label="Places">
        {run.result.selectedIds.length} of {run.inputs.capacity} filled
      </Fact>
      <Fact label="Considered">
        {run.inputs.applicants.length} reviewed applicants
        {run.inputs.unreviewedIds.length > 0
          ? `; ${run.inputs.unreviewedIds.length} submitted but not reviewed were left out`
          : ''}
        {run.result.ineligibleIds.length > 0
          ? `; ${run.result.ineligibleIds.length} cannot attend the whole workshop`
          : ''}
      </Fact>
      <Fact label="Cohort merit">{formatMerit(run.result.objective)}</Fact>
      <Fact label="Top-N merit">{formatMerit(run.result.unconstrained.merit)}</Fact>
      <Fact label="Price of diversity">
        {price ? `${formatMerit(price.absolute)}${share ? ` (${share})` : ''}` : '—'}
      </Fact>
      <Fact label="Quotas">{quotas.length === 0 ? 'none' : quotas.join('; ')}</Fact>
      <Fact label="Seed">
        <code>{run.seed}</code>
      </Fact>
      <Fact label="Solver">
        {run.solverStatus}
        {run.result.gap !== null && run.result.gap > 0
          ? ` (gap ${(run.result.gap * 100).toFixed(2)} %)`
          : ''}
      </Fact>
    </Facts>
  );
}

function RerunCheck(props: { labId: string; run: SelectionRun; onStatus: (s: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<ReturnType<typeof alertFor> | null>(null);
  const check = () => {
    setBusy(true);
    setAlert(null);
    selectionCommands
      .rerun(props.labId, props.run.id)
      .then(
        (r) =>
          props.onStatus(
            r.identical
              ? 'Solved again from the stored inputs and seed: the same cohort, objective and waitlist.'
              : 'Solved again from the stored inputs and seed: the result differs from the stored one.',
          ),
        (error: unknown) => setAlert(alertFor(error)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div className={actionStyles.formActions}>
      <ErrorAlert alert={alert} />
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.secondary}`}
        disabled={busy}
        onClick={check}
      >
        {busy ? 'Solving again…' : 'Repeat this run to check it'}
      </button>
    </div>
  );
}

function Infeasibility({ run, directory }: { run: SelectionRun; directory: ApplicantDirectory }) {
  const infeasibility = run.result.infeasibility!;
  const { conflicts, relaxation } = explainInfeasibility(infeasibility, directory.nameOf);
  return (
    <section className={`${cardStyles.card} ${cardStyles.warn}`} aria-labelledby="infeasible-title">
      <h2 id="infeasible-title">Why no cohort keeps these quotas</h2>
      {conflicts.length > 0 ? (
        <>
          <h3>The quotas that conflict</h3>
          <ul className={styles.explanation}>
            {conflicts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      {relaxation.length > 0 ? (
        <>
          <h3>
            {relaxation.length > 1
              ? 'The smallest change that would allow a cohort: all of these together'
              : 'The smallest change that would allow a cohort'}
          </h3>
          <ul className={styles.explanation}>
            {relaxation.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="../selection">Change the quotas</Link> and run the selection again.
      </p>
    </section>
  );
}

function Cohort({ run, directory }: { run: SelectionRun; directory: ApplicantDirectory }) {
  const byId = new Map(run.inputs.applicants.map((a) => [a.id, a]));
  const topN = new Set(run.result.unconstrained.selectedIds);
  const drawn = new Set(run.result.lottery?.drawnIds ?? []);
  const mustInclude = new Set(run.inputs.quotas.mustInclude ?? []);
  const leftOut = run.result.unconstrained.selectedIds.filter(
    (id) => !run.result.selectedIds.includes(id),
  );
  const rows = (ids: string[], rank: boolean) =>
    ids.map((id, i) => {
      const a = byId.get(id);
      const notes = [
        !topN.has(id) ? 'chosen for the quotas' : '',
        drawn.has(id) ? 'drawn by lot' : '',
        mustInclude.has(id) ? 'must include' : '',
        a?.availabilityOverride ? 'availability overridden' : '',
      ].filter(Boolean);
      return (
        <tr key={id}>
          {rank ? <td className={dataTableStyles.num}>{i + 1}</td> : null}
          <th scope="row">
            <ApplicantLink applicationId={id}>{directory.nameOf(id)}</ApplicantLink>
            {notes.length > 0 ? (
              <span className={`${textStyles.muted} ${textStyles.small}`}>{notes.join(', ')}</span>
            ) : null}
          </th>
          <td>{a?.discipline || '—'}</td>
          <td>{a?.careerStage || '—'}</td>
          <td>{a?.organisationType || '—'}</td>
          <td>{directory.byId.get(id)?.affiliation ?? a?.institution ?? '—'}</td>
          <td>{a?.country || '—'}</td>
          <td className={dataTableStyles.num}>{formatMerit(a?.merit)}</td>
        </tr>
      );
    });
  const head = (rank: boolean) => (
    <thead>
      <tr>
        {rank ? (
          <th scope="col" className={dataTableStyles.num}>
            Rank
          </th>
        ) : null}
        <th scope="col">Applicant</th>
        <th scope="col">Discipline</th>
        <th scope="col">Stage</th>
        <th scope="col">Organisation</th>
        <th scope="col">Institution</th>
        <th scope="col">Country</th>
        <th scope="col" className={dataTableStyles.num}>
          Merit
        </th>
      </tr>
    </thead>
  );
  return (
    <section className={cardStyles.card} aria-labelledby="cohort-title">
      <h2 id="cohort-title">Cohort ({run.result.selectedIds.length})</h2>
      {run.result.lottery ? (
        <p className={feedback.notice}>
          Lottery within {run.result.lottery.tolerance} of the line (
          {formatMerit(run.result.lottery.line)}): {run.result.lottery.bandIds.length} in the band,{' '}
          {run.result.lottery.drawnIds.length} drawn with seed{' '}
          <code>{run.result.lottery.seed}</code>.
        </p>
      ) : null}
      {leftOut.length > 0 ? (
        <p>
          Left out for the quotas although in the top {run.result.unconstrained.selectedIds.length}:{' '}
          {leftOut.map(directory.nameOf).join(', ')}.
        </p>
      ) : null}
      <TableScroll>
        <table className={tableStyles.table}>
          {head(false)}
          <tbody>{rows(run.result.selectedIds, false)}</tbody>
        </table>
      </TableScroll>
      {run.result.waitlistIds.length > 0 ? (
        <details className={styles.waitlistPreview}>
          <summary>Waitlist if adopted ({run.result.waitlistIds.length}, best first)</summary>
          <TableScroll>
            <table className={tableStyles.table}>
              {head(true)}
              <tbody>{rows(run.result.waitlistIds, true)}</tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
    </section>
  );
}

function AdoptForm(props: {
  labId: string;
  timezone: string;
  phase: string;
  run: SelectionRun;
  number: number | string;
  onAdopted: () => void;
}) {
  const navigate = useNavigate();
  const [confirmBy, setConfirmBy] = useState('');
  const [promotedDays, setPromotedDays] = useState('');
  const [declineUnreviewed, setDeclineUnreviewed] = useState(false);
  const [askUnreviewed, setAskUnreviewed] = useState(props.run.inputs.unreviewedIds.length > 0);
  const form = useFormSubmit(['confirmBy', 'promotedConfirmDays', 'declineUnreviewed']);
  const { dialog, confirm } = useConfirmDialog();
  const adopt = form.handleSubmit(
    async () => {
      const body: AdoptSelectionRun = {};
      if (confirmBy) {
        const iso = localInputToIso(confirmBy, props.timezone);
        if (!iso) {
          form.showFieldErrors({ confirmBy: 'Choose a date and time, or leave it empty.' });
          return;
        }
        body.confirmBy = iso;
      }
      if (promotedDays.trim()) {
        if (!/^\d+$/.test(promotedDays.trim())) {
          form.showFieldErrors({ promotedConfirmDays: 'Enter a whole number of days.' });
          return;
        }
        body.promotedConfirmDays = Number(promotedDays.trim());
      }
      if (declineUnreviewed) body.declineUnreviewed = true;
      const selected = props.run.result.selectedIds.length;
      const waiting = props.run.result.waitlistIds.length;
      const sure = await confirm({
        title: `Adopt run ${props.number}?`,
        body: (
          <p>
            {selected} applicant{selected === 1 ? ' is' : 's are'} offered a place, {waiting}{' '}
            {waiting === 1 ? 'goes' : 'go'} on the ranked waitlist and the rest are declined.
            Letters wait in the outbox until you release them. Once anyone has answered an offer,
            the adoption cannot be replaced by another run.
          </p>
        ),
        confirmLabel: `Adopt run ${props.number}`,
      });
      if (!sure) return;
      const decisions = await selectionCommands.adopt(props.labId, props.run.id, body);
      props.onAdopted();
      await navigate('../decisions', {
        state: {
          status: `Run ${props.number} is adopted: ${decisions.counts.accepted} offered a place, ${decisions.counts.waitlisted} on the waitlist, ${decisions.counts.declined} declined.`,
        },
      });
    },
    (error) => {
      if (!isApiError(error)) return undefined;
      if (error.code === 'SELECTION_UNREVIEWED_APPLICATIONS') {
        setAskUnreviewed(true);
        const n = (error.data as { unreviewed?: number } | undefined)?.unreviewed;
        return {
          message: `${n ?? 'Some'} submitted application${n === 1 ? ' was' : 's were'} not reviewed when this run was made, so the run did not consider ${n === 1 ? 'it' : 'them'}. Have ${n === 1 ? 'it' : 'them'} reviewed and run the selection again, or tick “Decline the applications this run did not consider” to adopt it anyway.`,
          requestId: error.requestId,
        };
      }
      return undefined;
    },
  );
  return (
    <section className={cardStyles.card} aria-labelledby="adopt-title">
      <h2 id="adopt-title">{props.run.adopted ? 'Adopted' : 'Adopt this run'}</h2>
      {props.run.adopted ? (
        <p>
          This run's decisions stand. <Link to="../decisions">See the decisions</Link>.
        </p>
      ) : (
        <form id={form.formId} onSubmit={adopt} noValidate className={pageLayout.stack}>
          <p>
            Adopting offers a place to the {props.run.result.selectedIds.length} selected, puts the{' '}
            {props.run.result.waitlistIds.length} others who can attend on a ranked waitlist and
            declines the rest. It replaces an earlier adoption only while nobody has answered.
          </p>
          {props.phase !== 'selection' ? (
            <p className={feedback.notice}>
              Runs are adopted while the lab is in the Selection phase; move it on in{' '}
              <Link to="../settings">Settings</Link>.
            </p>
          ) : null}
          <ErrorAlert alert={form.alert} />
          <div className={styles.quotaFormTop}>
            <TextField
              id="adopt-confirmBy"
              type="datetime-local"
              label="Answer by (optional)"
              hint={`In the lab's timezone, ${props.timezone}; before the workshop starts. Empty: 14 days from now.`}
              value={confirmBy}
              error={form.fieldErrors.confirmBy}
              onChange={(e) => setConfirmBy(e.target.value)}
            />
            <TextField
              id="adopt-promotedConfirmDays"
              label="Days to answer after a promotion (optional)"
              hint="For someone offered a freed place from the waitlist. Empty: 7 days."
              inputMode="numeric"
              value={promotedDays}
              error={form.fieldErrors.promotedConfirmDays}
              onChange={(e) => setPromotedDays(e.target.value)}
            />
          </div>
          {askUnreviewed ? (
            <div className={fieldStyles.check}>
              <input
                id="adopt-declineUnreviewed"
                type="checkbox"
                checked={declineUnreviewed}
                onChange={(e) => setDeclineUnreviewed(e.target.checked)}
              />
              <label htmlFor="adopt-declineUnreviewed">
                Decline the applications this run did not consider (
                {props.run.inputs.unreviewedIds.length || 'some'} not reviewed in time)
              </label>
            </div>
          ) : null}
          <div className={actionStyles.formActions}>
            <button type="submit" className={buttonStyles.button} disabled={form.busy}>
              {form.busy ? 'Adopting…' : `Adopt run ${props.number}`}
            </button>
          </div>
        </form>
      )}
      {dialog}
    </section>
  );
}
