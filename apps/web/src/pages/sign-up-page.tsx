import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { account } from '../api/auth';
import { ErrorAlert } from '../components/feedback';
import { TextField } from '../components/form-fields';
import { PageHeading } from '../components/page-heading';
import { safeNext, useSession } from '../components/session';
import { fieldId } from '../lib/field-errors';
import { useFormSubmit } from '../lib/use-form-submit';

const FIELDS = ['displayName', 'email', 'password'] as const;

export function SignUpPage() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit(FIELDS);

  if (session.status === 'signed-in' && !form.busy) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async () => {
    await account.register({ displayName: displayName.trim(), email: email.trim(), password });
    await navigate(next, { replace: true });
  });

  return (
    <section className="narrow">
      <PageHeading title="Create your account" />
      <p className="lede">One account for every lab: apply to a call, mentor, or organise.</p>
      <ErrorAlert alert={form.alert} />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="card stack">
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
          value={email}
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
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? 'Creating your account…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link to={`/login${location.search}`}>Log in</Link>
      </p>
      <p>
        Looking for a lab to join? <Link to="/calls">See the open calls</Link>
      </p>
    </section>
  );
}
