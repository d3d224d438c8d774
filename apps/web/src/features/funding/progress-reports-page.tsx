import { useId, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { ConfirmButton } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextAreaField, TextField } from '../../components/form-fields';
import { RoundSelect } from './round-select';
import { formatLabTime, localInputToIso } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { proposalQueries } from '../proposals/api';
import { fundingCommands, fundingKeys, fundingQueries, type ProgressReport } from './api';
import styles from './funding.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const STATUS: Record<ProgressReport['status'], string> = {
  due: 'Due',
  late: 'Late',
  filed: 'Filed',
  'filed-late': 'Filed late',
};

/**
 * Follow-up of a funding round: organisers set report dates for the funded teams, see who is
 * late and remind them; a funded team's members file their report (a short form and links).
 */
export function ProgressReportsPage() {
  const { lab, canOrganise } = useLab();
  const { roundId: fromPath = '' } = useParams();
  const rounds = useQuery(proposalQueries.rounds(lab.id));
  const [picked, setPicked] = useState('');
  const roundId = picked || fromPath || rounds.data?.[0]?.id || '';
  return (
    <section className={pageLayout.stackLg}>
      <h2>Progress reports</h2>
      {rounds.isPending ? <Loading what="the funding rounds" /> : null}
      <RoundSelect id="progress-round" rounds={rounds.data} value={roundId} onChange={setPicked} />
      {roundId ? (
        <RoundReports
          key={roundId}
          labId={lab.id}
          roundId={roundId}
          organiser={canOrganise}
          timezone={lab.timezone}
        />
      ) : null}
    </section>
  );
}

function RoundReports({
  labId,
  roundId,
  organiser,
  timezone,
}: {
  labId: string;
  roundId: string;
  organiser: boolean;
  timezone: string;
}) {
  const reports = useQuery({ ...fundingQueries.reports(labId, roundId), refetchInterval: 30_000 });
  if (reports.isPending) return <Loading what="the progress reports" />;
  if (reports.isError) return <ErrorAlert alert={alertFor(reports.error)} />;
  return (
    <>
      {organiser ? (
        <OrganiserTools
          labId={labId}
          roundId={roundId}
          late={reports.data.late.length}
          timezone={timezone}
        />
      ) : null}
      {reports.data.reports.length === 0 ? (
        <p className={`${cardStyles.card} ${textStyles.empty}`}>
          {organiser
            ? 'No report asked for yet: set a date for the funded teams above.'
            : 'Your team owes no progress report in this round.'}
        </p>
      ) : null}
      {reports.data.reports.map((r) => (
        <ReportCard
          key={`${r.id}:${r.version}`}
          labId={labId}
          roundId={roundId}
          report={r}
          timezone={timezone}
        />
      ))}
    </>
  );
}

function OrganiserTools({
  labId,
  roundId,
  late,
  timezone,
}: {
  labId: string;
  roundId: string;
  late: number;
  timezone: string;
}) {
  const headingId = useId();
  const [title, setTitle] = useState('6-month progress report');
  const [due, setDue] = useState('');
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: fundingKeys.reports(labId, roundId) });
  const schedule = useMutation({
    mutationFn: () =>
      fundingCommands.scheduleReports(labId, roundId, {
        title,
        dueAt: localInputToIso(due, timezone) ?? '',
      }),
    onSuccess: invalidate,
  });
  const remind = useMutation({
    mutationFn: () => fundingCommands.remind(labId, roundId),
    onSuccess: invalidate,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate();
  };
  return (
    <section className={`${cardStyles.card} ${styles.section}`} aria-labelledby={headingId}>
      <h3 id={headingId}>Report dates</h3>
      <form className={styles.decision} onSubmit={submit}>
        <TextField
          id="report-title"
          label="Report"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField
          id="report-due"
          label={`Due (${timezone})`}
          type="datetime-local"
          value={due}
          onChange={(e) => setDue(e.target.value)}
        />
        <button type="submit" className={buttonStyles.button} disabled={schedule.isPending || !due}>
          Ask the funded teams
        </button>
      </form>
      <ErrorAlert alert={schedule.isError ? alertFor(schedule.error) : null} />
      <p className={late > 0 ? styles.late : undefined}>
        {late === 0 ? 'No team is late.' : `${late} ${late === 1 ? 'team is' : 'teams are'} late.`}
      </p>
      <div className={styles.actions}>
        {/* Reminders leave at once and cannot be called back: say so before sending. */}
        <ConfirmButton
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={late === 0 || remind.isPending}
          ask={{
            title: `Remind ${late} late ${late === 1 ? 'team' : 'teams'}?`,
            body: 'Every member of each late team gets a reminder through the outbox, sent at once.',
            confirmLabel: 'Send the reminders',
          }}
          onConfirm={() => remind.mutate()}
        >
          Remind the late teams
        </ConfirmButton>
      </div>
      <StatusMessage>
        {remind.data ? `${remind.data.letters} reminders sent through the outbox.` : ''}
      </StatusMessage>
      <ErrorAlert alert={remind.isError ? alertFor(remind.error) : null} />
    </section>
  );
}

function ReportCard({
  labId,
  roundId,
  report,
  timezone,
}: {
  labId: string;
  roundId: string;
  report: ProgressReport;
  timezone: string;
}) {
  const [summary, setSummary] = useState(report.summary);
  const [outcomes, setOutcomes] = useState(report.outcomes);
  const [nextSteps, setNextSteps] = useState(report.nextSteps);
  const [links, setLinks] = useState(report.links.map((l) => `${l.label} ${l.url}`).join('\n'));
  const file = useMutation({
    mutationFn: () =>
      fundingCommands.fileReport(labId, roundId, report.id, {
        version: report.version,
        summary,
        outcomes,
        nextSteps,
        links: links
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const at = line.lastIndexOf(' ');
            return at > 0
              ? { label: line.slice(0, at).trim(), url: line.slice(at + 1) }
              : { label: line, url: line };
          }),
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: fundingKeys.reports(labId, roundId) }),
  });
  const id = report.id;
  return (
    <article
      className={`${cardStyles.card} ${styles.section}`}
      aria-label={`${report.team.name}: ${report.title}`}
    >
      <h3>
        {report.team.name}: {report.title}
      </h3>
      <p>
        Due {formatLabTime(report.dueAt, timezone)} ·{' '}
        <span className={report.status === 'late' ? styles.late : undefined}>
          {STATUS[report.status]}
        </span>
        {report.filedAt
          ? ` · filed${report.filedBy ? ` by ${report.filedBy}` : ''} on ${formatLabTime(report.filedAt, timezone)}`
          : ''}
        {report.reminders > 0 ? ` · reminded ${report.reminders}×` : ''}
      </p>
      {report.canFile ? (
        <form
          className={styles.section}
          onSubmit={(e) => {
            e.preventDefault();
            file.mutate();
          }}
        >
          <TextAreaField
            id={`summary-${id}`}
            label="What the team did"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <TextAreaField
            id={`outcomes-${id}`}
            label="Results, publications, data"
            value={outcomes}
            onChange={(e) => setOutcomes(e.target.value)}
          />
          <TextAreaField
            id={`next-${id}`}
            label="Next steps"
            value={nextSteps}
            onChange={(e) => setNextSteps(e.target.value)}
          />
          <TextAreaField
            id={`links-${id}`}
            label="Links"
            hint="One per line: a label, a space, then the address (https://…)"
            value={links}
            onChange={(e) => setLinks(e.target.value)}
          />
          <div className={styles.actions}>
            <button
              type="submit"
              className={buttonStyles.button}
              disabled={file.isPending || !summary.trim()}
            >
              {report.filedAt ? 'File again' : 'File the report'}
            </button>
          </div>
          <StatusMessage>{file.isSuccess ? 'Report filed.' : ''}</StatusMessage>
          <ErrorAlert alert={file.isError ? alertFor(file.error) : null} />
        </form>
      ) : report.filedAt ? (
        <div>
          <p className={styles.letter}>{report.summary}</p>
          {report.outcomes ? <p className={styles.letter}>{report.outcomes}</p> : null}
          {report.nextSteps ? <p className={styles.letter}>{report.nextSteps}</p> : null}
          {report.links.length > 0 ? (
            <ul>
              {report.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} rel="noreferrer noopener" target="_blank">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
