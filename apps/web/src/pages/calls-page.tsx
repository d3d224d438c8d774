import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { data, http } from '../api/http';
import { ErrorAlert, Loading } from '../components/feedback';
import { PageHeading } from '../components/page-heading';
import { LabTime } from '../components/lab-time';
import { alertFor } from '../lib/use-form-submit';
import styles from './calls-page.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

/** Every lab taking applications now: where a newcomer finds a call without being sent a link. */
export function CallsPage() {
  const calls = useQuery({
    queryKey: ['calls'],
    queryFn: () => data(http.GET('/api/calls')),
  });

  return (
    <section className={pageLayout.stackLg}>
      <PageHeading title="Open calls" />
      <p className={textStyles.lede}>
        Ideas Labs taking applications now. Open one to read the call and apply.
      </p>
      {calls.isPending ? <Loading what="the open calls" /> : null}
      <ErrorAlert alert={calls.isError ? alertFor(calls.error) : null} />
      {calls.data?.length === 0 ? (
        <div className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>No lab is taking applications right now. Calls appear here as soon as they open.</p>
        </div>
      ) : null}
      {calls.data && calls.data.length > 0 ? (
        <ul className={styles.list} aria-label="Open calls">
          {calls.data.map((call) => (
            <li key={call.id} className={`${cardStyles.card} ${styles.call}`}>
              <h2 className={styles.title}>
                <Link to={`/call/${call.slug}`}>{call.title}</Link>
              </h2>
              {call.theme ? <p className={styles.theme}>{call.theme}</p> : null}
              <p className={styles.deadline}>
                {call.applicationsCloseAt ? (
                  <>
                    Apply by <LabTime iso={call.applicationsCloseAt} timezone={call.timezone} />
                  </>
                ) : (
                  'Applications are open'
                )}{' '}
                · {call.capacity} places
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
