import type { LabDateKey, LabDates, LabTaxonomy } from '../api';
import { DATE_KEYS, TAXONOMY_KEYS } from '../lib/lab-form';
import { LabTime } from './lab-time';
import chips from './chips.module.css';
import styles from './lab-facts.module.css';
import { Fact, Facts } from './facts';
import textStyles from './text.module.css';

export const DATE_LABELS: Record<LabDateKey, string> = {
  applicationsOpenAt: 'Applications open',
  applicationsCloseAt: 'Applications close',
  workshopStartAt: 'Workshop starts',
  workshopEndAt: 'Workshop ends',
  proposalsDueAt: 'Proposals due',
};

export const TAXONOMY_LABELS: Record<keyof LabTaxonomy, string> = {
  disciplines: 'Disciplines',
  careerStages: 'Career stages',
  organisationTypes: 'Organisation types',
};

/** The lab's key dates, in the lab's own timezone. */
export function LabDatesList({ dates, timezone }: { dates: LabDates; timezone: string }) {
  return (
    <>
      <Facts>
        {DATE_KEYS.map((key) => (
          <Fact key={key} label={DATE_LABELS[key]}>
            {dates[key] ? (
              <LabTime iso={dates[key]} timezone={timezone} />
            ) : (
              <span className={textStyles.muted}>not set</span>
            )}
          </Fact>
        ))}
      </Facts>
      <p className={`${textStyles.muted} ${textStyles.small}`}>
        Times are in the lab's timezone, {timezone}, then yours.
      </p>
    </>
  );
}

export function TaxonomyLists({ taxonomy }: { taxonomy: LabTaxonomy }) {
  return (
    <div className={styles.taxonomy}>
      {TAXONOMY_KEYS.map((key) => (
        <div key={key}>
          <h3>{TAXONOMY_LABELS[key]}</h3>
          {taxonomy[key].length > 0 ? (
            <ul className={chips.chips}>
              {taxonomy[key].map((value) => (
                <li key={value} className={chips.chip}>
                  {value}
                </li>
              ))}
            </ul>
          ) : (
            <p className={textStyles.muted}>None yet.</p>
          )}
        </div>
      ))}
    </div>
  );
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
