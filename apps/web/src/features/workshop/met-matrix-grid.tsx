import type { MetMatrixData } from './api';
import { layoutMetMatrix } from './met-matrix';
import { TableScroll } from '../../components/table-scroll';
import styles from './workshop.module.css';
import textStyles from '../../components/text.module.css';

/**
 * Who has met whom, as a heatmap table: a row per participant, a column per participant
 * (initials, the full name on hover and for screen readers), each cell coloured by how often
 * the pair shared a room; repeats stand out.
 */
export function MetMatrixGrid({ data, caption }: { data: MetMatrixData; caption: string }) {
  const layout = layoutMetMatrix(data);
  if (layout.rows.length === 0) return <p className={textStyles.muted}>No participants yet.</p>;
  return (
    <figure className={styles.metMatrix}>
      <TableScroll>
        <table className={styles.metMatrixTable}>
          <caption>
            {caption}: {layout.pairsMet} of {layout.pairsPossible} pairs have met,{' '}
            {layout.repeats === 0
              ? 'no pair twice'
              : `${layout.repeats} repeat${layout.repeats === 1 ? '' : 's'}`}
            .
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Participant</span>
              </th>
              {layout.rows.map((row) => (
                <th key={row.person.userId} scope="col" className={styles.metMatrixCol}>
                  <abbr title={row.person.displayName}>{row.short}</abbr>
                </th>
              ))}
              <th scope="col" className={styles.metMatrixMet}>
                Met
              </th>
            </tr>
          </thead>
          <tbody>
            {layout.rows.map((row) => (
              <tr key={row.person.userId}>
                <th scope="row" className={styles.metMatrixName}>
                  {row.person.displayName}
                </th>
                {row.cells.map((cell, j) => (
                  <td
                    key={layout.rows[j].person.userId}
                    className={styles.metMatrixCell}
                    data-level={cell.level}
                    title={cell.label}
                  >
                    <span aria-hidden="true">{cell.level === 'self' ? '' : cell.count || ''}</span>
                    <span className="visually-hidden">{cell.label}</span>
                  </td>
                ))}
                <td className={styles.metMatrixMet}>{row.met}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <figcaption className={`${styles.metMatrixLegend} ${textStyles.small}`}>
        <span className={styles.metMatrixKey} data-level="never" aria-hidden="true" /> never met
        <span className={styles.metMatrixKey} data-level="once" aria-hidden="true" /> met once
        <span className={styles.metMatrixKey} data-level="repeat" aria-hidden="true" /> met more
        than once
      </figcaption>
    </figure>
  );
}
