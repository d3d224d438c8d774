import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { type Application } from '../../api';
import { applicationCommands, applicationKeys } from '../../api/applications';
import { queryClient } from '../../api/http';
import { DeadlineText } from '../../components/application-deadline';
import { ConfirmButton } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { useApplicationWithLab } from './use-application';
import { ApplicationStatusBadge } from './application-status-badge';
import { DecisionPanel } from './decision-panel';
import styles from './applications.module.css';
import { Fact, Facts } from '../../components/facts';
import { Eyebrow } from '../../components/badge';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/** Where an application stands: its status, when it was last edited, until when it can change. */
export function ApplicationStatusPage() {
  const { applicationId = '' } = useParams();
  const location = useLocation();
  const justSubmitted = (location.state as { submitted?: boolean } | null)?.submitted === true;
  const data = useApplicationWithLab(applicationId);
  const [status, setStatus] = useState<string | null>(
    justSubmitted
      ? 'Your application is submitted. You can still edit it until the deadline.'
      : null,
  );
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);

  if (data.isError)
    return (
      <section className={pageLayout.narrow}>
        <PageHeading title="The application could not be loaded" />
        <ErrorAlert alert={alertFor(data.error)} />
      </section>
    );

  if (!data.data) return <Loading what="your application" />;
  const { application, lab } = data.data;
  const canEdit = application.editing.allowed;
  const when = (iso: string) => formatLabTime(iso, lab.timezone);

  const withdraw = () => {
    setBusy(true);
    setAlert(null);
    applicationCommands
      .withdraw(application.id)
      .then(
        (withdrawn: Application) => {
          queryClient.setQueryData(applicationKeys.application(withdrawn.id), withdrawn);
          void queryClient.invalidateQueries({ queryKey: applicationKeys.mine });
          setStatus('Your application is withdrawn.');
        },
        (error: unknown) => setAlert(alertFor(error)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className={pageLayout.stackLg}>
      <header>
        <Eyebrow>
          <Link to={`/call/${lab.slug}`}>{lab.title}</Link>
        </Eyebrow>
        <PageHeading title="Your application" />
      </header>
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      {application.status === 'submitted' ? <DecisionPanel lab={lab} /> : null}
      <div className={cardStyles.card}>
        <Facts>
          <Fact label="Status">
            <ApplicationStatusBadge status={application.status} />
          </Fact>
          <Fact label="Last edited">
            <time dateTime={application.updatedAt}>{when(application.updatedAt)}</time>
          </Fact>
          {application.submittedAt ? (
            <Fact label="Submitted">
              <time dateTime={application.submittedAt}>{when(application.submittedAt)}</time>
            </Fact>
          ) : null}
          {application.withdrawnAt ? (
            <Fact label="Withdrawn">
              <time dateTime={application.withdrawnAt}>{when(application.withdrawnAt)}</time>
            </Fact>
          ) : null}
          <Fact label={canEdit ? 'You can still edit until' : 'Deadline'}>
            <DeadlineText deadline={application.deadline} />
          </Fact>
          <Fact label="Whole workshop">
            {application.availability.availableForWholeWorkshop === null
              ? 'not answered yet'
              : application.availability.availableForWholeWorkshop
                ? 'available every day'
                : `not available on ${application.availability.unavailableDays.join(', ')}`}
          </Fact>
        </Facts>
        {application.status === 'draft' && !application.deadline.passed ? (
          <p className={feedback.notice}>This application is a draft: it is not submitted yet.</p>
        ) : null}
        {!application.editing.allowed && application.status !== 'withdrawn' ? (
          <p className={feedback.notice}>{application.editing.reason}</p>
        ) : null}
      </div>

      <div className={actionStyles.formActions}>
        {canEdit ? (
          <Link className={buttonStyles.button} to={`/applications/${application.id}/edit`}>
            {application.status === 'draft' ? 'Continue your application' : 'Edit your application'}
          </Link>
        ) : null}
        {application.status !== 'withdrawn' ? (
          <ConfirmButton
            className={`${buttonStyles.button} ${buttonStyles.danger}`}
            disabled={busy}
            ask={{
              title: 'Withdraw your application?',
              body: 'The organisers will no longer consider it, and you cannot apply to this lab again or undo this.',
              confirmLabel: 'Yes, withdraw it',
              cancelLabel: 'Keep my application',
              danger: true,
            }}
            onConfirm={withdraw}
          >
            {busy ? 'Withdrawing…' : 'Withdraw application…'}
          </ConfirmButton>
        ) : null}
        <Link to="/applications">All my applications</Link>
      </div>

      {application.versions.length > 0 ? (
        <section className={cardStyles.card} aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <ol className={styles.versions}>
            {application.versions.map((v) => (
              <li key={v.version}>
                {v.kind === 'submitted' ? 'Submitted' : 'Edited'} on{' '}
                <time dateTime={v.at}>{when(v.at)}</time>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
