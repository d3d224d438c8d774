import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { applicationCommands, applicationKeys, applicationQueries } from '../../api/applications';
import { queryClient } from '../../api/http';
import { account } from '../../api/auth';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { LabTime } from '../../components/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { Eyebrow } from '../../components/badge';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/** The step between a call and its form: start one application, or go on with the one you have. */
export function ApplyPage() {
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const call = useQuery(applicationQueries.call(slug));
  const mine = useQuery(applicationQueries.mine());
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertContent | null>(null);

  if (call.isPending || mine.isPending) return <Loading what="the call" />;
  if (call.isError || mine.isError)
    return (
      <section className={pageLayout.narrow}>
        <PageHeading title="The call could not be loaded" />
        <ErrorAlert alert={alertFor(call.error ?? mine.error)} />
      </section>
    );

  const lab = call.data;
  const existing = mine.data.find((a) => a.labSlug === slug || a.labId === lab.id) ?? null;
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
    applicationCommands
      .start(lab.id)
      .then(async (application) => {
        // The person is now an applicant of the lab.
        void queryClient.invalidateQueries({ queryKey: applicationKeys.mine });
        await account.refreshMe().catch(() => undefined);
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
    <section className={pageLayout.narrow}>
      <Eyebrow>
        <Link to={`/call/${lab.slug}`}>{lab.title}</Link>
      </Eyebrow>
      <PageHeading title="Apply to this Ideas Lab" />
      <ErrorAlert alert={alert} />
      <div className={`${cardStyles.card} ${pageLayout.stack}`}>
        <p>
          The application asks about you (institution, career stage, disciplines, availability for
          the workshop) and a few questions from the organisers.
        </p>
        <p>
          Your answers are saved as you type, so you can stop and come back. You can edit your
          application until the deadline, also after submitting it.
        </p>
        {lab.dates.applicationsCloseAt ? (
          <p>
            <strong>Deadline:</strong>{' '}
            <LabTime iso={lab.dates.applicationsCloseAt} timezone={lab.timezone} />.
          </p>
        ) : null}
        <button type="button" className={buttonStyles.button} onClick={start} disabled={busy}>
          {busy ? 'Starting…' : 'Start my application'}
        </button>
      </div>
    </section>
  );
}
