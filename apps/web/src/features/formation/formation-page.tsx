import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import { CompositionChart } from './composition-chart';
import {
  formationApi,
  formationKeys,
  type FormationOverview,
  type FormationRun,
  type MoveChecked,
  type OrganiserTeam,
} from './formation-api';
import { compareRuns, moveTargets, sizeLabel, statusLabel } from './formation-logic';
import { RulesEditor } from './rules-editor';
import { useFormationLive } from './use-formation-live';
import styles from './formation.module.css';
import fieldStyles from '../../components/field.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';
import { TableScroll } from '../../components/table-scroll';

/** The organisers' formation page: rules, runs compared, adopt, hand edits with warnings, confirm. */
export function FormationPage() {
  const { labId = '' } = useParams();
  const queryClient = useQueryClient();
  useFormationLive(labId);
  const overview = useQuery({
    queryKey: formationKeys.overview(labId),
    queryFn: () => formationApi.overview(labId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
  const saveRules = useMutation({
    mutationFn: (next: { open: boolean; rules: FormationOverview['settings']['rules'] }) =>
      formationApi.putSettings(labId, { ...next, version: overview.data?.settings.version ?? 0 }),
    onSettled: () => void refresh(),
  });

  if (overview.isPending) return <Loading what="team formation" />;
  if (overview.isError) return <ErrorAlert alert={alertFor(overview.error)} />;
  const data = overview.data;
  return (
    <section className={pageLayout.stackLg}>
      <h2>Team formation</h2>
      <p className={textStyles.lede}>
        {data.participants} participants · {data.interestsStated} stated their interests ·{' '}
        {data.shortlist.length} shortlisted ideas · formation is{' '}
        {data.settings.open ? 'open' : 'closed'}
      </p>
      <RulesEditor
        key={data.settings.version}
        settings={data.settings}
        busy={saveRules.isPending}
        onSave={(next) => saveRules.mutate(next)}
      />
      <ErrorAlert alert={saveRules.isError ? alertFor(saveRules.error) : null} />
      <StatusMessage>{saveRules.isSuccess ? 'Rules saved.' : ''}</StatusMessage>
      <Runs labId={labId} />
      <CurrentTeams labId={labId} overview={data} />
    </section>
  );
}

function Runs({ labId }: { labId: string }) {
  const queryClient = useQueryClient();
  const runs = useQuery({
    queryKey: formationKeys.runs(labId),
    queryFn: () => formationApi.runs(labId),
  });
  const [seed, setSeed] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [compared, setCompared] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => formationApi.createRun(labId, seed.trim() || undefined),
    onSuccess: (run) => {
      queryClient.setQueryData(formationKeys.run(labId, run.id), run);
      setShown(run.id);
      void queryClient.invalidateQueries({ queryKey: formationKeys.runs(labId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const chosen = (runs.data ?? []).filter((run) => compared.includes(run.id));
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="runs-title">
      <h2 id="runs-title">Optimiser runs</h2>
      <form className={styles.actions} onSubmit={submit}>
        <label>
          Seed (optional)
          <input value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
        <button type="submit" className={buttonStyles.button} disabled={create.isPending}>
          Run the optimiser
        </button>
      </form>
      <StatusMessage>{create.isPending ? 'Forming teams…' : ''}</StatusMessage>
      <ErrorAlert alert={create.isError ? alertFor(create.error) : null} />
      {runs.data && runs.data.length > 0 ? (
        <ul className={styles.members} aria-label="Runs">
          {runs.data.map((run) => (
            <li key={run.id} className={styles.actions}>
              <label className={fieldStyles.checkbox}>
                <input
                  type="checkbox"
                  checked={compared.includes(run.id)}
                  onChange={(e) =>
                    setCompared(
                      e.target.checked
                        ? [...compared, run.id].slice(-3)
                        : compared.filter((id) => id !== run.id),
                    )
                  }
                />
                Compare
              </label>
              <button
                type="button"
                className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                onClick={() => setShown(run.id)}
              >
                Run {run.seed} — {statusLabel(run.status)}, {run.teams} teams
                {run.adopted ? ' (adopted)' : ''}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className={textStyles.muted}>No runs yet.</p>
      )}
      {chosen.length >= 2 ? (
        <TableScroll>
          <table className={styles.compare} aria-label="Runs side by side">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {chosen.map((run) => (
                  <th key={run.id} scope="col">
                    Run {run.seed}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {compareRuns(chosen).map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, i) => (
                    <td key={chosen[i].id}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {shown ? <RunDetail labId={labId} runId={shown} /> : null}
    </section>
  );
}

function RunDetail({ labId, runId }: { labId: string; runId: string }) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: formationKeys.run(labId, runId),
    queryFn: () => formationApi.run(labId, runId),
  });
  const adopt = useMutation({
    mutationFn: () => formationApi.adopt(labId, runId),
    onSuccess: (next: FormationRun) => {
      queryClient.setQueryData(formationKeys.run(labId, runId), next);
      void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
    },
  });
  if (run.isPending) return <Loading what="the run" />;
  if (run.isError) return <ErrorAlert alert={alertFor(run.error)} />;
  const r = run.data;
  return (
    <article className={pageLayout.stack} aria-labelledby={`run-${r.id}`}>
      <h3 id={`run-${r.id}`}>
        Run {r.seed}: {statusLabel(r.status)}
      </h3>
      {r.infeasibility ? (
        <div className={`${cardStyles.card} ${cardStyles.warn}`}>
          <p>These rules cannot all hold:</p>
          <ul>
            {r.infeasibility.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {r.infeasibility.relaxation.length > 0 ? (
            <>
              <p>The smallest change that would help:</p>
              <ul>
                {r.infeasibility.relaxation.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {r.proposedTeams.length > 0 ? (
        <ul className={styles.teams} aria-label="Proposed teams">
          {r.proposedTeams.map((team) => (
            <li key={team.ideaId} className={`${cardStyles.card} ${styles.team}`}>
              <h4 className={styles.ideaTitle}>
                <Link to={`../ideas/${team.ideaId}`}>{team.ideaTitle}</Link>
                {team.locked ? ' (kept)' : ''}
              </h4>
              <p className={textStyles.small}>
                {team.members.map((m) => m.displayName).join(', ')}
              </p>
              <CompositionChart composition={team.composition} />
            </li>
          ))}
        </ul>
      ) : null}
      {r.unassignedPeople.length > 0 ? (
        <p>Without a team: {r.unassignedPeople.map((p) => p.displayName).join(', ')}</p>
      ) : null}
      {r.proposedTeams.length > 0 ? (
        <div className={styles.actions}>
          <button
            type="button"
            className={buttonStyles.button}
            disabled={adopt.isPending || r.adopted}
            onClick={() => adopt.mutate()}
          >
            {r.adopted ? 'Adopted' : 'Adopt these teams'}
          </button>
        </div>
      ) : null}
      <ErrorAlert alert={adopt.isError ? alertFor(adopt.error) : null} />
      <StatusMessage>
        {adopt.isSuccess ? 'Adopted: the teams below are now these.' : ''}
      </StatusMessage>
    </article>
  );
}

function CurrentTeams({ labId, overview }: { labId: string; overview: FormationOverview }) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ who: string; checked: MoveChecked } | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
  const nameOf = (userId: string) =>
    [...overview.teams.flatMap((t) => t.members), ...overview.unassigned].find(
      (p) => p.userId === userId,
    )?.displayName ?? 'Someone';
  const move = useMutation({
    mutationFn: (body: { userId: string; fromTeamId: string | null; toTeamId: string }) =>
      formationApi.move(labId, body),
    onSuccess: (checked, body) => setResult({ who: nameOf(body.userId), checked }),
    onSettled: () => void refresh(),
  });
  const teamOfMember = (userId: string) =>
    overview.teams.find(
      (t) => t.members.some((m) => m.userId === userId) && t.status !== 'confirmed',
    )?.id ?? null;
  const onDrop = (teamId: string) => (event: DragEvent) => {
    event.preventDefault();
    setDropTarget(null);
    const userId = event.dataTransfer.getData('text/plain');
    if (userId) move.mutate({ userId, fromTeamId: teamOfMember(userId), toTeamId: teamId });
  };
  return (
    <section className={pageLayout.stack} aria-labelledby="teams-title">
      <h2 id="teams-title">Teams now</h2>
      {overview.warnings.length > 0 ? (
        <ul className={styles.warnings} aria-label="Rules the teams break">
          {overview.warnings.map((w) => (
            <li key={w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      <ErrorAlert alert={move.isError ? alertFor(move.error) : null} />
      <div role="status" aria-live="polite">
        {result ? (
          <div className={cardStyles.card}>
            <p>
              {result.who} {result.checked.applied ? 'moved' : 'not moved'}.
              {result.checked.warnings.length === 0 ? ' No rule broken.' : ' Warnings:'}
            </p>
            {result.checked.warnings.length > 0 ? (
              <ul className={styles.warnings}>
                {result.checked.warnings.map((w) => (
                  <li key={w.message}>{w.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      {overview.teams.length === 0 ? (
        <p className={textStyles.muted}>
          No teams yet: adopt a run, or let participants join ideas.
        </p>
      ) : null}
      <ul className={styles.teams}>
        {overview.teams.map((team) => (
          <li
            key={team.id}
            className={`${cardStyles.card} ${styles.team} ${dropTarget === team.id ? styles.teamDrop : ''}`}
            onDragOver={(e) => {
              if (team.status === 'confirmed') return;
              e.preventDefault();
              setDropTarget(team.id);
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={onDrop(team.id)}
            aria-label={`Team ${team.name}`}
          >
            <TeamCard
              labId={labId}
              team={team}
              overview={overview}
              onMove={(body) => move.mutate(body)}
              busy={move.isPending}
            />
          </li>
        ))}
      </ul>
      <h3>Without a team ({overview.unassigned.length})</h3>
      {overview.unassigned.length === 0 ? (
        <p className={textStyles.muted}>Everyone is on a team.</p>
      ) : (
        <ul className={styles.members} aria-label="People without a team">
          {overview.unassigned.map((person) => (
            <li
              key={person.userId}
              className={styles.member}
              draggable
              onDragStart={(e) => e.dataTransfer.setData('text/plain', person.userId)}
            >
              {person.displayName}
              <MoveControl
                label={`Place ${person.displayName} on`}
                targets={moveTargets(overview.teams, null)}
                busy={move.isPending}
                onMove={(toTeamId) =>
                  move.mutate({ userId: person.userId, fromTeamId: null, toTeamId })
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MoveControl({
  label,
  targets,
  busy,
  onMove,
}: {
  label: string;
  targets: OrganiserTeam[];
  busy: boolean;
  onMove: (teamId: string) => void;
}) {
  const [to, setTo] = useState('');
  if (targets.length === 0) return null;
  return (
    <span className={styles.actions}>
      <select aria-label={label} value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">Move to…</option>
        {targets.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.secondary}`}
        disabled={!to || busy}
        onClick={() => onMove(to)}
      >
        Move
      </button>
    </span>
  );
}

function TeamCard({
  labId,
  team,
  overview,
  onMove,
  busy,
}: {
  labId: string;
  team: OrganiserTeam;
  overview: FormationOverview;
  onMove: (body: { userId: string; fromTeamId: string | null; toTeamId: string }) => void;
  busy: boolean;
}) {
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const lock = useMutation({
    mutationFn: () => formationApi.lock(labId, team.id, team.version, team.status === 'locked'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) }),
  });
  const idea = overview.shortlist.find((i) => i.id === team.ideaId);
  return (
    <>
      <h3 className={styles.ideaTitle}>{team.name}</h3>
      <p className={textStyles.small}>
        {team.status === 'confirmed'
          ? 'Confirmed'
          : team.status === 'locked'
            ? 'Locked as formed'
            : 'Forming'}{' '}
        · {sizeLabel(team.memberCount, team.maxSize)}
        {idea && idea.title !== team.name ? (
          <>
            {' '}
            · idea: <Link to={`../ideas/${idea.id}`}>{idea.title}</Link>
          </>
        ) : null}
      </p>
      {team.status === 'confirmed' ? (
        <p className={textStyles.small}>
          Lead: {team.lead?.displayName ?? '—'} · Mentor: {team.mentor?.displayName ?? '—'}
        </p>
      ) : null}
      {team.lacks.length > 0 ? (
        <ul className={styles.warnings} aria-label={`What ${team.name} lacks`}>
          {team.lacks.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <ul className={styles.members} aria-label={`Members of ${team.name}`}>
        {team.members.map((m) => (
          <li
            key={m.userId}
            className={styles.member}
            draggable={team.status !== 'confirmed'}
            onDragStart={(e) => e.dataTransfer.setData('text/plain', m.userId)}
          >
            {m.displayName}
            {team.status !== 'confirmed' ? (
              <MoveControl
                label={`Move ${m.displayName} to`}
                targets={moveTargets(overview.teams, team.id)}
                busy={busy}
                onMove={(toTeamId) => onMove({ userId: m.userId, fromTeamId: team.id, toTeamId })}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <CompositionChart composition={team.composition} />
      {team.status !== 'confirmed' ? (
        <div className={styles.actions}>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={lock.isPending}
            onClick={() => lock.mutate()}
          >
            {team.status === 'locked' ? 'Unlock' : 'Lock as formed'}
          </button>
          <button
            type="button"
            className={buttonStyles.button}
            disabled={team.memberCount === 0}
            onClick={() => dialog.current?.showModal()}
          >
            Confirm team…
          </button>
        </div>
      ) : null}
      <ErrorAlert alert={lock.isError ? alertFor(lock.error) : null} />
      <dialog ref={dialog} className={styles.dialog} aria-label={`Confirm ${team.name}`}>
        <ConfirmForm
          labId={labId}
          team={team}
          mentors={overview.mentors}
          onDone={() => dialog.current?.close()}
        />
      </dialog>
    </>
  );
}

function ConfirmForm({
  labId,
  team,
  mentors,
  onDone,
}: {
  labId: string;
  team: OrganiserTeam;
  mentors: FormationOverview['mentors'];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(team.name);
  const [leadId, setLeadId] = useState(team.members[0]?.userId ?? '');
  const [mentorId, setMentorId] = useState(mentors[0]?.userId ?? '');
  const confirm = useMutation({
    mutationFn: () =>
      formationApi.confirm(labId, team.id, {
        name,
        leadId,
        mentorId: mentorId || null,
        version: team.version,
      }),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'FORMATION_TEAM_VERSION_CONFLICT')
        void queryClient.invalidateQueries({ queryKey: formationKeys.all(labId) });
    },
  });
  return (
    <form
      className={pageLayout.stack}
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate();
      }}
    >
      <h3>Confirm {team.name}</h3>
      <label className={fieldStyles.field}>
        Team name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label className={fieldStyles.field}>
        Lead
        <select value={leadId} onChange={(e) => setLeadId(e.target.value)}>
          {team.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className={fieldStyles.field}>
        Mentor
        <select value={mentorId} onChange={(e) => setMentorId(e.target.value)}>
          <option value="">No mentor yet</option>
          {mentors.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert alert={confirm.isError ? alertFor(confirm.error) : null} />
      <div className={styles.actions}>
        <button type="submit" className={buttonStyles.button} disabled={confirm.isPending}>
          Confirm team
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
