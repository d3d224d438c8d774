import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/feedback';
import { SelectField } from '../../components/form-fields';
import { SideBySide } from '../../components/save-conflict-dialog';
import { formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import { proposalQueries } from './api';
import styles from './proposal-editor-page.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/** Every version with its author and time, and two of them compared section by section. */
export function VersionsPanel({
  labId,
  roundId,
  teamId,
  latest,
}: {
  labId: string;
  roundId: string;
  teamId: string;
  latest: number;
}) {
  const { lab } = useLab();
  const versions = useQuery(proposalQueries.versions(labId, roundId, teamId));
  // Until the reader picks two versions, the latest is compared with the one before it.
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const from = picked?.from ?? Math.max(1, latest - 1);
  const to = picked?.to ?? latest;
  const setFrom = (value: number) => setPicked({ from: value, to });
  const setTo = (value: number) => setPicked({ from, to: value });
  const comparison = useQuery({
    ...proposalQueries.compare(labId, roundId, teamId, from, to),
    enabled: from !== to,
  });
  return (
    <section className={`${cardStyles.card} ${pageLayout.stack}`} aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {versions.isPending ? <Loading what="the versions" /> : null}
      <ErrorAlert alert={versions.isError ? alertFor(versions.error) : null} />
      <ol reversed className={styles.versions}>
        {versions.data?.map((v) => (
          <li key={v.version}>
            Version {v.version} by {v.author?.displayName ?? 'someone'},{' '}
            {formatLabTime(v.savedAt, lab.timezone)}
            {v.submitted ? ' — submitted' : ''}
          </li>
        ))}
      </ol>
      {latest > 1 ? (
        <>
          <div className={styles.row}>
            <SelectField
              id="compare-from"
              label="Compare version"
              value={from}
              onChange={(e) => setFrom(Number(e.target.value))}
            >
              {Array.from({ length: latest }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="compare-to"
              label="with version"
              value={to}
              onChange={(e) => setTo(Number(e.target.value))}
            >
              {Array.from({ length: latest }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </SelectField>
          </div>
          <ErrorAlert alert={comparison.isError ? alertFor(comparison.error) : null} />
          {comparison.data ? (
            <div className={styles.sides} aria-label="Sections compared">
              {comparison.data.sections.filter((s) => s.changed).length === 0 ? (
                <p>The two versions say the same.</p>
              ) : null}
              {comparison.data.sections
                .filter((s) => s.changed)
                .map((s) => (
                  <SideBySide
                    key={s.key}
                    label={s.label}
                    left={{ heading: `Version ${from}`, text: s.before }}
                    right={{ heading: `Version ${to}`, text: s.after }}
                  />
                ))}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
