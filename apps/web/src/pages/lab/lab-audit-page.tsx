import { useState } from 'react';
import { api, type AuditEvent, type AuditVerification } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { formatInTimezone } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useResource } from '../../lib/use-resource';
import { useLab } from './lab-context';
import { TableScroll } from '../../components/table-scroll';

const PAGE_SIZE = 25;

/** The lab's hash-chained audit log, newest first, and a check that the chain is intact. */
export function LabAuditPage() {
  const { lab } = useLab();
  const [firstPage] = useResource(
    () => api.labs.audit(lab.id, { limit: PAGE_SIZE }),
    `audit:${lab.id}`,
  );
  const [older, setOlder] = useState<{ items: AuditEvent[]; nextBefore: number | null } | null>(
    null,
  );
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);

  if (firstPage.status === 'loading') return <Loading what="the audit log" />;
  if (firstPage.status === 'failed') return <ErrorAlert alert={alertFor(firstPage.error)} />;

  const items = [...firstPage.data.items, ...(older?.items ?? [])];
  const nextBefore = older ? older.nextBefore : firstPage.data.nextBefore;

  const loadOlder = () => {
    if (nextBefore === null) return;
    setBusy(true);
    api.labs
      .audit(lab.id, { limit: PAGE_SIZE, before: nextBefore })
      .then(
        (page) =>
          setOlder({
            items: [...(older?.items ?? []), ...page.items],
            nextBefore: page.nextBefore,
          }),
        (error: unknown) => setAlert(alertFor(error)),
      )
      .finally(() => setBusy(false));
  };

  const verify = () => {
    setVerification(null);
    setBusy(true);
    api.labs
      .verifyAudit(lab.id)
      .then(setVerification, (error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="card" aria-labelledby="audit-heading">
      <div className="page-title">
        <h2 id="audit-heading">Audit log</h2>
        <button type="button" className="button button--secondary" onClick={verify} disabled={busy}>
          Verify the chain
        </button>
      </div>
      <StatusMessage>
        {verification
          ? verification.valid
            ? `The chain is intact: ${verification.checked} events checked.`
            : `The chain is broken at event ${verification.firstBrokenSeq ?? '?'} (${verification.checked} checked).`
          : null}
      </StatusMessage>
      <ErrorAlert alert={alert} />
      {items.length === 0 ? (
        <p className="muted">No events yet.</p>
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
                  <td>{formatInTimezone(event.at, lab.timezone)}</td>
                  <td>{event.actorName ?? 'Ideas Lab (automatic)'}</td>
                  <td>{event.summary}</td>
                  <td>
                    <code className="muted small" title={event.hash}>
                      {event.hash.slice(0, 12)}…
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextBefore !== null ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={loadOlder}
          disabled={busy}
        >
          {busy ? 'Loading…' : 'Show older events'}
        </button>
      ) : null}
    </section>
  );
}
