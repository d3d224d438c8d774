import type { ReactNode } from 'react';
import type { AnswerValue, ApplicantProfile, FormQuestion } from '../../api';
import { formatWorkshopDay } from '../../lib/application-fields';
import styles from './review.module.css';
import { Fact, Facts } from '../../components/facts';
import feedback from '../../components/feedback.module.css';
import cardStyles from '../../components/card.module.css';
import textStyles from '../../components/text.module.css';

const none = <span className={textStyles.muted}>not given</span>;
const list = (values: string[] | null | undefined) =>
  values && values.length > 0 ? values.join(', ') : none;

function answerText(question: FormQuestion, value: AnswerValue | undefined) {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return <span className={textStyles.muted}>Not answered</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  if (question.type === 'url')
    return (
      <a href={value} target="_blank" rel="noreferrer noopener">
        {value}
      </a>
    );
  return <span className={textStyles.prose}>{value}</span>;
}

/**
 * What a reviewer reads: the applicant's profile and answers as the server gives them. In the
 * blind phase the server leaves out who the applicant is; nothing here asks for it.
 */
export function ApplicationUnderReview(props: {
  blind: boolean;
  profile: ApplicantProfile;
  questions: FormQuestion[];
  answers: Record<string, AnswerValue>;
}) {
  const { blind, profile, questions, answers } = props;
  const days = Object.entries(profile.availability ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const unavailable = days.filter(([, yes]) => !yes).map(([day]) => day);
  const rows: [string, ReactNode][] = [
    ...(blind
      ? []
      : ([
          ['Name', profile.name ?? none],
          ['Institution', profile.affiliation ?? none],
          ['Country', profile.country ?? none],
        ] as [string, ReactNode][])),
    ['Organisation type', profile.organisationType ?? none],
    ['Career stage', profile.careerStage ?? none],
    ['Primary discipline', profile.primaryDiscipline ?? none],
    ['Disciplines', list(profile.disciplines)],
    ['Expertise', list(profile.expertiseKeywords)],
    ...(blind || !profile.orcid ? [] : ([['ORCID iD', profile.orcid]] as [string, string][])),
  ];
  return (
    <section className={cardStyles.card} aria-labelledby="application-title">
      <h2 id="application-title">The application</h2>
      {blind ? (
        <p className={feedback.notice}>
          Blind review: the applicant's name, institution, country, ORCID iD and links are hidden
          from you.
        </p>
      ) : null}
      <Facts>
        {rows.map(([label, value]) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
        <Fact label="Whole workshop">
          {days.length === 0 ? (
            none
          ) : unavailable.length === 0 ? (
            'available every day'
          ) : (
            <strong className={styles.reviewUnavailable}>
              not available on {unavailable.map(formatWorkshopDay).join(', ')}
            </strong>
          )}
        </Fact>
      </Facts>
      {!blind && profile.links && profile.links.length > 0 ? (
        <>
          <h3 className={styles.reviewAnswersTitle}>Links</h3>
          <ul>
            {profile.links.map((link) => (
              <li key={link}>
                <a href={link} target="_blank" rel="noreferrer noopener">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {questions.length > 0 ? (
        <>
          <h3 className={styles.reviewAnswersTitle}>Answers</h3>
          <dl className={styles.reviewAnswers}>
            {questions.map((q) => (
              <div key={q.id}>
                <dt>{q.label}</dt>
                <dd>{answerText(q, answers[q.id])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
