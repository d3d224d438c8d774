import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { PeopleChips } from '../../components/people-picker';
import { alertFor } from '../../lib/use-form-submit';
import { useUser } from '../../components/session';
import { rolesIn } from '../../lib/roles';
import { formationApi, formationKeys } from './formation-api';
import { sizeLabel } from './formation-logic';
import { useFormationLive } from './use-formation-live';
import styles from './formation.module.css';
import { Badge } from '../../components/badge';
import feedback from '../../components/feedback.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** A participant's team (idea, members, mentor, chat, why they are on it) and the self-organised board. */
export function MyTeamPage() {
  const { labId = '' } = useParams();
  const user = useUser();
  const participant = rolesIn(user, labId).includes('participant');
  useFormationLive(labId);
  return (
    <section className={pageLayout.stackLg}>
      {participant ? <MyTeamCard labId={labId} /> : null}
      <TeamsBoard labId={labId} participant={participant} />
    </section>
  );
}

function MyTeamCard({ labId }: { labId: string }) {
  const mine = useQuery({
    queryKey: formationKeys.myTeam(labId),
    queryFn: () => formationApi.myTeam(labId),
  });
  if (mine.isPending) return <Loading what="your team" />;
  if (mine.isError) return <ErrorAlert alert={alertFor(mine.error)} />;
  const { team, why } = mine.data;
  if (!team)
    return (
      <div className={cardStyles.card}>
        <h2>My team</h2>
        <p>
          You are not on a team yet. State your <Link to="../interests">interests</Link>, or join a
          team forming around an idea below.
        </p>
      </div>
    );
  return (
    <article className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="my-team-title">
      <h2 id="my-team-title">My team: {team.name}</h2>
      <p className={textStyles.small}>
        <Badge>{statusWord(team.status)}</Badge>
      </p>
      {team.idea ? (
        <p>
          Idea:{' '}
          <strong>
            <Link to={`../ideas/${team.idea.id}`}>{team.idea.title}</Link>
          </strong>
          {team.idea.challengeArea ? ` (${team.idea.challengeArea})` : ''}
        </p>
      ) : null}
      <h3>Members</h3>
      <PeopleChips
        label="Members"
        people={team.members}
        extra={(m) => (team.lead?.userId === m.userId ? ' (lead)' : null)}
      />
      <p>Mentor: {team.mentor ? team.mentor.displayName : 'not assigned yet'}</p>
      <p>
        <Link to="../live">Open the team chat</Link>
      </p>
      {why.length > 0 ? (
        <>
          <h3>Why I am here</h3>
          <ul className={styles.why}>
            {why.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

const statusWord = (status: string) =>
  status === 'confirmed' ? 'Confirmed' : status === 'locked' ? 'Formed (locked)' : 'Forming';

function TeamsBoard({ labId, participant }: { labId: string; participant: boolean }) {
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: formationKeys.board(labId),
    queryFn: () => formationApi.board(labId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
  const join = useMutation({
    mutationFn: (ideaId: string) => formationApi.join(labId, ideaId),
    onSuccess: (next) => {
      queryClient.setQueryData(formationKeys.board(labId), next);
      void refresh();
    },
    onError: () => void refresh(),
  });
  const leave = useMutation({
    mutationFn: () => formationApi.leave(labId),
    onSuccess: (next) => {
      queryClient.setQueryData(formationKeys.board(labId), next);
      void refresh();
    },
  });
  if (board.isPending) return <Loading what="the teams" />;
  if (board.isError) return <ErrorAlert alert={alertFor(board.error)} />;
  const { shortlist, teams, myTeamId, open } = board.data;
  const teamOf = (ideaId: string) => teams.find((team) => team.ideaId === ideaId);
  return (
    <section className={pageLayout.stack} aria-labelledby="board-title">
      <h2 id="board-title">Teams forming around the shortlisted ideas</h2>
      {!open ? <p className={feedback.notice}>Team formation is not open right now.</p> : null}
      <ErrorAlert
        alert={join.isError ? alertFor(join.error) : leave.isError ? alertFor(leave.error) : null}
      />
      <StatusMessage>{join.isPending || leave.isPending ? 'Saving…' : ''}</StatusMessage>
      <ul className={styles.teams}>
        {shortlist.map((idea) => {
          const team = teamOf(idea.id);
          const mine = team !== undefined && team.id === myTeamId;
          const count = team?.memberCount ?? 0;
          const max = team?.maxSize ?? board.data.teamSize?.max ?? null;
          const full = max !== null && count >= max;
          return (
            <li key={idea.id} className={`${cardStyles.card} ${styles.team}`}>
              <h3 className={styles.ideaTitle}>
                <Link to={`../ideas/${idea.id}`}>{idea.title}</Link>
              </h3>
              <p className={textStyles.small} aria-live="polite">
                {team ? `${statusWord(team.status)} · ${sizeLabel(count, max)}` : 'Nobody yet'}
              </p>
              {team && team.members.length > 0 ? (
                <p className={`${textStyles.small} ${textStyles.muted}`}>
                  {team.members.map((m) => m.displayName).join(', ')}
                </p>
              ) : null}
              {participant && open ? (
                mine ? (
                  team?.status === 'forming' ? (
                    <button
                      type="button"
                      className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                      onClick={() => leave.mutate()}
                    >
                      Leave this team
                    </button>
                  ) : (
                    <p className={textStyles.small}>You are on this team.</p>
                  )
                ) : (
                  <button
                    type="button"
                    className={buttonStyles.button}
                    disabled={
                      full || (team !== undefined && team.status !== 'forming') || join.isPending
                    }
                    onClick={() => join.mutate(idea.id)}
                  >
                    {full ? 'Full' : `Join ${idea.title}`}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
