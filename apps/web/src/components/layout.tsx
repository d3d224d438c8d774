import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { account } from '../api/auth';
import { Loading } from './feedback';
import { useSession } from './session';
import styles from './layout.module.css';
import buttonStyles from './button.module.css';

export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const inLab = useLocation().pathname.startsWith('/labs/');
  const [signingOut, setSigningOut] = useState(false);

  const signOut = () => {
    setSigningOut(true);
    account
      .logout()
      .catch(() => undefined) // the local session is gone either way
      .finally(() => {
        setSigningOut(false);
        void navigate('/login', { state: { signedOut: true } });
      });
  };

  return (
    <>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <header className={styles.siteHeader}>
        <div className={styles.siteHeaderInner}>
          <Link to="/" className={styles.brand}>
            <span className={styles.brandMark} aria-hidden="true">
              ◆
            </span>
            Ideas Lab
          </Link>
          <nav aria-label="Main">
            <ul className={styles.navList}>
              {session.status === 'signed-in' ? (
                <>
                  <li>
                    <NavLink to="/labs" end>
                      My labs
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/applications">My applications</NavLink>
                  </li>
                  {session.user.isAdmin ? (
                    <li>
                      <NavLink to="/labs/new">New lab</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/account">
                      <span className="visually-hidden">Account of </span>
                      {session.user.displayName}
                    </NavLink>
                  </li>
                  <li>
                    <button
                      type="button"
                      className={`${buttonStyles.button} ${buttonStyles.quiet}`}
                      onClick={signOut}
                      disabled={signingOut}
                    >
                      {signingOut ? 'Logging out…' : 'Log out'}
                    </button>
                  </li>
                </>
              ) : session.status === 'signed-out' ? (
                <>
                  <li>
                    <NavLink to="/login">Log in</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">Sign up</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
            {session.status === 'restoring' ? (
              // Said here, in the header, and nothing shown under it until the session is
              // known: the header's links (one row signed out, up to three on a phone signed
              // in) would otherwise push a page already shown down. The page's code and data
              // load meanwhile (preloadRoute in app.tsx).
              <p role="status" className="visually-hidden">
                Loading your session…
              </p>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="main" className={styles.page} tabIndex={-1}>
        {session.status === 'restoring' ? null : (
          <Suspense
            fallback={
              // A lab's screen fills the screen (lab.module.css .frame), so its loading state
              // does too: the footer would otherwise show and then jump when the frame arrives.
              <div className={inLab ? styles.screenTall : undefined}>
                <Loading what="the page" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        )}
      </main>
      {session.status === 'restoring' ? null : (
        <footer className={styles.siteFooter}>
          <p>Ideas Lab — from the open call to funded teams.</p>
        </footer>
      )}
    </>
  );
}
