import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { APPLICATION_STATUSES, type ApplicationSummary } from '../../api';
import { applicationCommands, applicationKeys } from '../../api/applications';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/form-fields';
import { fieldId, fieldIssuesOf, splitFieldIssues } from '../../lib/field-errors';
import { formatLabTime, localInputToIso } from '../../lib/lab-time';
import { ApplicantLink } from '../../components/applicant-link';
import { formatMerit } from '../../features/selection/merit-chart';
import { alertFor, type AlertContent } from '../../lib/use-form-submit';
import {
  applicationStatusLabel,
  ApplicationStatusBadge,
} from '../applications/application-status-badge';
import { useLab } from './lab-context';
import {
  applicationsViewOf,
  FILTER_KEYS,
  FIRST_ORDER,
  PAGE_SIZES,
  type SortKey,
} from './lab-applications-view';
import { TableScroll } from '../../components/table-scroll';
import { Pager } from '../../components/pager';
import tableStyles from '../../components/applications-table.module.css';
import styles from './lab.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import dataTableStyles from '../../components/data-table.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

/** The lab's applications: filtered (kept in the address, so a view can be shared), paged, exported. */
export function LabApplicationsPage() {
  const { lab } = useLab();
  const [params, setParams] = useSearchParams();
  const { filters, pageSize, sort, order, query } = applicationsViewOf(lab.id, params);
  const queryClient = useQueryClient();
  const list = useQuery({ ...query, placeholderData: keepPreviousData });
  const [country, setCountry] = useState(filters.country ?? '');
  const [search, setSearch] = useState(filters.q ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [exporting, setExporting] = useState(false);
  const [extending, setExtending] = useState<string | null>(null);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const sortBy = (key: SortKey) => {
    const next = new URLSearchParams(params);
    const nextOrder = key === sort ? (order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[key];
    next.set('sort', key);
    next.set('order', nextOrder);
    next.delete('page');
    setParams(next);
  };
  const sortHeader = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className={styles.sortButton} onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true" className={styles.sortButtonArrow}>
          {sort === key ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="visually-hidden">
          {sort === key
            ? `, sorted ${order === 'asc' ? 'ascending' : 'descending'}; sort the other way`
            : ', sort by this column'}
        </span>
      </button>
    </th>
  );
  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('page', String(n));
    else next.delete('page');
    setParams(next);
  };

  const exportCsv = () => {
    setExporting(true);
    setAlert(null);
    applicationCommands
      .exportCsv(lab.id, filters)
      .then(({ blob, filename }) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = filename ?? `applications-${lab.slug}.csv`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setStatus(`Downloaded ${link.download}.`);
      })
      .catch((error: unknown) => setAlert(alertFor(error)))
      .finally(() => setExporting(false));
  };

  const anyFilter = FILTER_KEYS.some((key) => params.get(key));
  const data = list.data ?? null;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className={pageLayout.stackLg}>
      <form
        className={cardStyles.card}
        aria-labelledby="filters-title"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          const next = new URLSearchParams(params);
          const code = country.trim().toUpperCase();
          if (code) next.set('country', code);
          else next.delete('country');
          if (search.trim()) next.set('q', search.trim());
          else next.delete('q');
          next.delete('page');
          setParams(next);
        }}
      >
        <h2 id="filters-title">Filter applications</h2>
        <div className={styles.filtersSearch}>
          <TextField
            id="filter-q"
            type="search"
            label="Find an applicant"
            hint="Part of a name or e-mail address."
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onBlur={() => setFilter('q', search.trim())}
          />
          <button type="submit" className={`${buttonStyles.button} ${buttonStyles.secondary}`}>
            Find
          </button>
        </div>
        <div className={styles.filtersGrid}>
          <SelectField
            id="filter-discipline"
            label="Discipline"
            value={filters.discipline ?? ''}
            onChange={(e) => setFilter('discipline', e.target.value)}
          >
            <option value="">Any</option>
            {lab.taxonomy.disciplines.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </SelectField>
          <SelectField
            id="filter-careerStage"
            label="Career stage"
            value={filters.careerStage ?? ''}
            onChange={(e) => setFilter('careerStage', e.target.value)}
          >
            <option value="">Any</option>
            {lab.taxonomy.careerStages.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </SelectField>
          <SelectField
            id="filter-organisationType"
            label="Organisation type"
            value={filters.organisationType ?? ''}
            onChange={(e) => setFilter('organisationType', e.target.value)}
          >
            <option value="">Any</option>
            {lab.taxonomy.organisationTypes.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </SelectField>
          <TextField
            id="filter-country"
            label="Country code"
            hint="Two letters, then Enter."
            maxLength={2}
            autoCapitalize="characters"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            onBlur={() => setFilter('country', country.trim().toUpperCase())}
          />
          <SelectField
            id="filter-status"
            label="Status"
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
          >
            <option value="">Any</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {applicationStatusLabel(s)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="page-size"
            label="Rows per page"
            value={String(pageSize)}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === String(PAGE_SIZES[0])) next.delete('rows');
              else next.set('rows', e.target.value);
              next.delete('page');
              setParams(next);
            }}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </SelectField>
        </div>
        <div className={actionStyles.formActions}>
          {anyFilter ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              onClick={() => {
                setCountry('');
                setSearch('');
                const next = new URLSearchParams();
                for (const key of ['sort', 'order', 'rows']) {
                  const value = params.get(key);
                  if (value) next.set(key, value);
                }
                setParams(next);
              }}
            >
              Clear filters
            </button>
          ) : null}
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.secondary}`}
            onClick={exportCsv}
            disabled={exporting}
          >
            {exporting ? 'Preparing CSV…' : anyFilter ? 'Export these as CSV' : 'Export all as CSV'}
          </button>
        </div>
      </form>

      <StatusMessage>{status}</StatusMessage>
      <ErrorAlert alert={alert ?? (list.isError ? alertFor(list.error) : null)} />

      <section className={cardStyles.card} aria-labelledby="applications-title">
        <div className={pageLayout.pageTitle}>
          <h2 id="applications-title">Applications</h2>
          <p className={textStyles.muted} role="status" aria-live="polite">
            {data
              ? data.total === 0
                ? 'No applications match.'
                : `Showing ${(data.page - 1) * data.pageSize + 1}–${Math.min(data.page * data.pageSize, data.total)} of ${data.total}`
              : null}
          </p>
        </div>
        {list.isPending ? <Loading what="the applications" /> : null}
        {data && data.items.length > 0 ? (
          <TableScroll>
            <table className={tableStyles.table}>
              <thead>
                <tr>
                  {sortHeader('name', 'Applicant')}
                  {sortHeader('status', 'Status')}
                  {sortHeader('merit', 'Score')}
                  <th scope="col">Discipline</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Country</th>
                  <th scope="col">All days</th>
                  {sortHeader('submitted', 'Submitted')}
                  <th scope="col">Deadline</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <ApplicationRow
                    key={a.id}
                    application={a}
                    timezone={lab.timezone}
                    extending={extending === a.id}
                    onExtend={() => setExtending(extending === a.id ? null : a.id)}
                    onExtended={(message) => {
                      setExtending(null);
                      setStatus(message);
                      void queryClient.invalidateQueries({
                        queryKey: applicationKeys.ofLab(lab.id),
                      });
                    }}
                    labId={lab.id}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {data ? (
          <Pager label="Pages of applications" page={data.page} pages={pages} onGo={goTo} />
        ) : null}
      </section>
    </div>
  );
}

function ApplicationRow(props: {
  labId: string;
  application: ApplicationSummary;
  timezone: string;
  extending: boolean;
  onExtend: () => void;
  onExtended: (message: string) => void;
}) {
  const { application: a, timezone } = props;
  const who = a.name ?? a.email;
  return (
    <>
      <tr>
        <th scope="row">
          <ApplicantLink applicationId={a.id}>{who}</ApplicantLink>
          <span className={`${textStyles.muted} ${textStyles.small}`}>{a.email}</span>
          {a.affiliation ? <span className={textStyles.small}>{a.affiliation}</span> : null}
        </th>
        <td>
          <ApplicationStatusBadge status={a.status} />
        </td>
        <td className={dataTableStyles.num}>
          {a.merit === null ? (
            <span className={`${textStyles.muted} ${textStyles.small}`}>not reviewed</span>
          ) : (
            <>
              {formatMerit(a.merit)}
              <span className={`${textStyles.muted} ${textStyles.small}`}>
                {' '}
                ({a.reviewCount} review{a.reviewCount === 1 ? '' : 's'})
              </span>
            </>
          )}
        </td>
        <td>{a.primaryDiscipline ?? <span className={textStyles.muted}>—</span>}</td>
        <td>{a.careerStage ?? <span className={textStyles.muted}>—</span>}</td>
        <td>{a.organisationType ?? <span className={textStyles.muted}>—</span>}</td>
        <td>{a.country ?? <span className={textStyles.muted}>—</span>}</td>
        <td>
          {a.availableForWholeWorkshop === null ? (
            <span className={textStyles.muted}>not said</span>
          ) : a.availableForWholeWorkshop ? (
            'yes'
          ) : (
            `no (${a.unavailableDays.join(', ')})`
          )}
        </td>
        <td className={textStyles.small}>
          {a.submittedAt ? (
            formatLabTime(a.submittedAt, timezone)
          ) : (
            <span className={textStyles.muted}>—</span>
          )}
        </td>
        <td>
          {a.extensionUntil ? (
            <span className={textStyles.small}>
              Extended to {formatLabTime(a.extensionUntil, timezone)}
            </span>
          ) : (
            <span className={`${textStyles.muted} ${textStyles.small}`}>the lab's</span>
          )}
          {a.status !== 'withdrawn' ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              aria-expanded={props.extending}
              onClick={props.onExtend}
            >
              Extend<span className="visually-hidden"> the deadline for {who}</span>
            </button>
          ) : null}
        </td>
      </tr>
      {props.extending ? (
        <tr className={tableStyles.detailRow}>
          <td colSpan={10}>
            <ExtensionForm {...props} who={who} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ExtensionForm(props: {
  labId: string;
  application: ApplicationSummary;
  timezone: string;
  who: string;
  onExtended: (message: string) => void;
}) {
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [busy, setBusy] = useState(false);
  // The form opens on demand (Extend): its field takes focus then.
  const fieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => fieldRef.current?.focus(), []);
  const id = fieldId(`extend-${props.application.id}`, 'until');

  const grant = (event: FormEvent) => {
    event.preventDefault();
    const iso = localInputToIso(until, props.timezone);
    if (!iso) {
      setError('Choose the date and time the extension ends.');
      return;
    }
    setBusy(true);
    setAlert(null);
    setError(undefined);
    applicationCommands
      .grantExtension(props.labId, props.application.id, iso)
      .then(() =>
        props.onExtended(
          `${props.who} can now change their application until ${formatLabTime(iso, props.timezone)}.`,
        ),
      )
      .catch((e: unknown) => {
        const { fieldErrors, unmatched } = splitFieldIssues(fieldIssuesOf(e), ['until']);
        if (fieldErrors.until) setError(fieldErrors.until);
        else setAlert(alertFor(e, unmatched));
        document.getElementById(id)?.focus();
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className={styles.extensionForm} onSubmit={grant} noValidate>
      <ErrorAlert alert={alert} />
      <TextField
        id={id}
        type="datetime-local"
        label={`New deadline for ${props.who}`}
        hint={`In the lab's timezone, ${props.timezone}. It must be later than the lab's deadline.`}
        value={until}
        error={error}
        ref={fieldRef}
        onChange={(e) => setUntil(e.target.value)}
      />
      <button type="submit" className={buttonStyles.button} disabled={busy}>
        {busy ? 'Granting…' : 'Grant extension'}
      </button>
    </form>
  );
}
