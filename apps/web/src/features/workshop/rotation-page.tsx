import { useQuery, useQueryClient } from '@tanstack/react-query';
import { labQueries } from '../../api/labs';
import { sessionChanged, showRounds, workshopKeys, workshopQueries } from './queries';
import { RoomLinkTemplateCard, RoomVideoLinkForm } from './room-video-links';
import linkStyles from './room-video-links.module.css';
import { useState } from 'react';
import { isApiError, type Lab } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { NumberField, notWholeNumbers, wholeNumberOf } from '../../components/number-field';
import { fieldId } from '../../lib/field-errors';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor, useFormSubmit, type AlertContent } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import {
  workshopApi,
  type ParticipantProfile,
  type RotationPlan,
  type Rounds,
  type Seat,
} from './api';
import { BreakoutSessionPicker, useBreakoutSession } from './breakout-session-picker';
import { metMatrixOfRounds } from './met-matrix';
import { MetMatrixGrid } from './met-matrix-grid';
import { TableScroll } from '../../components/table-scroll';
import styles from './workshop.module.css';
import choice from '../../components/choice.module.css';
import { Badge, type BadgeTone } from '../../components/badge';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const PLAN_FIELDS = [
  'rounds',
  'roomSize',
  'minDisciplinesPerRoom',
  'neverAloneCareerStages',
  'roundMinutes',
  'seed',
] as const;
const pid = (field: string) => fieldId('plan', field);

/**
 * The rotation planner of a breakout session: participants' disciplines and career stages,
 * a plan of R rounds of rooms of g with the mixing rules and a seed, every plan kept with its
 * pairs covered, repeats and who-has-met matrix, one adopted; rounds already held are kept
 * when planning again.
 */
export function RotationPage() {
  const { lab } = useLab();
  const picker = useBreakoutSession(lab.id);
  const session = picker.chosen;
  return (
    <div className={`${pageLayout.stackLg} ${styles.workshop}`}>
      <section className={cardStyles.card} aria-labelledby="rotation-heading">
        <h2 id="rotation-heading">Rotation planner</h2>
        <p className={textStyles.muted}>
          Plan who sits with whom across the rounds of a breakout session: as many different pairs
          as possible meet, rooms stay within one seat of each other, disciplines mix and mentors
          rotate.
        </p>
        <BreakoutSessionPicker
          labId={lab.id}
          timezone={lab.timezone}
          picker={picker}
          idPrefix="rotation"
        />
      </section>
      <RoomLinkTemplateCard labId={lab.id} />
      {session ? <SessionPlanner key={session.id} lab={lab} sessionId={session.id} /> : null}
    </div>
  );
}

function SessionPlanner({ lab, sessionId }: { lab: Lab; sessionId: string }) {
  const queryClient = useQueryClient();
  const participants = useQuery(workshopQueries.participants(lab.id));
  const members = useQuery(labQueries.members(lab.id));
  const rounds = useQuery(workshopQueries.rounds(lab.id, sessionId));
  const plans = useQuery(workshopQueries.plans(lab.id, sessionId));
  const matrix = useQuery(workshopQueries.metMatrix(lab.id, sessionId));
  const [shownPlanId, setShownPlanId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [planAlert, setPlanAlert] = useState<AlertContent | null>(null);
  const [adopting, setAdopting] = useState<string | null>(null);

  const people: Seat[] = participants.data ?? [];
  const names = new Map<string, string>();
  for (const m of members.data ?? []) names.set(m.userId, m.displayName);
  for (const p of people) names.set(p.userId, p.displayName);
  const mentorCount = members.data?.filter((m) => m.role === 'mentor').length ?? 0;
  const held = rounds.data?.rounds.filter((r) => r.state !== 'planned') ?? [];
  const planList = plans.data ?? [];
  const shownPlan = planList.find((p) => p.id === shownPlanId) ?? planList[0] ?? null;

  const adopt = (plan: RotationPlan) => {
    setAdopting(plan.id);
    setPlanAlert(null);
    workshopApi.breakout
      .adopt(lab.id, sessionId, plan.id)
      .then((adopted: Rounds) => {
        const planned = adopted.rounds.filter((r) => r.state === 'planned').length;
        setStatus(
          `Plan adopted: ${planned} round${planned === 1 ? '' : 's'} ready to open in the control room.`,
        );
        void sessionChanged(lab.id, sessionId);
      })
      .catch((error: unknown) =>
        setPlanAlert(
          isApiError(error) && error.code === 'PLAN_STALE'
            ? { message: `${error.message}` }
            : alertFor(error),
        ),
      )
      .finally(() => setAdopting(null));
  };

  return (
    <>
      <StatusMessage>{status}</StatusMessage>
      <ParticipantsCard
        lab={lab}
        participants={participants.data ?? null}
        failed={participants.error}
        onSaved={() =>
          void queryClient.invalidateQueries({ queryKey: workshopKeys.participants(lab.id) })
        }
      />
      <PlanForm
        lab={lab}
        sessionId={sessionId}
        heldRounds={held.length}
        participantCount={people.length}
        mentorCount={mentorCount}
        onPlanned={(plan) => {
          setShownPlanId(plan.id);
          setStatus(
            `New plan: ${plan.pairsMet} pairs meet, ${plan.repeats} repeat${plan.repeats === 1 ? '' : 's'}.`,
          );
          void queryClient.invalidateQueries({ queryKey: workshopKeys.plans(lab.id, sessionId) });
        }}
      />

      <section className={cardStyles.card} aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans</h2>
        <ErrorAlert alert={planAlert ?? (plans.isError ? alertFor(plans.error) : null)} />
        {plans.isPending ? <Loading what="the plans" /> : null}
        {plans.isSuccess && planList.length === 0 ? (
          <p className={textStyles.muted}>
            No plans yet: make one above. Every plan is kept until you adopt one.
          </p>
        ) : null}
        {planList.length > 0 ? (
          <TableScroll>
            <table>
              <caption className="visually-hidden">Rotation plans, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Rounds × room</th>
                  <th scope="col">Pairs met</th>
                  <th scope="col">Repeats</th>
                  <th scope="col">Room sizes</th>
                  <th scope="col">Mentors met</th>
                  <th scope="col">Fewest disciplines</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {planList.map((plan, i) => {
                  const n = plan.inputs.participants.length;
                  const name = `Plan ${planList.length - i}`;
                  const shown = shownPlan?.id === plan.id;
                  return (
                    <tr key={plan.id} className={shown ? styles.plansTableRowShown : undefined}>
                      <th scope="row">
                        {name}
                        {plan.adoptedAt ? <Badge tone="adopted">Adopted</Badge> : null}
                        <br />
                        <span className={`${textStyles.small} ${textStyles.muted}`}>
                          seed {plan.seed} · {formatLabTime(plan.createdAt, lab.timezone)}
                        </span>
                      </th>
                      <td>
                        {plan.inputs.rounds} × {plan.inputs.roomSize}
                        {plan.inputs.heldRounds.length > 0 ? (
                          <span className={`${textStyles.small} ${textStyles.muted}`}>
                            {' '}
                            ({plan.inputs.heldRounds.length} held)
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {plan.pairsMet} of {(n * (n - 1)) / 2}
                      </td>
                      <td>
                        {plan.repeats}
                        {plan.metrics.constraintCost?.extraRepeats ? (
                          <span className={`${textStyles.small} ${textStyles.muted}`}>
                            {' '}
                            ({plan.metrics.constraintCost.extraRepeats} from the lab’s rules)
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {plan.metrics.roomSizeRange
                          ? `${plan.metrics.roomSizeRange.min}–${plan.metrics.roomSizeRange.max}`
                          : '—'}
                      </td>
                      <td>
                        {plan.metrics.mentorsMetPerParticipant && plan.inputs.mentors.length > 0
                          ? `${plan.metrics.mentorsMetPerParticipant.min}–${plan.metrics.mentorsMetPerParticipant.max} each`
                          : 'no mentors'}
                      </td>
                      <td>
                        {plan.metrics.minDisciplinesInRoom ?? '—'}
                        {plan.inputs.minDisciplinesPerRoom > 0 ? (
                          <span className={`${textStyles.small} ${textStyles.muted}`}>
                            {' '}
                            (wanted {plan.inputs.minDisciplinesPerRoom})
                          </span>
                        ) : null}
                      </td>
                      <td className={styles.plansTableActions}>
                        <button
                          type="button"
                          className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                          aria-pressed={shown}
                          onClick={() => setShownPlanId(plan.id)}
                        >
                          Show <span className="visually-hidden">{name}</span>
                        </button>
                        <button
                          type="button"
                          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                          disabled={adopting !== null}
                          onClick={() => adopt(plan)}
                        >
                          {adopting === plan.id ? 'Adopting…' : 'Adopt'}{' '}
                          <span className="visually-hidden">{name}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {shownPlan ? (
          <PlanDetails
            plan={shownPlan}
            title={`Plan ${planList.length - planList.indexOf(shownPlan)}`}
            names={names}
            people={people}
          />
        ) : null}
      </section>

      <section className={cardStyles.card} aria-labelledby="held-heading">
        <h2 id="held-heading">Rounds of this session</h2>
        {rounds.isPending ? <Loading what="the rounds" /> : null}
        <ErrorAlert alert={rounds.isError ? alertFor(rounds.error) : null} />
        {rounds.data?.rounds.length === 0 ? (
          <p className={textStyles.muted}>No rounds yet: adopt a plan to create them.</p>
        ) : null}
        {rounds.data && rounds.data.rounds.length > 0 ? (
          <ol className={styles.roundList}>
            {rounds.data.rounds.map((round) => (
              <li key={round.id}>
                <strong>{round.title}</strong>{' '}
                <Badge tone={ROUND_TONES[round.state]}>{roundStateLabel(round.state)}</Badge>{' '}
                <span className={`${textStyles.small} ${textStyles.muted}`}>
                  {round.rooms.length} rooms · {round.durationMinutes} min
                </span>
                {round.state !== 'closed' ? (
                  <details>
                    <summary>
                      Video links<span className="visually-hidden"> of {round.title}</span>
                    </summary>
                    <ul className={linkStyles.roomList}>
                      {round.rooms.map((room) => (
                        <li key={`${room.id}:${room.meetingUrl ?? ''}`}>
                          <RoomVideoLinkForm
                            labId={lab.id}
                            sessionId={sessionId}
                            roundId={round.id}
                            room={room}
                            onSaved={(next, message) => {
                              showRounds(lab.id, sessionId, next);
                              setStatus(message);
                            }}
                          />
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
        {matrix.data && rounds.data && rounds.data.rounds.length > 0 ? (
          <MetMatrixGrid
            data={matrix.data}
            caption="Who meets whom in this session's rounds as they stand (held, open and planned, moves included)"
          />
        ) : null}
      </section>
    </>
  );
}

/** How a round's state looks as a badge: open now, closed, or still to come. */
export const ROUND_TONES: Record<string, BadgeTone> = {
  open: 'live',
  closed: 'past',
  planned: 'upcoming',
};

export function roundStateLabel(state: string): string {
  return state === 'open' ? 'Open' : state === 'closed' ? 'Closed' : 'Planned';
}

function PlanDetails({
  plan,
  title,
  names,
  people,
}: {
  plan: RotationPlan;
  title: string;
  names: ReadonlyMap<string, string>;
  people: Seat[];
}) {
  const inPlan = new Set(plan.inputs.participants.map((p) => p.id));
  const seats = people.filter((p) => inPlan.has(p.userId));
  const held = plan.inputs.heldRounds.length;
  return (
    <section className={styles.planDetails} aria-labelledby="plan-details-heading">
      <h3 id="plan-details-heading">{title}: rooms and who meets whom</h3>
      <div className={styles.planRounds}>
        {plan.rounds.map((round, r) => (
          <section key={r} className={styles.planRound} aria-label={`${title}, round ${r + 1}`}>
            <h4>
              Round {r + 1}
              {r < held ? (
                <span className={`${textStyles.small} ${textStyles.muted}`}> (held, kept)</span>
              ) : null}
            </h4>
            <ul>
              {round.rooms.map((room, i) => (
                <li key={i}>
                  <strong>Room {i + 1}</strong>
                  {room.mentorId ? (
                    <span className={`${textStyles.small} ${textStyles.muted}`}>
                      {' '}
                      · mentor {names.get(room.mentorId) ?? 'unknown'}
                    </span>
                  ) : null}
                  :{' '}
                  {room.participantIds.map((id) => names.get(id) ?? 'someone who left').join(', ')}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <MetMatrixGrid
        data={metMatrixOfRounds(plan.rounds, seats)}
        caption={`${title}, all rounds`}
      />
    </section>
  );
}

function PlanForm({
  lab,
  sessionId,
  heldRounds,
  participantCount,
  mentorCount,
  onPlanned,
}: {
  lab: Lab;
  sessionId: string;
  heldRounds: number;
  participantCount: number;
  mentorCount: number;
  onPlanned: (plan: RotationPlan) => void;
}) {
  const [values, setValues] = useState({
    rounds: '3',
    roomSize: '4',
    minDisciplinesPerRoom: '0',
    roundMinutes: '20',
    seed: '',
    neverAloneCareerStages: [] as string[],
  });
  const form = useFormSubmit(PLAN_FIELDS);
  const edit = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const numbers = {
    rounds: values.rounds,
    roomSize: values.roomSize,
    minDisciplinesPerRoom: values.minDisciplinesPerRoom,
    roundMinutes: values.roundMinutes,
  };
  /** A number field's id, value, error and edit, by the name the server gives it. */
  const numberField = (field: keyof typeof numbers) => ({
    id: pid(field),
    value: values[field],
    error: form.fieldErrors[field],
    onChange: (text: string) => edit({ [field]: text }),
  });

  const onSubmit = form.handleCheckedSubmit(
    () => notWholeNumbers(numbers),
    async () => {
      const plan = await workshopApi.breakout.createPlan(lab.id, sessionId, {
        // Empty, one is left out and the server answers "Required." beside it.
        rounds: wholeNumberOf(values.rounds) as number,
        roomSize: wholeNumberOf(values.roomSize) as number,
        minDisciplinesPerRoom: wholeNumberOf(values.minDisciplinesPerRoom) as number,
        roundMinutes: wholeNumberOf(values.roundMinutes) as number,
        neverAloneCareerStages: values.neverAloneCareerStages,
        ...(values.seed.trim() ? { seed: values.seed.trim() } : {}),
      });
      onPlanned(plan);
    },
  );

  const replanning = heldRounds > 0;
  return (
    <section className={cardStyles.card} aria-labelledby="plan-form-heading">
      <h2 id="plan-form-heading">{replanning ? 'Re-plan the remaining rounds' : 'Make a plan'}</h2>
      <p className={`${textStyles.muted} ${textStyles.small}`}>
        {participantCount} participants and {mentorCount} mentor{mentorCount === 1 ? '' : 's'} in
        the lab.{' '}
        {replanning
          ? `${heldRounds} round${heldRounds === 1 ? ' has' : 's have'} been held and stay as they were; the planner seats everyone present in the rounds after them, avoiding pairs who already met.`
          : 'Mentors rotate so each participant meets as many of them as possible.'}
      </p>
      <ErrorAlert alert={form.alert} />
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <div className={pageLayout.grid3}>
          <NumberField
            label="Rounds"
            hint={
              replanning ? 'All rounds of the session, held ones included.' : 'How many rounds (R).'
            }
            {...numberField('rounds')}
          />
          <NumberField
            label="Room size"
            hint="People per room (g); rooms differ by at most one."
            {...numberField('roomSize')}
          />
          <NumberField
            label="Disciplines per room (at least)"
            hint="m: where the cohort allows it; 0 for no rule."
            {...numberField('minDisciplinesPerRoom')}
          />
          <NumberField label="Minutes per round" {...numberField('roundMinutes')} />
          <TextField
            id={pid('seed')}
            label="Seed"
            hint="Optional: the same seed and inputs give the same plan."
            value={values.seed}
            onChange={(e) => edit({ seed: e.target.value })}
            error={form.fieldErrors.seed}
          />
        </div>
        {lab.taxonomy.careerStages.length > 0 ? (
          <fieldset className={choice.choice}>
            <legend>Never the only one in a room</legend>
            <p className={fieldStyles.hint}>
              Groups whose members should not sit alone among the others (e.g. early-career
              researchers).
            </p>
            {form.fieldErrors.neverAloneCareerStages ? (
              <p className={fieldStyles.error}>{form.fieldErrors.neverAloneCareerStages}</p>
            ) : null}
            {lab.taxonomy.careerStages.map((stage) => (
              <label key={stage}>
                <input
                  type="checkbox"
                  checked={values.neverAloneCareerStages.includes(stage)}
                  onChange={(e) =>
                    edit({
                      neverAloneCareerStages: e.target.checked
                        ? [...values.neverAloneCareerStages, stage]
                        : values.neverAloneCareerStages.filter((s) => s !== stage),
                    })
                  }
                />
                {stage}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className={actionStyles.formActions}>
          <button type="submit" className={buttonStyles.button} disabled={form.busy}>
            {form.busy ? 'Planning…' : replanning ? 'Re-plan remaining rounds' : 'Plan rotation'}
          </button>
        </div>
      </form>
    </section>
  );
}

function ParticipantsCard({
  lab,
  participants,
  failed,
  onSaved,
}: {
  lab: Lab;
  participants: ParticipantProfile[] | null;
  failed: unknown;
  onSaved: () => void;
}) {
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const missing = participants?.filter((p) => !p.discipline).length ?? 0;

  const save = (person: ParticipantProfile, change: Partial<ParticipantProfile>) => {
    const next = { ...person, ...change };
    if (!next.discipline) return;
    setAlert(null);
    workshopApi.participants
      .setProfile(lab.id, person.userId, {
        discipline: next.discipline,
        careerStage: next.careerStage || null,
      })
      .then(
        () => {
          setStatus(`Saved ${person.displayName}.`);
          onSaved();
        },
        (error: unknown) => setAlert(alertFor(error)),
      );
  };

  return (
    <section className={cardStyles.card} aria-labelledby="participants-heading">
      <details>
        <summary>
          <h2 id="participants-heading" className={styles.detailsHeading}>
            Participants ({participants?.length ?? '…'})
          </h2>{' '}
          <span className={`${textStyles.small} ${textStyles.muted}`}>
            {missing > 0
              ? `${missing} without a discipline: the planner cannot mix them.`
              : 'disciplines and career stages the planner mixes'}
          </span>
        </summary>
        <StatusMessage>{status}</StatusMessage>
        <ErrorAlert alert={alert ?? (failed ? alertFor(failed) : null)} />
        {participants && participants.length === 0 ? (
          <p className={textStyles.muted}>
            No participants yet: they join when selected applicants confirm.
          </p>
        ) : null}
        {participants && participants.length > 0 ? (
          <TableScroll>
            <table>
              <thead>
                <tr>
                  <th scope="col">Participant</th>
                  <th scope="col">Discipline</th>
                  <th scope="col">Career stage</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">
                      {p.displayName}
                      {p.disciplines && p.disciplines.length > 1 ? (
                        <span className={`${textStyles.small} ${textStyles.muted}`}>
                          {' '}
                          ({p.disciplines.join(', ')})
                        </span>
                      ) : null}
                    </th>
                    <td>
                      <select
                        aria-label={`Discipline of ${p.displayName}`}
                        value={p.discipline ?? ''}
                        onChange={(e) => save(p, { discipline: e.target.value })}
                      >
                        <option value="">Not stated</option>
                        {lab.taxonomy.disciplines.map((d) => (
                          <option key={d}>{d}</option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Career stage of ${p.displayName}`}
                        value={p.careerStage ?? ''}
                        disabled={!p.discipline}
                        onChange={(e) => save(p, { careerStage: e.target.value || null })}
                      >
                        <option value="">Not stated</option>
                        {lab.taxonomy.careerStages.map((s) => (
                          <option key={s}>{s}</option>
                        ))}
                      </select>
                    </td>
                    <td className={`${textStyles.small} ${textStyles.muted}`}>
                      {p.source === 'organiser'
                        ? 'Set by an organiser'
                        : p.source === 'application'
                          ? 'Their application'
                          : 'Not known'}
                      {p.institution ? ` · ${p.institution}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </details>
    </section>
  );
}
