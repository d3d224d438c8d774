import { useDeferredValue, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type InvitableRole, type Invitation, type LabMember } from '../../api';
import { labCommands, labKeys, labQueries } from '../../api/labs';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/form-fields';
import { fieldId } from '../../lib/field-errors';
import { formatLabTime } from '../../lib/lab-time';
import { roleLabel } from '../../lib/roles';
import { alertFor, useFormSubmit, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from './lab-context';
import { DataTable } from '../../components/data-table';
import styles from './lab.module.css';
import choice from '../../components/choice.module.css';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const FIELDS = ['email', 'role'] as const;
const MEMBER_ROLES = [
  'organiser',
  'mentor',
  'participant',
  'applicant',
] as const satisfies readonly LabMember['role'][];

/** Whom an invitation is for, in words. */
function addressee(invitation: Invitation): string {
  return invitation.email ?? 'anyone with the link';
}

/** An accept link the server gives as a path or a full URL, as a full URL to send on. */
function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}

export function LabPeoplePage() {
  const { lab } = useLab();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const queryClient = useQueryClient();
  const [roleFilter, setRoleFilter] = useState<LabMember['role'] | ''>('');
  const [search, setSearch] = useState('');
  // The list follows the search as it is typed, without a request per keystroke in flight.
  const q = useDeferredValue(search.trim());
  const filtered = roleFilter !== '' || q !== '';
  const members = useQuery({
    ...labQueries.members(lab.id, {
      ...(roleFilter ? { role: roleFilter } : {}),
      ...(q ? { q } : {}),
    }),
    // The last list stays up while the next one loads.
    placeholderData: keepPreviousData,
  });
  const invitations = useQuery(labQueries.invitations(lab.id));
  const membersChanged = () => queryClient.invalidateQueries({ queryKey: labKeys.members(lab.id) });
  const invitationsChanged = () =>
    queryClient.invalidateQueries({ queryKey: labKeys.invitations(lab.id) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('mentor');
  const [how, setHow] = useState<'invite' | 'link' | 'appoint'>('invite');
  const [created, setCreated] = useState<(Invitation & { acceptUrl: string }) | null>(null);
  const [listAlert, setListAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(
    justCreated ? 'Lab created. Invite its organisers and mentors.' : null,
  );
  const form = useFormSubmit(FIELDS);
  const { dialog, confirm } = useConfirmDialog();

  const onInvite = form.handleSubmit(async () => {
    setCreated(null);
    if (how === 'appoint') {
      await labCommands.addMember(lab.id, { email: email.trim(), role });
      setStatus(
        `${email.trim()} is now ${role === 'organiser' ? 'an organiser' : 'a mentor'} of this lab.`,
      );
      setEmail('');
      void membersChanged();
      return;
    }
    const invitation = await labCommands.invite(
      lab.id,
      how === 'link' ? { role: 'mentor', anyoneWithLink: true } : { email: email.trim(), role },
    );
    // A new invitation always carries its link (shown this once).
    setCreated({ ...invitation, acceptUrl: invitation.acceptUrl ?? '' });
    setEmail('');
    setStatus(`Invitation created for ${addressee(invitation)}.`);
    void invitationsChanged();
  });

  const removeRole = async (member: LabMember) => {
    const role = roleLabel(member.role).toLowerCase();
    const yes = await confirm({
      title: `Remove ${member.displayName} as ${role} of this lab?`,
      body: (
        <p>They lose what a {role} may see and do here at once. You can add them again later.</p>
      ),
      confirmLabel: 'Remove',
      cancelLabel: `Keep ${member.displayName}`,
      danger: true,
    });
    if (!yes) return;
    setListAlert(null);
    labCommands.removeMember(lab.id, member.userId, member.role).then(
      () => {
        setStatus(
          `${member.displayName} is no longer ${roleLabel(member.role).toLowerCase()} of this lab.`,
        );
        void membersChanged();
      },
      (error: unknown) => setListAlert(alertFor(error)),
    );
  };

  const revoke = (invitation: Invitation) => {
    setListAlert(null);
    labCommands.revokeInvitation(lab.id, invitation.id).then(
      () => {
        setStatus(`Invitation for ${addressee(invitation)} withdrawn.`);
        if (created?.id === invitation.id) setCreated(null);
        void invitationsChanged();
      },
      (error: unknown) => setListAlert(alertFor(error)),
    );
  };

  const copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => setStatus('Link copied.'),
      () => setStatus('Copying is not allowed here; select the link and copy it.'),
    );
  };

  const pending = invitations.data?.filter((i) => i.status === 'pending') ?? [];

  return (
    <div className={pageLayout.stackLg}>
      {dialog}
      <StatusMessage>{status}</StatusMessage>
      <section className={cardStyles.card} aria-labelledby="invite-heading">
        <h2 id="invite-heading">Add a mentor or organiser</h2>
        <ErrorAlert alert={form.alert} />
        <form id={form.formId} onSubmit={onInvite} noValidate className={styles.inviteForm}>
          <fieldset className={choice.choice}>
            <legend>How</legend>
            <label>
              <input
                type="radio"
                name="invite-how"
                value="invite"
                checked={how === 'invite'}
                onChange={() => setHow('invite')}
              />
              Send an invitation link (new or existing account)
            </label>
            <label>
              <input
                type="radio"
                name="invite-how"
                value="link"
                checked={how === 'link'}
                onChange={() => setHow('link')}
              />
              A link for anyone who has it (mentors only)
            </label>
            <label>
              <input
                type="radio"
                name="invite-how"
                value="appoint"
                checked={how === 'appoint'}
                onChange={() => setHow('appoint')}
              />
              Add an existing account now
            </label>
          </fieldset>
          {how === 'link' ? (
            <p className={textStyles.muted}>
              Whoever opens the link can accept it once, as a mentor: send it only to the person you
              mean.
            </p>
          ) : (
            <>
              <TextField
                id={fieldId('invite', 'email')}
                label="Email"
                type="email"
                autoComplete="off"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={form.fieldErrors.email}
              />
              <SelectField
                id={fieldId('invite', 'role')}
                label="Role"
                value={role}
                onChange={(e) => setRole(e.target.value as InvitableRole)}
                error={form.fieldErrors.role}
              >
                <option value="mentor">Mentor</option>
                <option value="organiser">Organiser</option>
              </SelectField>
            </>
          )}
          <button type="submit" className={buttonStyles.button} disabled={form.busy}>
            {form.busy ? 'Working…' : how === 'appoint' ? 'Add now' : 'Invite'}
          </button>
        </form>
        {created ? (
          <div className={feedback.notice} aria-labelledby="created-invitation">
            <p id="created-invitation">
              Send this link to <strong>{addressee(created)}</strong>. It is shown only now, and
              works until {formatLabTime(created.expiresAt, lab.timezone)}.
            </p>
            <p className={styles.acceptLink}>
              <a href={absoluteUrl(created.acceptUrl)} data-testid="accept-link">
                {absoluteUrl(created.acceptUrl)}
              </a>
            </p>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={() => copy(absoluteUrl(created.acceptUrl))}
            >
              Copy link
            </button>
          </div>
        ) : null}
      </section>

      <section className={cardStyles.card} aria-labelledby="pending-heading">
        <h2 id="pending-heading">Pending invitations</h2>
        <ErrorAlert
          alert={listAlert ?? (invitations.isError ? alertFor(invitations.error) : null)}
        />
        {invitations.isPending ? <Loading what="invitations" /> : null}
        {invitations.isSuccess && pending.length === 0 ? (
          <p className={textStyles.muted}>No pending invitations.</p>
        ) : null}
        {pending.length > 0 ? (
          <DataTable
            rows={pending}
            rowKey={(invitation) => invitation.id}
            columns={[
              { header: 'Email', cell: (invitation) => addressee(invitation) },
              { header: 'Role', cell: (invitation) => roleLabel(invitation.role) },
              {
                header: 'Expires',
                cell: (invitation) => formatLabTime(invitation.expiresAt, lab.timezone),
              },
              {
                header: 'Actions',
                hiddenHeader: true,
                cell: (invitation) => (
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                    onClick={() => revoke(invitation)}
                  >
                    Withdraw
                    <span className="visually-hidden">
                      {' '}
                      the invitation for {addressee(invitation)}
                    </span>
                  </button>
                ),
              },
            ]}
          />
        ) : null}
      </section>

      <section className={cardStyles.card} aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <div className={styles.filtersGrid} role="search" aria-label="Find members">
          <SelectField
            id="members-role"
            label="Show"
            value={roleFilter}
            onChange={(e) => setRoleFilter(e.target.value as LabMember['role'] | '')}
          >
            <option value="">Everyone</option>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="members-search"
            label="Find by name or address"
            type="search"
            autoComplete="off"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <p className={textStyles.muted} role="status" aria-live="polite">
          {members.data && filtered
            ? `${members.data.length} ${members.data.length === 1 ? 'person matches' : 'people match'}.`
            : null}
        </p>
        <ErrorAlert alert={members.isError ? alertFor(members.error) : null} />
        {members.isPending ? <Loading what="members" /> : null}
        {members.data?.length === 0 && !filtered ? (
          <p className={textStyles.muted}>Nobody has joined yet.</p>
        ) : null}
        {members.data && members.data.length > 0 ? (
          <DataTable
            rows={members.data}
            rowKey={(member) => `${member.userId}:${member.role}`}
            columns={[
              { header: 'Name', cell: (member) => member.displayName },
              { header: 'Email', cell: (member) => member.email },
              { header: 'Role', cell: (member) => roleLabel(member.role) },
              {
                header: 'Since',
                cell: (member) => formatLabTime(member.createdAt, lab.timezone),
              },
              {
                header: 'Actions',
                hiddenHeader: true,
                cell: (member) => (
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                    onClick={() => void removeRole(member)}
                  >
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      {member.displayName} as {roleLabel(member.role).toLowerCase()}
                    </span>
                  </button>
                ),
              },
            ]}
          />
        ) : null}
      </section>
    </div>
  );
}
