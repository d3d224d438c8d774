import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { account } from '../api/auth';
import { ErrorAlert } from '../components/feedback';
import { TextField } from '../components/form-fields';
import { PageHeading } from '../components/page-heading';
import { safeNext, useSession } from '../components/session';
import { fieldId } from '../lib/field-errors';
import { useFormSubmit } from '../lib/use-form-submit';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

const FIELDS = ['displayName', 'email', 'password'] as const;

export interface SignUpValues {
  displayName: string;
  email: string;
  password: string;
}

/**
 * The account form: name, address, password. With `lockedEmail` (sign-up through an
 * invitation) the address is the invited one, shown and not editable.
 */
export function SignUpForm({
  lockedEmail,
  submitLabel = 'Sign up',
  onSignUp,
}: {
  lockedEmail?: string;
  submitLabel?: string;
  onSignUp: (values: SignUpValues) => Promise<void>;
}) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState(lockedEmail ?? '');
  const [password, setPassword] = useState('');
  const form = useFormSubmit(FIELDS);

  const onSubmit = form.handleSubmit(() =>
    onSignUp({ displayName: displayName.trim(), email: lockedEmail ?? email.trim(), password }),
  );

  return (
    <>
      <ErrorAlert alert={form.alert} />
      <form
        id={form.formId}
        onSubmit={onSubmit}
        noValidate
        className={`${cardStyles.card} ${pageLayout.stack}`}
      >
        <TextField
          id={fieldId('signup', 'displayName')}
          label="Your name"
          hint="As other people in a lab will see it."
          autoComplete="name"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={form.fieldErrors.displayName}
        />
        <TextField
          id={fieldId('signup', 'email')}
          label="Email"
          type="email"
          autoComplete="email"
          required
          readOnly={lockedEmail !== undefined}
          hint={
            lockedEmail !== undefined
              ? 'The address the invitation was sent to: your account uses it.'
              : undefined
          }
          value={lockedEmail ?? email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldErrors.email}
        />
        <TextField
          id={fieldId('signup', 'password')}
          label="Password"
          hint="At least 10 characters."
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
        />
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Creating your account…' : submitLabel}
        </button>
      </form>
    </>
  );
}

export function SignUpPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search);
  const [signingUp, setSigningUp] = useState(false);

  if (session.status === 'signed-in' && !signingUp) return <Navigate to={next} replace />;

  const signUp = async (values: SignUpValues) => {
    setSigningUp(true);
    try {
      await account.register(values);
      await navigate(next, { replace: true });
    } finally {
      setSigningUp(false);
    }
  };

  return (
    <section className={pageLayout.narrow}>
      <PageHeading title="Create your account" />
      <p className={textStyles.lede}>
        One account for every lab: apply to a call, mentor, or organise.
      </p>
      <SignUpForm onSignUp={signUp} />
      <p>
        Already have an account? <Link to={`/login${location.search}`}>Log in</Link>
      </p>
      <p>
        Looking for a lab to join? <Link to="/calls">See the open calls</Link>
      </p>
    </section>
  );
}
