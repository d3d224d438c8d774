import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { browserTimezone, formatInTimezone } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useResource } from '../../lib/use-resource';

/** The step between a call and its form: start one application, or go on with the one you have. */
export function ApplyPage() {
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const [data] = useResource(async () => {
    const [call, mine] = await Promise.all([api.calls.get(slug), api.applications.mine()]);
    return { call, existing: mine.find((a) => a.labSlug === slug || a.labId === call.id) ?? null };
  }, `apply:${slug}`);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertContent | null>(null);

  if (data.status === 'loading') return <Loading what="the call" />;
  if (data.status === 'failed')
    return (
      <section className="narrow">
        <PageHeading title="The call could not be loaded" />
        <ErrorAlert alert={alertFor(data.error)} />
      </section>
    );

  const { call, existing } = data.data;
  if (existing) {
    const to =
      existing.status === 'draft'
        ? `/applications/${existing.id}/edit`
        : `/applications/${existing.id}`;
    return <Navigate to={to} replace />;
  }

  const start = () => {
    setBusy(true);
    setAlert(null);
    api.applications
      .start(call.id)
      .then(async (application) => {
        // The person is now an applicant of the lab.
        await api.me.reload().catch(() => undefined);
        await navigate(`/applications/${application.id}/edit`, { replace: true });
      })
      .catch(async (error: unknown) => {
        const existingId =
          isApiError(error) && error.code === 'APPLICATION_ALREADY_EXISTS'
            ? (error.data as { applicationId?: string } | undefined)?.applicationId
            : undefined;
        if (existingId) await navigate(`/applications/${existingId}/edit`, { replace: true });
        else setAlert(alertFor(error));
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="narrow">
      <p className="lab__eyebrow">
        <Link to={`/call/${call.slug}`}>{call.title}</Link>
      </p>
      <PageHeading title="Apply to this Ideas Lab" />
      <ErrorAlert alert={alert} />
      <div className="card stack">
        <p>
          The application asks about you (institution, career stage, disciplines, availability for
          the workshop) and a few questions from the organisers.
        </p>
        <p>
          Your answers are saved as you type, so you can stop and come back. You can edit your
          application until the deadline, also after submitting it.
        </p>
        {call.dates.applicationsCloseAt ? (
          <p>
            <strong>Deadline:</strong>{' '}
            {formatInTimezone(call.dates.applicationsCloseAt, browserTimezone())} (your time);{' '}
            {formatInTimezone(call.dates.applicationsCloseAt, call.timezone)} in the lab's timezone.
          </p>
        ) : null}
        <button type="button" className="button" onClick={start} disabled={busy}>
          {busy ? 'Starting…' : 'Start my application'}
        </button>
      </div>
    </section>
  );
}
