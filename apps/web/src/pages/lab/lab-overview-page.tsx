import { Link } from 'react-router-dom';
import { formatMoney, LabDatesList, TaxonomyLists } from '../../components/lab-facts';
import { useLab } from './lab-context';
import { Fact, Facts } from '../../components/facts';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

export function LabOverviewPage() {
  const { lab } = useLab();
  return (
    <div className={pageLayout.stackLg}>
      <section className={cardStyles.card} aria-labelledby="lab-about">
        <h2 id="lab-about">About</h2>
        {lab.theme ? <p className={textStyles.lede}>{lab.theme}</p> : null}
        {lab.description ? (
          <p className={textStyles.prose}>{lab.description}</p>
        ) : (
          <p className={textStyles.muted}>No description yet.</p>
        )}
        {lab.phase === 'applications_open' ? (
          <p>
            The call is open: <Link to={`/call/${lab.slug}`}>public call page</Link>.
          </p>
        ) : null}
      </section>
      <div className={`${pageLayout.grid2} ${pageLayout.gridCards}`}>
        <section className={cardStyles.card} aria-labelledby="lab-dates">
          <h2 id="lab-dates">Dates</h2>
          <LabDatesList dates={lab.dates} timezone={lab.timezone} />
        </section>
        <section className={cardStyles.card} aria-labelledby="lab-shape">
          <h2 id="lab-shape">Shape</h2>
          <Facts>
            <Fact label="Places">{lab.capacity}</Fact>
            <Fact label="Team size">
              {lab.teamSize.min}–{lab.teamSize.max} people
            </Fact>
            <Fact label="Funding pool">{formatMoney(lab.funding.pool, lab.funding.currency)}</Fact>
            <Fact label="Web address">
              <code>/call/{lab.slug}</code>
            </Fact>
          </Facts>
        </section>
      </div>
      <section className={cardStyles.card} aria-labelledby="lab-taxonomy">
        <h2 id="lab-taxonomy">Taxonomy</h2>
        <TaxonomyLists taxonomy={lab.taxonomy} />
      </section>
    </div>
  );
}
