import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { labQueries } from '../../api/labs';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from './lab-context';
import { TableScroll } from '../../components/table-scroll';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** The lab's hash-chained audit log, newest first, and a check that the chain is intact. */
export function LabAuditPage() {
  const { lab } = useLab();
  const log = useInfiniteQuery(labQueries.audit(lab.id));
  const verification = useQuery(labQueries.auditVerification(lab.id));

  if (log.isPending) return <Loading what="the audit log" />;
  // A failed later page keeps the pages already shown.
  if (!log.data) return <ErrorAlert alert={alertFor(log.error)} />;

  const items = log.data.pages.flatMap((page) => page.items);
  const checked = verification.isFetching ? undefined : verification.data;
  const problem = log.error ?? (verification.isFetching ? null : verification.error);

  return (
    <section className={cardStyles.card} aria-labelledby="audit-heading">
      <div className={pageLayout.pageTitle}>
        <h2 id="audit-heading">Audit log</h2>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={() => void verification.refetch()}
          disabled={verification.isFetching}
        >
          Verify the chain
        </button>
      </div>
      <StatusMessage>
        {checked
          ? checked.valid
            ? `The chain is intact: ${checked.checked} events checked.`
            : `The chain is broken at event ${checked.firstBrokenSeq ?? '?'} (${checked.checked} checked).`
          : null}
      </StatusMessage>
      <ErrorAlert alert={problem ? alertFor(problem) : null} />
      {items.length === 0 ? (
        <p className={textStyles.muted}>No events yet.</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When ({lab.timezone})</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.seq}>
                  <td>{event.seq}</td>
                  <td>{formatLabTime(event.at, lab.timezone)}</td>
                  <td>{event.actorName ?? 'Ideas Lab (automatic)'}</td>
                  <td>{event.summary}</td>
                  <td>
                    <code className={`${textStyles.muted} ${textStyles.small}`} title={event.hash}>
                      {event.hash.slice(0, 12)}…
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {log.hasNextPage ? (
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          onClick={() => void log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          {log.isFetchingNextPage ? 'Loading…' : 'Show older events'}
        </button>
      ) : null}
    </section>
  );
}
