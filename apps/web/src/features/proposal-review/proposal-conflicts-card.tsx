import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { useConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { reviewCommands, reviewKeys, reviewQueries, type MyProposalConflicts } from './api';
import styles from './proposal-review.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

type Row = MyProposalConflicts['proposals'][number];

/**
 * A mentor's conflicts of interest with the round's proposals: they declare one with a reason
 * (the assignment then leaves it out; an unsubmitted review of it is withdrawn) or withdraw it.
 */
export function ProposalConflictsCard({ roundId }: { roundId: string }) {
  const { lab } = useLab();
  const conflicts = useQuery(reviewQueries.myConflicts(lab.id, roundId));
  const [status, setStatus] = useState<string | null>(null);
  const saved = (next: MyProposalConflicts, text: string) => {
    queryClient.setQueryData(reviewKeys.myConflicts(lab.id, roundId), next);
    // A withdrawn review leaves the queue; organisers' tables change too.
    void queryClient.invalidateQueries({ queryKey: reviewKeys.all(lab.id, roundId) });
    setStatus(
      next.withdrawnReviews > 0 ? `${text} Your unsubmitted review of it was withdrawn.` : text,
    );
  };
  if (conflicts.isPending) return <Loading what="your conflicts of interest" />;
  if (conflicts.isError) return <ErrorAlert alert={alertFor(conflicts.error)} />;
  return (
    <section
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="proposal-conflicts"
    >
      <h3 id="proposal-conflicts">Conflicts of interest</h3>
      <p>
        Declare a conflict with a proposal you cannot review fairly: you will not be assigned it. A
        review you already submitted stays, marked for the organisers.
      </p>
      {conflicts.data.proposals.length === 0 ? <p>No proposal has been submitted yet.</p> : null}
      <ul className={styles.queue}>
        {conflicts.data.proposals.map((row) => (
          <ConflictRow key={row.proposalId} roundId={roundId} row={row} onSaved={saved} />
        ))}
      </ul>
      <StatusMessage>{status}</StatusMessage>
    </section>
  );
}

function ConflictRow(props: {
  roundId: string;
  row: Row;
  onSaved: (next: MyProposalConflicts, text: string) => void;
}) {
  const { roundId, row, onSaved } = props;
  const { lab } = useLab();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { dialog, confirm } = useConfirmDialog();
  const declare = useMutation({
    mutationFn: () => reviewCommands.declareConflict(lab.id, roundId, row.proposalId, reason),
    onSuccess: (next) => {
      setOpen(false);
      setReason('');
      onSaved(next, `Conflict with ${row.teamName} declared.`);
    },
  });
  const withdraw = useMutation({
    mutationFn: () => reviewCommands.withdrawConflict(lab.id, roundId, row.proposalId),
    onSuccess: (next) => onSaved(next, `Conflict with ${row.teamName} withdrawn.`),
  });
  const onDeclare = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await confirm({
      title: `Declare a conflict with ${row.teamName}?`,
      body: 'You will not be assigned this proposal. If you have started a review of it, the draft is withdrawn; a submitted review stays, marked for the organisers.',
      confirmLabel: 'Declare the conflict',
    });
    if (ok) declare.mutate();
  };
  const id = `conflict-${row.proposalId}`;
  return (
    <li className={pageLayout.stack}>
      <span>
        {row.title} <small>({row.teamName})</small>
      </span>
      {row.declared ? (
        <span>
          You declared a conflict: {row.declared.reason}{' '}
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate()}
            aria-label={`Withdraw the conflict with ${row.teamName}`}
          >
            Withdraw
          </button>
        </span>
      ) : row.conflictText ? (
        <span>You cannot review it: {row.conflictText}.</span>
      ) : open ? (
        <form className={pageLayout.stack} onSubmit={onDeclare}>
          <TextField
            id={id}
            label={`Why you cannot review ${row.teamName} fairly`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className={styles.row}>
            <button type="submit" className={buttonStyles.button} disabled={declare.isPending}>
              Declare
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.secondary}`}
              onClick={() => setOpen(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <span>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={() => setOpen(true)}
            aria-label={`Declare a conflict with ${row.teamName}`}
          >
            Declare a conflict
          </button>
        </span>
      )}
      <ErrorAlert
        alert={
          declare.isError
            ? alertFor(declare.error)
            : withdraw.isError
              ? alertFor(withdraw.error)
              : null
        }
      />
      {dialog}
    </li>
  );
}
