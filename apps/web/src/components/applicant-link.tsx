import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import styles from './applications-table.module.css';

/** Where organisers read one application whole: profile, answers, versions, reviews, decision. */
export function applicationPath(labId: string, applicationId: string): string {
  return `/labs/${labId}/applications/${applicationId}`;
}

/**
 * An applicant's name as a link to their application, on the organisers' screens inside a lab
 * (applications, assignment, selection runs, decisions, waitlist).
 */
export function ApplicantLink(props: { applicationId: string; children: ReactNode }) {
  const { labId = '' } = useParams();
  return (
    <Link className={styles.applicantName} to={applicationPath(labId, props.applicationId)}>
      {props.children}
    </Link>
  );
}
