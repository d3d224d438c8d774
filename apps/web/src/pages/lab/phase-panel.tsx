import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  isApiError,
  queryClient,
  type FieldIssue,
  type Lab,
  type LabPhase,
  type LabPhaseOption,
} from '../../api';
import { labCommands, labQueries } from '../../api/labs';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../components/feedback';
import { besideField } from '../../lib/field-errors';
import { LAB_PHASES, phaseLabel } from '../../lib/phases';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { settingLabel, settingsFieldId } from './lab-settings-form';
import styles from './lab.module.css';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

interface Props {
  lab: Lab;
  onMoved: (lab: Lab) => void;
  /** A refusal that names missing settings: the settings form marks those fields. */
  onMissingSettings: (issues: FieldIssue[]) => void;
}

/** What moving the lab into a phase does, in a sentence an organiser can weigh. */
const WHAT_IT_DOES: Record<LabPhase, string> = {
  draft: 'The call is taken down: nobody can apply until it opens again.',
  applications_open:
    'The call is published: anyone can find it, sign up and apply until the deadline.',
  selection:
    'Applications stop changing, and the cohort is selected from the reviewed ones; offers are made and answered in this phase.',
  workshop:
    'The cohort is fixed: offers can no longer be answered, and the live workshop (agenda, rooms, control room) takes over.',
  proposals: 'The workshop is over: teams write their proposals for the funding rounds.',
  review: 'Proposals are closed for writing and go to the mentors for review.',
  decided: 'The funding decisions are final.',
  follow_up: 'Funded teams report on their progress.',
};

/**
 * Where the lab stands in its lifecycle and the buttons to move it. The server decides which
 * steps it would take (GET …/phase-options): a step back it would refuse is never offered, and
 * every move is confirmed in a dialog saying what it does and whether it can be undone. A
 * refusal is shown as the server words it, with the way out where there is one.
 */
export function PhasePanel({ lab, onMoved, onMissingSettings }: Props) {
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [missing, setMissing] = useState<FieldIssue[]>([]);
  const [underCapacityAsked, setUnderCapacityAsked] = useState(false);
  const [acceptUnderCapacity, setAcceptUnderCapacity] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [seenVersion, setSeenVersion] = useState(lab.version);
  if (seenVersion !== lab.version) {
    // The lab changed (saved settings, a phase move): an earlier refusal no longer holds.
    setSeenVersion(lab.version);
    setAlert(null);
    setMissing([]);
    setUnderCapacityAsked(false);
    setAcceptUnderCapacity(false);
  }
  const { dialog, confirm } = useConfirmDialog();
  const options = useQuery({ ...labQueries.phaseOptions(lab.id), staleTime: 0 });
  const next = options.data?.find((o) => o.direction === 'forward')?.to ?? null;
  const previous = options.data?.find((o) => o.direction === 'backward' && o.allowed)?.to ?? null;

  /** Asks first when the server would take the step (a refused one is sent to show why). */
  const ask = async (to: LabPhase) => {
    // The verdict as of now: settings, the form or the applications may have changed meanwhile.
    const fresh = await queryClient
      .fetchQuery({ ...labQueries.phaseOptions(lab.id), staleTime: 0 })
      .catch(() => options.data ?? []);
    const option = fresh.find((o) => o.to === to);
    const goesAhead = option?.allowed || (underCapacityAsked && acceptUnderCapacity);
    if (option && goesAhead && !(await confirm(moveQuestion(lab.phase, option)))) return;
    move(to);
  };

  const move = (to: LabPhase) => {
    setBusy(true);
    setAlert(null);
    setMissing([]);
    setStatus(`Moving the lab to ${phaseLabel(to)}…`);
    const acceptUnder = underCapacityAsked && acceptUnderCapacity;
    labCommands
      .movePhase(lab.id, acceptUnder ? { to, acceptUnderCapacity: true } : { to })
      .then(
        (moved) => {
          setUnderCapacityAsked(false);
          setAcceptUnderCapacity(false);
          onMissingSettings([]);
          onMoved(moved);
          setStatus(`The lab is now in phase ${phaseLabel(moved.phase)}.`);
        },
        (error: unknown) => {
          setStatus(null);
          setAlert(alertFor(error));
          if (!isApiError(error)) return;
          if (error.code === 'LAB_PHASE_UNDER_CAPACITY') setUnderCapacityAsked(true);
          if (error.code === 'LAB_PHASE_INCOMPLETE_SETTINGS') {
            setMissing(error.details);
            onMissingSettings(error.details);
          }
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className={cardStyles.card} aria-labelledby="phase-heading">
      {dialog}
      <h2 id="phase-heading">Phase</h2>
      <ol className={styles.phaseSteps}>
        {LAB_PHASES.map((phase) => {
          const index = LAB_PHASES.indexOf(phase);
          const current = LAB_PHASES.indexOf(lab.phase);
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={phase}
              className={styles.phaseStepsItem}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {phaseLabel(phase)}
              {state === 'current' ? (
                <span className="visually-hidden"> (current phase)</span>
              ) : null}
            </li>
          );
        })}
      </ol>

      <ErrorAlert alert={alert && missing.length > 0 ? { ...alert, issues: undefined } : alert}>
        {missing.length > 0 ? (
          <ul>
            {missing.map((issue) => (
              <li key={issue.field}>
                {issue.field === 'applicationForm' ? (
                  // Not a setting on this page: the form has its own editor.
                  <Link to={`/labs/${lab.id}/form`}>{settingLabel(issue.field)}</Link>
                ) : (
                  <>
                    <a href={`#${settingsFieldId(issue.field)}`}>{settingLabel(issue.field)}</a>
                    {issue.message ? `: ${besideField(issue)}` : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </ErrorAlert>

      {underCapacityAsked && next ? (
        <div className={fieldStyles.checkbox}>
          <input
            id="phase-accept-under-capacity"
            type="checkbox"
            checked={acceptUnderCapacity}
            onChange={(e) => setAcceptUnderCapacity(e.target.checked)}
          />
          <label htmlFor="phase-accept-under-capacity">
            Accept under capacity: go ahead with fewer participants than places
          </label>
        </div>
      ) : null}

      <div className={actionStyles.formActions}>
        {options.isPending ? (
          <p className={textStyles.muted}>Checking which steps are open…</p>
        ) : null}
        {next ? (
          <button
            type="button"
            className={buttonStyles.button}
            disabled={busy || (underCapacityAsked && !acceptUnderCapacity)}
            onClick={() => void ask(next)}
          >
            Move to {phaseLabel(next)}
          </button>
        ) : options.isSuccess ? (
          <p>This is the last phase.</p>
        ) : null}
        {previous ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={busy}
            onClick={() => void ask(previous)}
          >
            Step back to {phaseLabel(previous)}
          </button>
        ) : null}
      </div>
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}

/** The dialog's question for a step: what it does, and whether it can be taken back. */
function moveQuestion(from: LabPhase, option: LabPhaseOption) {
  const to = phaseLabel(option.to);
  return {
    title: `Move the lab to ${to}?`,
    body: (
      <>
        <p>{WHAT_IT_DOES[option.to]}</p>
        <p>
          {option.irreversible
            ? `This cannot be undone: the lab cannot step back to ${phaseLabel(from)} afterwards.`
            : `You can step back to ${phaseLabel(from)} later if you need to.`}
        </p>
      </>
    ),
    confirmLabel: option.direction === 'forward' ? `Move to ${to}` : `Step back to ${to}`,
    cancelLabel: `Stay in ${phaseLabel(from)}`,
    danger: option.irreversible,
  };
}
