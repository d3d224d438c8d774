import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { labQueries } from '../api/labs';
import { ErrorAlert, Loading } from '../components/feedback';
import { PageHeading } from '../components/page-heading';
import { PhaseBadge } from '../components/phase-badge';
import { useUser } from '../components/session';
import { roleLabel } from '../lib/roles';
import { alertFor } from '../lib/use-form-submit';
import cards from '../components/lab-cards.module.css';
import { Badge } from '../components/badge';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

export function LabsPage() {
  const user = useUser();
  const labs = useQuery(labQueries.mine());

  return (
    <section>
      <div className={pageLayout.pageTitle}>
        <PageHeading title={user.isAdmin ? 'All labs' : 'My labs'} />
        {user.isAdmin ? (
          <Link className={buttonStyles.button} to="/labs/new">
            Create a lab
          </Link>
        ) : (
          <Link to="/calls">Open calls</Link>
        )}
      </div>
      <ErrorAlert alert={labs.isError ? alertFor(labs.error) : null} />
      {labs.isPending ? <Loading what="your labs" /> : null}
      {labs.data?.length === 0 ? (
        <div className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>You are not part of any lab yet.</p>
          <p>
            <Link to="/calls">See the labs taking applications now</Link> and apply to one, or open
            the link in an organiser's invitation to join their lab.
          </p>
        </div>
      ) : null}
      {labs.data && labs.data.length > 0 ? (
        <ul className={cards.labList} aria-label="Labs">
          {labs.data.map((lab) => (
            <li key={lab.id} className={cardStyles.card}>
              <h2 className={cards.labCardTitle}>
                <Link to={`/labs/${lab.id}`}>{lab.title}</Link>
              </h2>
              <p className={cards.labCardMeta}>
                <PhaseBadge phase={lab.phase} />
                <span className={textStyles.muted}>{lab.timezone}</span>
              </p>
              <p className={cards.labCardRoles}>
                {lab.myRoles.length > 0 ? (
                  <>
                    <span className="visually-hidden">Your roles: </span>
                    {lab.myRoles.map((role) => (
                      <Badge key={role} tone="tag">
                        {roleLabel(role)}
                      </Badge>
                    ))}
                  </>
                ) : (
                  <span className={textStyles.muted}>Platform admin (no role in this lab)</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
