import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { account } from '../api/auth';
import { ErrorAlert, StatusMessage } from '../components/feedback';
import { TextField } from '../components/form-fields';
import { PageHeading } from '../components/page-heading';
import { safeNext, useSession } from '../components/session';
import { fieldId } from '../lib/field-errors';
import { useFormSubmit } from '../lib/use-form-submit';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search);
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit(FIELDS);

  if (session.status === 'signed-in' && !form.busy) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async () => {
    await account.login({ email: email.trim(), password });
    await navigate(next, { replace: true });
  });

  return (
    <section className={pageLayout.narrow}>
      <PageHeading title="Log in" />
      <StatusMessage>{signedOut ? 'You are logged out.' : null}</StatusMessage>
      <ErrorAlert alert={form.alert} />
      <form
        id={form.formId}
        onSubmit={onSubmit}
        noValidate
        className={`${cardStyles.card} ${pageLayout.stack}`}
      >
        <TextField
          id={fieldId('login', 'email')}
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldErrors.email}
        />
        <TextField
          id={fieldId('login', 'password')}
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
        />
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        New here? <Link to={`/signup${location.search}`}>Create an account</Link>
      </p>
    </section>
  );
}
