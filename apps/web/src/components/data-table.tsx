import type { HTMLAttributes, ReactNode } from 'react';
import { TableScroll } from './table-scroll';
import styles from './data-table.module.css';

/** One column of a {@link DataTable}: its heading and what each row shows in it. */
export interface DataColumn<Row> {
  header: string;
  /** The heading is for screen readers only (a column of buttons). */
  hiddenHeader?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Figures, aligned right. */
  numeric?: boolean;
  cell: (row: Row, index: number) => ReactNode;
}

/**
 * A table of rows under column headings, scrolling sideways inside itself on a phone: the one
 * shape of the organisers' lists (review progress, assignments, ranking, portfolio runs and
 * awards, invitations, members). `rowProps` marks a row (the current run, the funding line).
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  rowProps,
  className,
}: {
  caption?: string;
  /** The caption names the table for screen readers only (a heading above says it). */
  captionHidden?: boolean;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row, index: number) => HTMLAttributes<HTMLTableRowElement> | undefined;
  className?: string;
}) {
  return (
    <TableScroll>
      <table className={className ? `${styles.table} ${className}` : styles.table}>
        {caption ? (
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        ) : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className={column.numeric ? styles.num : undefined}
              >
                {column.hiddenHeader ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row)} {...rowProps?.(row, index)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.header} scope="row">
                    {column.cell(row, index)}
                  </th>
                ) : (
                  <td key={column.header} className={column.numeric ? styles.num : undefined}>
                    {column.cell(row, index)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
