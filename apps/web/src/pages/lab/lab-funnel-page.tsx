import { useQuery } from '@tanstack/react-query';
import { FUNNEL_STAGES, type FunnelCounts, type FunnelRow } from '../../api';
import { applicationQueries } from '../../api/applications';
import { ErrorAlert, Loading } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from './lab-context';
import { TableScroll } from '../../components/table-scroll';
import styles from './lab.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

const STAGE_LABELS: Record<keyof FunnelCounts, string> = {
  started: 'Started',
  submitted: 'Submitted',
  reviewed: 'Reviewed',
  selected: 'Selected',
  confirmed: 'Confirmed',
  withdrawn: 'Withdrawn',
};
const COLUMNS = [...FUNNEL_STAGES, 'withdrawn'] as const;

/** How far applications got, overall and by each taxonomy attribute, as tables with bars. */
export function LabFunnelPage() {
  const { lab } = useLab();
  const funnel = useQuery(applicationQueries.funnel(lab.id));
  if (funnel.isPending) return <Loading what="the funnel" />;
  if (funnel.isError) return <ErrorAlert alert={alertFor(funnel.error)} />;
  const { totals, byDiscipline, byCareerStage, byOrganisationType, note } = funnel.data;
  const widest = Math.max(1, totals.started);

  return (
    <div className={pageLayout.stackLg}>
      <section className={cardStyles.card} aria-labelledby="funnel-title">
        <h2 id="funnel-title">Funnel</h2>
        <TableScroll>
          <table className={styles.funnel}>
            <caption className="visually-hidden">Applications at each stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" className={dataTableStyles.num}>
                  Applications
                </th>
                <th scope="col" className={styles.funnelBarCol}>
                  <span className="visually-hidden">Bar</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((stage) => (
                <tr key={stage}>
                  <th scope="row">{STAGE_LABELS[stage]}</th>
                  <td className={dataTableStyles.num}>{totals[stage]}</td>
                  <td className={styles.funnelBarCol} aria-hidden="true">
                    <span
                      className={styles.funnelBar}
                      data-stage={stage}
                      style={{ width: `${(totals[stage] / widest) * 100}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {note ? <p className={`${textStyles.muted} ${textStyles.small}`}>Note: {note}</p> : null}
      </section>
      <Breakdown title="By primary discipline" rows={byDiscipline} />
      <Breakdown title="By career stage" rows={byCareerStage} />
      <Breakdown title="By organisation type" rows={byOrganisationType} />
    </div>
  );
}

function Breakdown({ title, rows }: { title: string; rows: FunnelRow[] }) {
  const id = `funnel-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const widest = Math.max(1, ...rows.map((r) => r.started));
  return (
    <section className={cardStyles.card} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <TableScroll>
        <table className={styles.funnel}>
          <thead>
            <tr>
              <th scope="col">Value</th>
              {COLUMNS.map((stage) => (
                <th key={stage} scope="col" className={dataTableStyles.num}>
                  {STAGE_LABELS[stage]}
                </th>
              ))}
              <th scope="col" className={styles.funnelBarCol}>
                <span className="visually-hidden">Started and submitted, as bars</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.value ?? '∅'}>
                <th scope="row">
                  {row.value ?? <span className={textStyles.muted}>not said yet</span>}
                </th>
                {COLUMNS.map((stage) => (
                  <td key={stage} className={dataTableStyles.num}>
                    {row[stage]}
                  </td>
                ))}
                <td className={styles.funnelBarCol} aria-hidden="true">
                  <span
                    className={styles.funnelBar}
                    data-stage="started"
                    style={{ width: `${(row.started / widest) * 100}%` }}
                  />
                  <span
                    className={styles.funnelBar}
                    data-stage="submitted"
                    style={{ width: `${(row.submitted / widest) * 100}%` }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
