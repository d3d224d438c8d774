import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { applicationQueries } from '../../api/applications';
import { selectionQueries } from '../../features/selection/queries';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { browserTimezone, formatLabTime } from '../../lib/lab-time';
import { alertFor } from '../../lib/use-form-submit';
import { ApplicationStatusBadge } from './application-status-badge';
import { DecisionBadge } from './decision-badge';
import cards from '../../components/lab-cards.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

export function MyApplicationsPage() {
  const mine = useQuery(applicationQueries.mine());
  const decisions = useQuery(selectionQueries.myDecisions());
  const decisionOf = (labId: string) => decisions.data?.find((d) => d.labId === labId);
  const zone = browserTimezone();

  return (
    <section>
      <PageHeading title="My applications" />
      <ErrorAlert alert={mine.isError ? alertFor(mine.error) : null} />
      {mine.isPending ? <Loading what="your applications" /> : null}
      {mine.data?.length === 0 ? (
        <div className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>You have not applied to a lab yet.</p>
          <p>Open a lab's call page to apply.</p>
        </div>
      ) : null}
      {mine.data && mine.data.length > 0 ? (
        <ul className={cards.labList} aria-label="Applications">
          {mine.data.map((application) => (
            <li key={application.id} className={cardStyles.card}>
              <h2 className={cards.labCardTitle}>
                <Link to={`/applications/${application.id}`}>{application.labTitle}</Link>
              </h2>
              <p className={cards.labCardMeta}>
                <ApplicationStatusBadge status={application.status} />
                <DecisionBadge decision={decisionOf(application.labId)} />
                <span className={`${textStyles.muted} ${textStyles.small}`}>
                  Last edited {formatLabTime(application.updatedAt, zone)}
                </span>
              </p>
              <p className={cards.labCardRoles}>
                <Link to={`/call/${application.labSlug}`}>The call</Link>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
