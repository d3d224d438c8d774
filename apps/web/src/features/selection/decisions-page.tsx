import { useQuery } from '@tanstack/react-query';
import { ApplicantLink } from '../../components/applicant-link';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import type { ApplicantDirectory } from './applicants';
import { selectionChanged, selectionCommands, selectionQueries } from './queries';
import { ANSWER_TONES, groupDecisions, RESPONSE_LABELS } from './decision-groups';
import { withNames } from './infeasibility';
import type { Decision } from './types';
import { TableScroll } from '../../components/table-scroll';
import tableStyles from '../../components/applications-table.module.css';
import styles from './selection.module.css';
import { Figures } from '../../components/figures';
import { Badge } from '../../components/badge';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** The adopted run's decisions: who holds a place, the ranked waitlist, who was declined. */
export function DecisionsPage() {
  const { lab } = useLab();
  const location = useLocation();
  const decisions = useQuery(selectionQueries.decisions(lab.id));
  const applicants = useQuery(selectionQueries.applicants(lab.id));
  const [status, setStatus] = useState<string | null>(
    (location.state as { status?: string } | null)?.status ?? null,
  );
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);

  if (decisions.isError) return <ErrorAlert alert={alertFor(decisions.error)} />;
  if (applicants.isError) return <ErrorAlert alert={alertFor(applicants.error)} />;
  if (decisions.isPending || applicants.isPending) return <Loading what="the decisions" />;
  const data = decisions.data;
  const dir = applicants.data;

  const expire = () => {
    setBusy(true);
    setAlert(null);
    selectionCommands
      .expireOffers(lab.id)
      .then(async (result) => {
        const n = result.expiredIds.length;
        const promoted = result.promotion?.promotedIds ?? [];
        setStatus(
          n === 0
            ? 'No offer has passed its date.'
            : `${n} offer${n === 1 ? '' : 's'} passed ${n === 1 ? 'its' : 'their'} date. ${
                promoted.length > 0
                  ? `Offered to ${promoted.map(dir.nameOf).join(', ')} from the waitlist.`
                  : (result.promotion?.explanation ?? [])
                      .map((line) => withNames(line, dir.nameOf))
                      .join(' ')
              }`,
        );
        await selectionChanged(lab.id);
      })
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(false));
  };

  if (!data.adoptedRunId)
    return (
      <div className={pageLayout.stackLg}>
        <StatusMessage>{status}</StatusMessage>
        <section className={`${cardStyles.card} ${textStyles.empty}`}>
          <h2>No decisions yet</h2>
          <p>
            Adopt a run on the <Link to="../selection">Selection</Link> tab: its cohort is offered
            places, the others who can attend go on a ranked waitlist.
          </p>
        </section>
      </div>
    );

  const { accepted, waitlist, declined } = groupDecisions(data.decisions);
  const c = data.counts;
  return (
    <div className={pageLayout.stackLg}>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      <section className={cardStyles.card} aria-labelledby="decisions-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="decisions-title">Decisions</h2>
          <Link to={`../selection/runs/${data.adoptedRunId}`}>The adopted run</Link>
        </div>
        <Figures
          testId="decision-counts"
          figures={[
            { label: 'Confirmed', value: c.confirmed },
            { label: 'Waiting for an answer', value: c.pending },
            { label: 'Places given up', value: c.declinedPlaces },
            { label: 'On the waitlist', value: c.waitlisted },
            { label: 'Declined', value: c.declined },
          ]}
        />
        <div className={actionStyles.formActions}>
          <Link className={`${buttonStyles.button} ${buttonStyles.secondary}`} to="../outbox">
            Letters in the outbox
          </Link>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            disabled={busy}
            onClick={expire}
          >
            {busy ? 'Closing…' : 'Close offers past their date'}
          </button>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.quiet}`}
            onClick={() => void decisions.refetch()}
          >
            Refresh
          </button>
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="accepted-title">
        <h2 id="accepted-title">Offered a place ({accepted.length})</h2>
        <TableScroll>
          <table className={`${tableStyles.table} ${styles.decisionsTable}`}>
            <thead>
              <tr>
                <th scope="col">Applicant</th>
                <th scope="col">Answer</th>
                <th scope="col">Answer by</th>
              </tr>
            </thead>
            <tbody>
              {accepted.map((d) => (
                <AcceptedRow key={d.id} decision={d} directory={dir} timezone={lab.timezone} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className={cardStyles.card} aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">Waitlist ({waitlist.length})</h2>
        {waitlist.length === 0 ? (
          <p className={textStyles.muted}>Nobody is waiting.</p>
        ) : (
          <ol className={styles.waitlist} aria-labelledby="waitlist-title">
            {waitlist.map((d) => (
              <li key={d.id}>
                <span className={styles.waitlistRank}>{d.waitlistRank}</span>
                <ApplicantLink applicationId={d.applicationId}>
                  {dir.nameOf(d.applicationId)}
                </ApplicantLink>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className={cardStyles.card} aria-labelledby="declined-title">
        <h2 id="declined-title">Declined ({declined.length})</h2>
        {declined.length === 0 ? (
          <p className={textStyles.muted}>Nobody.</p>
        ) : (
          <ul className={styles.peopleList}>
            {declined.map((d) => (
              <li key={d.id}>
                <ApplicantLink applicationId={d.applicationId}>
                  {dir.nameOf(d.applicationId)}
                </ApplicantLink>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AcceptedRow(props: {
  decision: Decision;
  directory: ApplicantDirectory;
  timezone: string;
}) {
  const { decision: d, directory } = props;
  const response = d.response ?? 'pending';
  return (
    <tr>
      <th scope="row">
        <ApplicantLink applicationId={d.applicationId}>
          {directory.nameOf(d.applicationId)}
        </ApplicantLink>
        {d.promotion ? (
          <details className={styles.promotion}>
            <summary>Promoted from the waitlist</summary>
            <p className={textStyles.small}>
              In place of {d.promotion.freedBy.map(directory.nameOf).join(', ')}
              {d.promotion.nextInLineIds.length > 0 &&
              d.promotion.nextInLineIds.some((id) => id !== d.applicationId)
                ? `; next in line by merit alone: ${d.promotion.nextInLineIds.map(directory.nameOf).join(', ')}`
                : ''}
              .
            </p>
            <ul className={textStyles.small}>
              {d.promotion.explanation.map((line) => (
                <li key={line}>{withNames(line, directory.nameOf)}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </th>
      <td>
        <Badge tone={ANSWER_TONES[response]}>{RESPONSE_LABELS[response] ?? response}</Badge>
      </td>
      <td>
        {d.respondedAt ? (
          <span className={textStyles.small}>
            answered {formatLabTime(d.respondedAt, props.timezone)}
          </span>
        ) : d.confirmBy ? (
          formatLabTime(d.confirmBy, props.timezone)
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
