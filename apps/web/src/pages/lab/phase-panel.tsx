import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, type FieldIssue, type Lab, type LabPhase } from '../../api';
import { labCommands } from '../../api/labs';
import { ErrorAlert, StatusMessage } from '../../components/feedback';
import { besideField } from '../../lib/field-errors';
import { LAB_PHASES, nextLabPhase, phaseLabel, previousLabPhase } from '../../lib/phases';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import { settingLabel, settingsFieldId } from './lab-settings-form';

interface Props {
  lab: Lab;
  onMoved: (lab: Lab) => void;
  /** A refusal that names missing settings: the settings form marks those fields. */
  onMissingSettings: (issues: FieldIssue[]) => void;
}

/**
 * Where the lab stands in its lifecycle and the button to move it on. The server decides;
 * a refusal is shown as the server words it, with the way out where there is one.
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
  const next = nextLabPhase(lab.phase);
  const previous = previousLabPhase(lab.phase);

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
    <section className="card phase-panel" aria-labelledby="phase-heading">
      <h2 id="phase-heading">Phase</h2>
      <ol className="phase-steps">
        {LAB_PHASES.map((phase) => {
          const index = LAB_PHASES.indexOf(phase);
          const current = LAB_PHASES.indexOf(lab.phase);
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={phase}
              className={`phase-steps__item phase-steps__item--${state}`}
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
        <div className="checkbox">
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

      <div className="form-actions">
        {next ? (
          <button
            type="button"
            className="button"
            disabled={busy || (underCapacityAsked && !acceptUnderCapacity)}
            onClick={() => move(next)}
          >
            Move to {phaseLabel(next)}
          </button>
        ) : (
          <p>This is the last phase.</p>
        )}
        {previous ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => move(previous)}
          >
            Step back to {phaseLabel(previous)}
          </button>
        ) : null}
      </div>
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}
