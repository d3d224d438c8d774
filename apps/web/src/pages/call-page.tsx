import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../api';
import { applicationQueries } from '../api/applications';
import { ErrorAlert, Loading } from '../components/feedback';
import { LabDatesList, TaxonomyLists } from '../components/lab-facts';
import { PageHeading } from '../components/page-heading';
import { useSession } from '../components/session';
import { LabTime } from '../components/lab-time';
import { alertFor } from '../lib/use-form-submit';
import styles from './call-page.module.css';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

/** The public call for applications of a lab whose applications are open. */
export function CallPage() {
  const { slug = '' } = useParams();
  const session = useSession();
  const call = useQuery(applicationQueries.call(slug));

  if (call.isPending) return <Loading what="the call" />;
  if (call.isError) {
    const closed = isApiError(call.error) && call.error.status === 404;
    return (
      <section className={pageLayout.narrow}>
        <PageHeading title={closed ? 'No open call here' : 'The call could not be loaded'} />
        {closed ? (
          <p>
            There is no call open for applications at this address. It may not have opened yet, or
            it has closed.
          </p>
        ) : (
          <ErrorAlert alert={alertFor(call.error)} />
        )}
      </section>
    );
  }

  const lab = call.data;
  const applyPath = `/call/${lab.slug}/apply`;
  return (
    <article className={`call ${pageLayout.stackLg}`}>
      <header className={styles.callHero}>
        <p className={styles.callEyebrow}>Ideas Lab · call for participants</p>
        <PageHeading title={lab.title} />
        {lab.theme ? <p className={textStyles.lede}>{lab.theme}</p> : null}
        <p className={styles.callDeadline} data-testid="call-deadline">
          {lab.dates.applicationsCloseAt ? (
            <>
              Apply by <LabTime iso={lab.dates.applicationsCloseAt} timezone={lab.timezone} />
            </>
          ) : (
            'Applications are open'
          )}{' '}
          · {lab.capacity} places
        </p>
        {session.status === 'signed-out' ? (
          <p className={styles.callActions}>
            <Link
              className={buttonStyles.button}
              to={`/signup?next=${encodeURIComponent(applyPath)}`}
            >
              Apply: create an account
            </Link>
            <span>
              Already have an account?{' '}
              <Link to={`/login?next=${encodeURIComponent(applyPath)}`}>Log in to apply</Link>
            </span>
          </p>
        ) : session.status === 'signed-in' ? (
          <p className={styles.callActions}>
            <Link className={buttonStyles.button} to={applyPath}>
              Apply
            </Link>
          </p>
        ) : null}
      </header>
      {lab.description ? (
        <section className={cardStyles.card} aria-labelledby="call-about">
          <h2 id="call-about">About this lab</h2>
          <p className={textStyles.prose}>{lab.description}</p>
        </section>
      ) : null}
      <div className={`${pageLayout.grid2} ${pageLayout.gridCards}`}>
        <section className={cardStyles.card} aria-labelledby="call-dates">
          <h2 id="call-dates">Key dates</h2>
          <LabDatesList dates={lab.dates} timezone={lab.timezone} />
        </section>
        <section className={cardStyles.card} aria-labelledby="call-who">
          <h2 id="call-who">Who we are looking for</h2>
          <TaxonomyLists taxonomy={lab.taxonomy} />
        </section>
      </div>
    </article>
  );
}
