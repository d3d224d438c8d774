import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { account } from '../api/auth';
import { labQueries } from '../api/labs';
import { ErrorAlert, Loading } from '../components/feedback';
import { alertFor } from '../lib/use-form-submit';
import { SignUpForm, type SignUpValues } from './sign-up-page';
import pageLayout from '../components/page-layout.module.css';

/**
 * Sign-up from a personal invitation's link: the invited address is filled in and locked (the
 * server makes the account with that address and no other), and the invitation is accepted
 * with the new account in the same step. An address that already has an account logs in.
 */
export function InvitationSignUp({
  token,
  onJoined,
}: {
  token: string;
  /** Called once the account exists and holds its role in the lab. */
  onJoined: (labId: string) => Promise<void>;
}) {
  const details = useQuery(labQueries.invitationSignUp(token));
  const here = encodeURIComponent(`/invitations/${token}`);

  if (details.isPending) return <Loading what="the sign-up form" />;
  if (details.isError) return <ErrorAlert alert={alertFor(details.error)} />;
  const { email, hasAccount, labId } = details.data;

  if (hasAccount)
    return (
      <p>
        An account already uses {email}: <Link to={`/login?next=${here}`}>log in</Link> with it to
        accept.
      </p>
    );

  const signUp = async ({ displayName, password }: SignUpValues) => {
    await account.registerWithInvitation(token, { displayName, password });
    await onJoined(labId);
  };

  return (
    <div className={pageLayout.stack}>
      <h2>Create your account to accept</h2>
      <SignUpForm lockedEmail={email} submitLabel="Sign up and join the lab" onSignUp={signUp} />
      <p>
        Already have an account with this address? <Link to={`/login?next=${here}`}>Log in</Link> to
        accept.
      </p>
    </div>
  );
}
