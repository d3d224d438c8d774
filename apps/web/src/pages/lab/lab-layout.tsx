import { Suspense } from 'react';
import { NavLink, Outlet, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api';
import { labQueries, showChangedLab } from '../../api/labs';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { PhaseBadge } from '../../components/phase-badge';
import { useUser } from '../../components/session';
import { canOrganise, roleLabel, rolesIn } from '../../lib/roles';
import { alertFor } from '../../lib/use-form-submit';
import { liveLabTabs } from '../../features/live/routes';
import { proposalLabTabs } from '../../features/proposals/routes';
import { proposalReviewLabTabs } from '../../features/proposal-review/routes';
import { pitchLabTabs } from '../../features/pitches/routes';
import { fundingLabTabs } from '../../features/funding/routes';
import { reviewLabTabs } from '../../features/review/routes';
import { selectionLabTabs } from '../../features/selection/routes';
import { workshopLabTabs } from '../../features/workshop/routes';
import { formationLabTabs } from '../../features/formation/routes';
import { ideasLabTabs } from '../../features/ideas/routes';
import type { LabContext } from './lab-context';
import { groupLabTabs, type LabTabContext } from './lab-tabs';
import styles from './lab.module.css';
import { BadgeList, Eyebrow } from '../../components/badge';

/** The frame of every lab screen: title, phase, the viewer's roles and the tabs they may use. */
export function LabLayout() {
  const { labId = '' } = useParams();
  const user = useUser();
  const lab = useQuery(labQueries.view(labId));
  const organiser = canOrganise(user, labId);
  const roles = rolesIn(user, labId);

  if (lab.isPending)
    return (
      <div className={styles.frame}>
        <Loading what="the lab" />
      </div>
    );
  if (lab.isError) {
    const notFound =
      isApiError(lab.error) && (lab.error.status === 404 || lab.error.status === 403);
    return (
      <section>
        <h1>{notFound ? 'Lab not found' : 'The lab could not be loaded'}</h1>
        <ErrorAlert alert={alertFor(lab.error)} />
      </section>
    );
  }

  const context: LabContext = { lab: lab.data, setLab: showChangedLab, canOrganise: organiser };
  const tabContext: LabTabContext = {
    labId,
    phase: lab.data.phase,
    roles,
    canOrganise: organiser,
  };
  const groups = groupLabTabs({
    lab: [
      { to: '.', label: 'Overview', end: true },
      ...(organiser
        ? [
            { to: 'settings', label: 'Settings' },
            { to: 'people', label: 'People' },
            { to: 'audit', label: 'Audit' },
          ]
        : []),
    ],
    call: [
      ...(organiser
        ? [
            { to: 'form', label: 'Application form' },
            { to: 'applications', label: 'Applications' },
            { to: 'funnel', label: 'Funnel' },
          ]
        : []),
      ...reviewLabTabs(tabContext),
    ],
    selection: selectionLabTabs(tabContext),
    workshop: [
      ...workshopLabTabs(tabContext),
      ...liveLabTabs(tabContext),
      ...pitchLabTabs(tabContext),
    ],
    teams: [
      ...ideasLabTabs(tabContext),
      ...formationLabTabs(tabContext),
      ...proposalLabTabs(tabContext),
      ...proposalReviewLabTabs(tabContext),
      ...fundingLabTabs(tabContext),
    ],
  });
  const tabCount = groups.reduce((n, g) => n + g.tabs.length, 0);
  // A few tabs read well in one row; more are shown in labelled groups that wrap.
  const grouped = tabCount > 6;

  return (
    <section className={styles.frame}>
      <header className={styles.labHeader}>
        <Eyebrow>
          <PhaseBadge phase={lab.data.phase} />
          <BadgeList
            label="Your roles"
            tone="tag"
            items={
              user.isAdmin && roles.length === 0 ? ['Admin'] : roles.map((role) => roleLabel(role))
            }
          />
        </Eyebrow>
        <PageHeading title={lab.data.title} />
      </header>
      {tabCount > 1 ? (
        <nav
          aria-label="Lab sections"
          className={grouped ? `${styles.tabs} ${styles.tabsGrouped}` : styles.tabs}
        >
          {grouped ? (
            <ul className={styles.tabGroups}>
              {groups.map((g) => (
                <li key={g.group} className={styles.tabGroup}>
                  <span className={styles.tabGroupLabel} id={`tab-group-${g.group}`}>
                    {g.label}
                  </span>
                  <ul aria-labelledby={`tab-group-${g.group}`}>
                    {g.tabs.map((tab) => (
                      <li key={tab.label}>
                        <NavLink to={tab.to} end={tab.end ?? false}>
                          {tab.label}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <ul>
              {groups
                .flatMap((g) => g.tabs)
                .map((tab) => (
                  <li key={tab.label}>
                    <NavLink to={tab.to} end={tab.end ?? false}>
                      {tab.label}
                    </NavLink>
                  </li>
                ))}
            </ul>
          )}
        </nav>
      ) : null}
      <Suspense fallback={<Loading what="the page" />}>
        <Outlet context={context} />
      </Suspense>
    </section>
  );
}
