import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { queryClient } from '../../api/http';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/form-fields';
import { TableScroll } from '../../components/table-scroll';
import { useUser } from '../../components/session';
import { isoToLocalInput, localInputToIso } from '../../lib/lab-time';
import { rolesIn } from '../../lib/roles';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import {
  money,
  proposalCommands,
  proposalKeys,
  proposalQueries,
  STATUS_LABELS,
  type FundingRound,
} from './api';
import styles from './funding-rounds-page.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/**
 * The lab's funding rounds: organisers set them up and change them; every team member opens
 * the team's proposal; mentors and organisers see where each team's proposal stands.
 */
export function FundingRoundsPage() {
  const { lab, canOrganise } = useLab();
  const rounds = useQuery(proposalQueries.rounds(lab.id));
  const [creating, setCreating] = useState(false);

  return (
    <section className={pageLayout.stackLg}>
      <h2>Funding rounds</h2>
      {rounds.isPending ? <Loading what="the funding rounds" /> : null}
      <ErrorAlert alert={rounds.isError ? alertFor(rounds.error) : null} />
      {rounds.data?.length === 0 ? (
        <div className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>
            {canOrganise
              ? 'No funding round yet. Set one up so teams can write their proposals.'
              : 'No funding round is open to your team yet.'}
          </p>
        </div>
      ) : null}
      {rounds.data?.map((round) => (
        <RoundCard key={round.id} round={round} rounds={rounds.data} canOrganise={canOrganise} />
      ))}
      {canOrganise ? (
        creating ? (
          <RoundForm
            labId={lab.id}
            timezone={lab.timezone}
            rounds={rounds.data ?? []}
            round={null}
            onDone={() => setCreating(false)}
          />
        ) : (
          <button type="button" className={buttonStyles.button} onClick={() => setCreating(true)}>
            New funding round
          </button>
        )
      ) : null}
    </section>
  );
}

function RoundCard({
  round,
  rounds,
  canOrganise,
}: {
  round: FundingRound;
  rounds: FundingRound[];
  canOrganise: boolean;
}) {
  const { lab } = useLab();
  const user = useUser();
  const roles = rolesIn(user, lab.id);
  // Mentors read proposals once submitted; team members open theirs at any time.
  const mentorOnly = !canOrganise && roles.includes('mentor') && !roles.includes('participant');
  const [editing, setEditing] = useState(false);
  const previous = rounds.find((r) => r.id === round.previousRoundId);
  return (
    <article
      className={`${cardStyles.card} ${pageLayout.stack} ${styles.round}`}
      aria-labelledby={`round-${round.id}`}
    >
      <h3 id={`round-${round.id}`}>{round.name}</h3>
      <dl className={styles.facts}>
        <dt>Pool</dt>
        <dd>{money(round.pool, round.currency)}</dd>
        <dt>Most per award</dt>
        <dd>{money(round.awardCap, round.currency)}</dd>
        <dt>Proposals due</dt>
        <dd>
          {round.proposalsDueInLabTimezone}
          {round.open ? '' : ' (passed)'}
        </dd>
        <dt>Who may apply</dt>
        <dd>
          {round.access === 'open'
            ? 'Every team'
            : `Invited teams${previous ? ` from “${previous.name}”` : ''}`}
        </dd>
      </dl>
      {round.teams.length === 0 ? (
        <p>You are on no team of this lab yet.</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Proposal</th>
                <th scope="col">Deadline</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {round.teams
                .filter((team) => team.eligible || canOrganise)
                .map((team) => (
                  <tr key={team.teamId}>
                    <td>{team.name}</td>
                    <td>
                      {team.proposal ? STATUS_LABELS[team.proposal.status] : 'Not started'}
                      {team.proposal?.submittedVersion
                        ? ` (version ${team.proposal.submittedVersion} submitted)`
                        : ''}
                    </td>
                    <td>{team.extensionUntil ? 'Extended' : 'The round’s'}</td>
                    <td>
                      {!mentorOnly || team.proposal ? (
                        <Link to={`${round.id}/teams/${team.teamId}`}>
                          Open <span className="visually-hidden">{team.name}’s proposal</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canOrganise ? (
        editing ? (
          <RoundForm
            labId={round.labId}
            timezone={round.timezone}
            rounds={rounds}
            round={round}
            onDone={() => setEditing(false)}
          />
        ) : (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={() => setEditing(true)}
          >
            Change settings <span className="visually-hidden">of {round.name}</span>
          </button>
        )
      ) : null}
    </article>
  );
}

/** The settings of a round: a new one, or the changes to `round` (with its version). */
function RoundForm({
  labId,
  timezone,
  rounds,
  round,
  onDone,
}: {
  labId: string;
  timezone: string;
  rounds: FundingRound[];
  round: FundingRound | null;
  onDone: () => void;
}) {
  const [name, setName] = useState(round?.name ?? '');
  const [pool, setPool] = useState(String(round?.pool ?? ''));
  const [awardCap, setAwardCap] = useState(String(round?.awardCap ?? ''));
  const [currency, setCurrency] = useState(round?.currency ?? 'USD');
  const [due, setDue] = useState(isoToLocalInput(round?.proposalsDueAt ?? null, timezone));
  const [access, setAccess] = useState<FundingRound['access']>(round?.access ?? 'open');
  const [previousRoundId, setPreviousRoundId] = useState(round?.previousRoundId ?? '');
  const [invited, setInvited] = useState<string[]>(round?.invitedTeamIds ?? []);
  const previous = rounds.find((r) => r.id === previousRoundId);
  const candidates = (previous?.teams ?? []).filter((t) => t.proposal?.submittedVersion);

  const save = useMutation({
    mutationFn: () => {
      const settings = {
        name: name.trim(),
        pool: Number(pool),
        awardCap: Number(awardCap),
        currency: currency.trim().toUpperCase(),
        proposalsDueAt: localInputToIso(due, timezone) ?? '',
        access,
        previousRoundId: access === 'invite-only' && previousRoundId ? previousRoundId : null,
        invitedTeamIds: access === 'invite-only' ? invited : [],
      };
      return round
        ? proposalCommands.updateRound(labId, round.id, { ...settings, version: round.version })
        : proposalCommands.createRound(labId, settings);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: proposalKeys.all(labId) });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const prefix = round ? `round-${round.id}` : 'new-round';

  return (
    <form
      className={`${pageLayout.stack} ${styles.form}`}
      onSubmit={submit}
      aria-label={round ? `Settings of ${round.name}` : 'New funding round'}
    >
      <TextField
        id={`${prefix}-name`}
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <div className={styles.money}>
        <TextField
          id={`${prefix}-pool`}
          label="Pool"
          inputMode="decimal"
          value={pool}
          onChange={(e) => setPool(e.target.value)}
          required
        />
        <TextField
          id={`${prefix}-cap`}
          label="Most per award"
          inputMode="decimal"
          value={awardCap}
          onChange={(e) => setAwardCap(e.target.value)}
          required
        />
        <TextField
          id={`${prefix}-currency`}
          label="Currency"
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value)}
          required
        />
      </div>
      <TextField
        id={`${prefix}-due`}
        label={`Proposals due (${timezone})`}
        type="datetime-local"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        required
      />
      <SelectField
        id={`${prefix}-access`}
        label="Who may apply"
        value={access}
        onChange={(e) => setAccess(e.target.value as FundingRound['access'])}
      >
        <option value="open">Every team</option>
        <option value="invite-only">Invited teams only</option>
      </SelectField>
      {access === 'invite-only' ? (
        <>
          <SelectField
            id={`${prefix}-previous`}
            label="Teams come from the round"
            value={previousRoundId}
            onChange={(e) => {
              setPreviousRoundId(e.target.value);
              setInvited([]);
            }}
          >
            <option value="">Choose a round</option>
            {rounds
              .filter((r) => r.id !== round?.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </SelectField>
          <fieldset>
            <legend>Invited teams (those that submitted a proposal there)</legend>
            {candidates.length === 0 ? <p>No team submitted a proposal to that round.</p> : null}
            {candidates.map((team) => (
              <label key={team.teamId} className={styles.check}>
                <input
                  type="checkbox"
                  checked={invited.includes(team.teamId)}
                  onChange={(e) =>
                    setInvited(
                      e.target.checked
                        ? [...invited, team.teamId]
                        : invited.filter((id) => id !== team.teamId),
                    )
                  }
                />
                {team.name}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      <ErrorAlert
        alert={
          save.isError
            ? alertFor(save.error, isApiError(save.error) ? save.error.details : [])
            : null
        }
      />
      <StatusMessage>{save.isPending ? 'Saving…' : ''}</StatusMessage>
      <div className={styles.actions}>
        <button type="submit" className={buttonStyles.button} disabled={save.isPending}>
          {round ? 'Save settings' : 'Set up the round'}
        </button>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
          onClick={onDone}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
