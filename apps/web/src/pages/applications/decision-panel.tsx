import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Lab } from '../../api';
import { account } from '../../api/auth';
import {
  selectionCommands,
  selectionKeys,
  selectionQueries,
} from '../../features/selection/queries';
import { ConfirmButton } from '../../components/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../components/feedback';
import type { MyDecision } from '../../features/selection/types';
import { LabTime } from '../../components/lab-time';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import styles from './applications.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';

/** The date to answer by, by the one time rule: the lab's time, then the applicant's own. */
function AnswerBy({ iso, lab }: { iso: string; lab: Lab }) {
  return <LabTime iso={iso} timezone={lab.timezone} />;
}

/**
 * The selection decision on an application, once the organisers have decided: a place to
 * confirm or decline by a date, a place on the waitlist, or a decline. Never scores or reviews.
 */
export function DecisionPanel({ lab }: { lab: Lab }) {
  // Whether the answer-by date has passed is judged as of when the panel was shown.
  const [shownAt] = useState(() => Date.now());
  const queryClient = useQueryClient();
  const mine = useQuery(selectionQueries.myDecisions());
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'confirm' | 'decline' | null>(null);

  if (mine.isPending) return null;
  if (mine.isError) return <ErrorAlert alert={alertFor(mine.error)} />;
  const decision = mine.data.find((d) => d.labId === lab.id);
  if (!decision) return null;

  const answer = (kind: 'confirm' | 'decline') => {
    setBusy(kind);
    setAlert(null);
    (kind === 'confirm'
      ? selectionCommands.confirm(decision.id)
      : selectionCommands.decline(decision.id)
    )
      .then(async (answered: MyDecision) => {
        queryClient.setQueryData(selectionKeys.myDecisions, (all: MyDecision[] = []) =>
          all.map((d) => (d.id === answered.id ? answered : d)),
        );
        setStatus(
          kind === 'confirm'
            ? 'Your place is confirmed. Welcome to the lab!'
            : 'You have declined your place.',
        );
        // Confirming makes you a participant: the lab appears among your labs.
        if (kind === 'confirm') await account.refreshMe().catch(() => undefined);
      })
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setBusy(null));
  };

  const passed = decision.confirmBy !== null && Date.parse(decision.confirmBy) < shownAt;
  // Offers are answered during the lab's Selection phase; after it the cohort is fixed.
  const closed = lab.phase !== 'selection';

  return (
    <section className={`${cardStyles.card} ${styles.decision}`} aria-labelledby="decision-title">
      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert} />
      {decision.outcome === 'accepted' && decision.response === 'pending' ? (
        <>
          <h2 id="decision-title">You have a place</h2>
          <p>
            {decision.promotedFromWaitlist
              ? `A place has become free at ${lab.title}, and we are delighted to offer it to you.`
              : `We are delighted to offer you a place at ${lab.title}.`}{' '}
            Attendance of the whole workshop is required.
          </p>
          {decision.confirmBy ? (
            <p className={styles.decisionDeadline} data-testid="answer-by">
              {passed ? 'The date to answer was ' : 'Please confirm or decline by '}
              <AnswerBy iso={decision.confirmBy} lab={lab} />
            </p>
          ) : null}
          {passed || closed ? (
            <p className={feedback.notice}>
              {passed
                ? 'The date has passed: the place can no longer be confirmed.'
                : 'Selection has closed, so the place can no longer be answered here; please write to the organisers.'}
            </p>
          ) : (
            <div className={actionStyles.formActions}>
              <button
                type="button"
                className={buttonStyles.button}
                disabled={busy !== null}
                onClick={() => answer('confirm')}
              >
                {busy === 'confirm' ? 'Confirming…' : 'Confirm my place'}
              </button>
              <ConfirmButton
                className={`${buttonStyles.button} ${buttonStyles.danger}`}
                disabled={busy !== null}
                ask={{
                  title: 'Decline your place?',
                  body: 'The place goes to someone on the waiting list. You cannot undo this.',
                  confirmLabel: 'Yes, decline my place',
                  cancelLabel: 'Keep my place',
                  danger: true,
                }}
                onConfirm={() => answer('decline')}
              >
                {busy === 'decline' ? 'Declining…' : 'Decline my place…'}
              </ConfirmButton>
            </div>
          )}
        </>
      ) : decision.outcome === 'accepted' && decision.response === 'confirmed' ? (
        <>
          <h2 id="decision-title">Your place is confirmed</h2>
          <p>
            You are a participant of {lab.title}. <Link to={`/labs/${lab.id}`}>Open the lab</Link>
          </p>
        </>
      ) : decision.outcome === 'accepted' && decision.response === 'declined' ? (
        <>
          <h2 id="decision-title">You declined your place</h2>
          <p>Thank you for letting us know; the place has gone to someone on the waiting list.</p>
        </>
      ) : decision.outcome === 'accepted' && decision.response === 'expired' ? (
        <>
          <h2 id="decision-title">The offer has lapsed</h2>
          <p>The date to answer passed, so the place was offered to someone else.</p>
        </>
      ) : decision.outcome === 'waitlisted' ? (
        <>
          <h2 id="decision-title">You are on the waiting list</h2>
          <p>
            You are number {decision.waitlistRank ?? '–'} on the waiting list. If a place becomes
            free and you keep the cohort balanced, we will offer it to you here at once.
          </p>
        </>
      ) : (
        <>
          <h2 id="decision-title">No place this time</h2>
          <p>
            We received many strong applications and are sorry that we cannot offer you a place at{' '}
            {lab.title} this time.
          </p>
        </>
      )}
    </section>
  );
}
