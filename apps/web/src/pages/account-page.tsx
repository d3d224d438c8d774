import { useState } from 'react';
import { account } from '../api/auth';
import { ErrorAlert, StatusMessage } from '../components/feedback';
import { TextField } from '../components/form-fields';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../components/session';
import { fieldId } from '../lib/field-errors';
import { useFormSubmit } from '../lib/use-form-submit';
import { Fact, Facts } from '../components/facts';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function AccountPage() {
  const user = useUser();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const form = useFormSubmit(FIELDS);

  const onSubmit = form.handleSubmit(async () => {
    setStatus(null);
    await account.changePassword({ currentPassword, newPassword });
    setCurrentPassword('');
    setNewPassword('');
    setStatus('Your password was changed, and you were signed out on every other device.');
  });

  return (
    <section className={`${pageLayout.narrow} ${pageLayout.stackLg}`}>
      <PageHeading title="Your account" />
      <Facts className={cardStyles.card}>
        <Fact label="Name">{user.displayName}</Fact>
        <Fact label="Email">{user.email}</Fact>
        {user.isAdmin ? <Fact label="Platform role">Admin</Fact> : null}
      </Facts>
      <form
        id={form.formId}
        onSubmit={onSubmit}
        noValidate
        className={`${cardStyles.card} ${pageLayout.stack}`}
        aria-labelledby="password-heading"
      >
        <h2 id="password-heading">Change your password</h2>
        <ErrorAlert alert={form.alert} />
        <TextField
          id={fieldId('password', 'currentPassword')}
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={form.fieldErrors.currentPassword}
        />
        <TextField
          id={fieldId('password', 'newPassword')}
          label="New password"
          hint="At least 10 characters."
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={form.fieldErrors.newPassword}
        />
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Changing…' : 'Change password'}
        </button>
        <StatusMessage>{status}</StatusMessage>
      </form>
    </section>
  );
}
