import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/feedback';
import { SelectField } from '../../components/form-fields';
import { TableScroll } from '../../components/table-scroll';
import fieldRow from '../../components/field-row.module.css';
import rowList from '../../components/row-list.module.css';
import type { ReviewStatus } from './api';
import { ReviewProgressBar, ReviewStatusBadge } from './review-bits';
import styles from './reviewer-assignments.module.css';
import buttonStyles from '../../components/button.module.css';
import textStyles from '../../components/text.module.css';

// The organisers' assignment of reviewers, shared by application review and proposal review:
// the reviewers of each application or proposal (with their review's state, hand-made ones
// marked, removable until submitted), the load per reviewer of the latest run, and the form
// that assigns a reviewer by hand.

/** One reviewer assigned to one application or proposal. */
export interface AssignedReviewer {
  id: string;
  reviewerName: string;
  status: ReviewStatus;
  source: 'auto' | 'manual';
  /** A warning said after the name, e.g. that the pair became a conflict of interest. */
  warning?: string | null;
}

/** An application or a proposal with its reviewers. */
export interface ReviewedItem {
  id: string;
  /** Its name in words: "Ada Arden", "Tumour twins". */
  name: string;
  /** What the row's first cell shows (a link, a title under the name); the name by default. */
  heading?: ReactNode;
  reviewers: readonly AssignedReviewer[];
  /** Reviews submitted, out of assigned. */
  submitted: number;
  assigned: number;
}

/** Groups assignments by what they review, in the order of `items`. */
export function reviewersOf<A extends { id: string }>(
  assignments: readonly A[],
  itemOf: (assignment: A) => string,
): Map<string, A[]> {
  const byItem = new Map<string, A[]>();
  for (const a of assignments) {
    const list = byItem.get(itemOf(a)) ?? [];
    list.push(a);
    byItem.set(itemOf(a), list);
  }
  return byItem;
}

export function ReviewerAssignmentsTable({
  itemLabel,
  items,
  busy,
  onRemove,
  doneExtra,
  expanded,
}: {
  /** What is reviewed: "Application", "Proposal" (the first column's heading). */
  itemLabel: string;
  items: readonly ReviewedItem[];
  busy: boolean;
  onRemove: (reviewer: AssignedReviewer, item: ReviewedItem) => void;
  /** More under the progress bar (e.g. a button that opens the submitted reviews). */
  doneExtra?: (item: ReviewedItem) => ReactNode;
  /** A row under the item's, across the table (e.g. its submitted reviews), when open. */
  expanded?: (item: ReviewedItem) => ReactNode;
}) {
  return (
    <TableScroll>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{itemLabel}</th>
            <th scope="col">Reviewers</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const more = expanded?.(item);
            return (
              <Fragment key={item.id}>
                <tr>
                  <th scope="row">{item.heading ?? item.name}</th>
                  <td>
                    {item.reviewers.length === 0 ? (
                      <span className={textStyles.muted}>none</span>
                    ) : (
                      <ul className={rowList.rowList}>
                        {item.reviewers.map((a) => (
                          <li key={a.id}>
                            <span>
                              {a.reviewerName} <ReviewStatusBadge status={a.status} />
                              {a.source === 'manual' ? (
                                <span className={`${textStyles.muted} ${textStyles.small}`}>
                                  by hand
                                </span>
                              ) : null}
                              {a.warning ? (
                                <span className={`${textStyles.small} ${styles.conflict}`}>
                                  {' '}
                                  ({a.warning})
                                </span>
                              ) : null}
                            </span>
                            {a.status !== 'submitted' ? (
                              <button
                                type="button"
                                className={`${buttonStyles.button} ${buttonStyles.quiet} ${buttonStyles.quietDanger}`}
                                disabled={busy}
                                onClick={() => onRemove(a, item)}
                              >
                                Remove
                                <span className="visually-hidden">
                                  {' '}
                                  {a.reviewerName} from {item.name}
                                </span>
                              </button>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <ReviewProgressBar
                      done={item.submitted}
                      total={item.assigned}
                      label={`Reviews of ${item.name} submitted`}
                    />
                    {doneExtra?.(item)}
                  </td>
                </tr>
                {more ? (
                  <tr className={styles.extensionRow}>
                    <td colSpan={3}>{more}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The load per reviewer that the latest automatic assignment gave, against its range. */
export function ReviewerLoadsTable({
  loads,
}: {
  loads: readonly {
    reviewerId: string;
    name: string;
    load: number;
    min: number;
    max: number | null;
  }[];
}) {
  return (
    <DataTable
      rows={loads}
      rowKey={(l) => l.reviewerId}
      columns={[
        { header: 'Reviewer', rowHeader: true, cell: (l) => l.name || l.reviewerId },
        { header: 'Reviews', numeric: true, cell: (l) => l.load },
        { header: 'Range', cell: (l) => `${l.min}–${l.max ?? 'any'}` },
      ]}
    />
  );
}

/**
 * Assigns one reviewer by hand. `onAssign` says whether it worked; then the reviewer is
 * cleared, ready for the next.
 */
export function HandAssignForm({
  itemLabel,
  items,
  reviewerLabel,
  reviewers,
  busy,
  disabled = false,
  onAssign,
}: {
  /** "Application", "Proposal". */
  itemLabel: string;
  items: readonly { id: string; label: string }[];
  /** "Reviewer", "Mentor". */
  reviewerLabel: string;
  reviewers: readonly { id: string; label: string }[];
  busy: boolean;
  /** Assignments cannot change now (review is over). */
  disabled?: boolean;
  onAssign: (itemId: string, reviewerId: string) => Promise<boolean>;
}) {
  const [itemId, setItemId] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const assign = (event: FormEvent) => {
    event.preventDefault();
    setIncomplete(!itemId || !reviewerId);
    if (!itemId || !reviewerId) return;
    void onAssign(itemId, reviewerId).then((done) => {
      if (done) setReviewerId('');
    });
  };
  const item = itemLabel.toLowerCase();
  return (
    <>
      <form className={fieldRow.fieldRow} onSubmit={assign} noValidate aria-label="Assign by hand">
        <SelectField
          id={`assign-${item}`}
          label={itemLabel}
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
        >
          <option value="">Choose…</option>
          {items.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`assign-${reviewerLabel.toLowerCase()}`}
          label={reviewerLabel}
          value={reviewerId}
          onChange={(e) => setReviewerId(e.target.value)}
        >
          <option value="">Choose…</option>
          {reviewers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <button
          type="submit"
          className={`${buttonStyles.button} ${buttonStyles.secondary}`}
          disabled={busy || disabled}
        >
          Assign by hand
        </button>
      </form>
      <ErrorAlert
        alert={
          incomplete
            ? {
                message: `Choose ${/^[aeiou]/.test(item) ? 'an' : 'a'} ${item} and a ${reviewerLabel.toLowerCase()}.`,
              }
            : null
        }
      />
    </>
  );
}
