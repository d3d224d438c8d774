import { Fragment, type ReactNode } from 'react';
import buttonStyles from '../../components/button.module.css';

interface EditableRowsProps<Row> {
  rows: readonly Row[];
  onChange: (rows: Row[]) => void;
  /** The row "Add" appends. */
  blank: () => Row;
  addLabel: string;
  /** How a row is named on its Remove button for screen readers, e.g. "milestone 2". */
  rowName: (index: number) => string;
  /** One row's fields; `removeButton` goes where the row wants it. */
  renderRow: (
    row: Row,
    index: number,
    tools: { set: (next: Partial<Row>) => void; removeButton: ReactNode },
  ) => ReactNode;
  /** Wraps the rows (e.g. in a table body); as they are by default. */
  wrap?: (rows: ReactNode) => ReactNode;
}

/**
 * A list of rows a team edits in place: each row's fields, a Remove button per row and an Add
 * button under the list (milestones, team roles, budget lines of a proposal).
 */
export function EditableRows<Row extends object>(props: EditableRowsProps<Row>) {
  const { rows, onChange, blank, addLabel, rowName, renderRow, wrap = (r) => r } = props;
  const set = (i: number, next: Partial<Row>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...next } : row)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  return (
    <>
      {wrap(
        rows.map((row, i) => (
          <Fragment key={i}>
            {renderRow(row, i, {
              set: (next) => set(i, next),
              removeButton: (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                  onClick={() => remove(i)}
                >
                  Remove <span className="visually-hidden">{rowName(i)}</span>
                </button>
              ),
            })}
          </Fragment>
        )),
      )}
      <button
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.quiet}`}
        onClick={() => onChange([...rows, blank()])}
      >
        {addLabel}
      </button>
    </>
  );
}
