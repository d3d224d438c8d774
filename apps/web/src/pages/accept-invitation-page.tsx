import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../api';
import { account } from '../api/auth';
import { labCommands, labQueries } from '../api/labs';
import { ErrorAlert, Loading, StatusMessage } from '../components/feedback';
import { LabTime } from '../components/lab-time';
import { PageHeading } from '../components/page-heading';
import { useSession } from '../components/session';
import { InvitationSignUp } from './invitation-sign-up';
import { roleLabel } from '../lib/roles';
import { alertFor, type AlertContent } from '../lib/use-form-submit';
import { Fact, Facts } from '../components/facts';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const invitation = useQuery(labQueries.invitationPreview(token));
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const here = encodeURIComponent(`/invitations/${token}`);

  if (invitation.isPending) return <Loading what="the invitation" />;
  if (invitation.isError) {
    const gone = isApiError(invitation.error) && invitation.error.status === 404;
    return (
      <section className={pageLayout.narrow}>
        <PageHeading title="Invitation not found" />
        {gone ? (
          <p>This invitation link is not valid. Ask the organiser who sent it for a new one.</p>
        ) : (
          <ErrorAlert alert={alertFor(invitation.error)} />
        )}
      </section>
    );
  }

  const { data } = invitation;
  const open = data.status === 'pending';

  // The page stays while the new session arrives: no "Accept" button flashes in between.
  const joined = async (labId: string) => {
    setBusy(true);
    await navigate(`/labs/${labId}`, { replace: true });
  };

  const accept = () => {
    setBusy(true);
    setAlert(null);
    labCommands
      .acceptInvitation(token)
      .then(async (accepted) => {
        await account.refreshMe().catch(() => undefined);
        await navigate(`/labs/${accepted.labId}`);
      })
      .catch((error: unknown) => {
        setAlert(alertFor(error));
        setBusy(false);
      });
  };

  return (
    <section className={pageLayout.narrow}>
      <PageHeading title={`Join ${data.labTitle}`} />
      <div className={`${cardStyles.card} ${pageLayout.stack}`}>
        <p className={textStyles.lede}>
          You are invited to join <strong>{data.labTitle}</strong> as{' '}
          {/^[aeiou]/i.test(data.role) ? 'an' : 'a'}{' '}
          <strong>{roleLabel(data.role).toLowerCase()}</strong>.
        </p>
        <Facts>
          <Fact label="Sent to">{data.email ?? 'anyone with the link'}</Fact>
          <Fact label={open ? 'Valid until' : 'Status'}>
            {open ? <LabTime iso={data.expiresAt} timezone={data.labTimezone} /> : data.status}
          </Fact>
        </Facts>
        <ErrorAlert alert={alert} />
        <StatusMessage>{busy ? 'Accepting the invitation…' : null}</StatusMessage>
        {!open ? (
          <p>This invitation can no longer be accepted ({data.status}).</p>
        ) : session.status === 'signed-in' ? (
          <>
            {data.email ? (
              <p className={textStyles.muted}>
                Only the account with the address it was sent to can accept it; you are logged in as{' '}
                {session.user.email}.
              </p>
            ) : null}
            <button type="button" className={buttonStyles.button} onClick={accept} disabled={busy}>
              Accept and join the lab
            </button>
          </>
        ) : session.status === 'signed-out' && !data.anyoneWithLink ? (
          <InvitationSignUp token={token} onJoined={joined} />
        ) : session.status === 'signed-out' ? (
          <p>
            To accept, <Link to={`/login?next=${here}`}>log in</Link> or{' '}
            <Link to={`/signup?next=${here}`}>create an account</Link>
            {data.email ? ` with the address it was sent to (${data.email})` : ''}.
          </p>
        ) : null}
      </div>
    </section>
  );
}
