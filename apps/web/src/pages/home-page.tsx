import { Link, Navigate } from 'react-router-dom';
import { Loading } from '../components/feedback';
import { PageHeading } from '../components/page-heading';
import { useSession } from '../components/session';
import styles from './home-page.module.css';
import buttonStyles from '../components/button.module.css';
import textStyles from '../components/text.module.css';

export function HomePage() {
  const session = useSession();
  if (session.status === 'restoring') return <Loading what="your session" />;
  if (session.status === 'signed-in') return <Navigate to="/labs" replace />;
  return (
    <section className={styles.hero}>
      <PageHeading title="Ideas Lab" />
      <p className={textStyles.lede}>
        Run a virtual sandpit end to end: the open call, a diverse cohort, a live workshop, teams
        forming around ideas, and seed funding for the best proposals.
      </p>
      <p className={styles.heroActions}>
        <Link className={buttonStyles.button} to="/signup">
          Create an account
        </Link>
        <Link className={`${buttonStyles.button} ${buttonStyles.secondary}`} to="/login">
          Log in
        </Link>
      </p>
      <p>
        <Link to="/calls">See the labs taking applications now</Link>
      </p>
    </section>
  );
}
