import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { alertFor } from '../../lib/use-form-submit';
import {
  formationApi,
  formationKeys,
  type FormationPerson,
  type MyInterests,
} from './formation-api';
import { parseSkills, RATING_LABELS } from './formation-logic';
import { PeoplePicker } from '../../components/people-picker';
import styles from './formation.module.css';
import fieldStyles from '../../components/field.module.css';
import feedback from '../../components/feedback.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';
import textStyles from '../../components/text.module.css';

interface Draft {
  ratings: Record<string, number>;
  wants: FormationPerson[];
  avoids: FormationPerson[];
  skills: string;
}

const draftOf = (mine: MyInterests): Draft => ({
  ratings: { ...mine.ratings },
  wants: mine.wants,
  avoids: mine.avoids,
  skills: mine.skills.join(', '),
});

/** A participant's interests: each shortlisted idea rated 0–3, people, skills. Private to them. */
export function InterestsPage() {
  const { labId = '' } = useParams();
  const mine = useQuery({
    queryKey: formationKeys.interests(labId),
    queryFn: () => formationApi.interests(labId),
  });
  const [saved, setSaved] = useState('');
  if (mine.isPending) return <Loading what="your interests" />;
  if (mine.isError) return <ErrorAlert alert={alertFor(mine.error)} />;
  return (
    <>
      {/* A new version (saved here or elsewhere) starts the form afresh from what is stored. */}
      <InterestsForm key={mine.data.version} labId={labId} data={mine.data} onSaved={setSaved} />
      <StatusMessage>{saved}</StatusMessage>
    </>
  );
}

function InterestsForm({
  labId,
  data,
  onSaved,
}: {
  labId: string;
  data: MyInterests;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(data));
  const findPeople = {
    key: (term: string) => formationKeys.people(labId, term),
    search: (term: string) => formationApi.people(labId, term),
  };
  const save = useMutation({
    mutationFn: (body: Draft) =>
      formationApi.putInterests(labId, {
        ratings: body.ratings,
        wants: body.wants.map((p) => p.userId),
        avoids: body.avoids.map((p) => p.userId),
        skills: parseSkills(body.skills),
        version: data.version,
      }),
    onSuccess: (next) => {
      onSaved('Saved. Only you (and the team optimiser) can see these answers.');
      queryClient.setQueryData(formationKeys.interests(labId), next);
    },
    onError: (error) => {
      onSaved('');
      if (isApiError(error) && error.code === 'FORMATION_INTERESTS_VERSION_CONFLICT')
        void queryClient.invalidateQueries({ queryKey: formationKeys.interests(labId) });
    },
  });
  const closed = !data.open;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };

  return (
    <section className={pageLayout.stackLg}>
      <h2>My interests</h2>
      <p className={textStyles.lede}>
        Rate each shortlisted idea, name people you would like to work with, and the skills you
        bring. Your answers are private: nobody else sees your ratings or the people you would
        rather not work with. See <Link to="../teams">teams</Link> for who is forming around each
        idea.
      </p>
      {closed ? (
        <p className={feedback.notice}>
          Team formation is not open: your answers can be read but not changed.
        </p>
      ) : null}
      {data.shortlist.length === 0 ? (
        <div className={`${cardStyles.card} ${textStyles.empty}`}>
          <p>There is no shortlist yet. Ideas appear here once the organisers shortlist them.</p>
        </div>
      ) : null}
      <form className={pageLayout.stack} onSubmit={submit} aria-label="My interests">
        <ul className={styles.ideas}>
          {data.shortlist.map((idea) => (
            <li key={idea.id} className={`${cardStyles.card} ${styles.idea}`}>
              <h3 className={styles.ideaTitle}>
                <Link to={`../ideas/${idea.id}`}>{idea.title}</Link>
              </h3>
              {idea.challengeArea ? (
                <p className={`${textStyles.small} ${textStyles.muted}`}>{idea.challengeArea}</p>
              ) : null}
              {idea.disciplinesNeeded.length > 0 ? (
                <p className={textStyles.small}>Needs: {idea.disciplinesNeeded.join(', ')}</p>
              ) : null}
              <fieldset className={styles.ratings} disabled={closed}>
                <legend className="visually-hidden">My interest in {idea.title}</legend>
                {RATING_LABELS.map((label, value) => (
                  <label key={label}>
                    <input
                      type="radio"
                      name={`rating-${idea.id}`}
                      value={value}
                      checked={(draft.ratings[idea.id] ?? 0) === value}
                      onChange={() =>
                        setDraft({ ...draft, ratings: { ...draft.ratings, [idea.id]: value } })
                      }
                    />
                    {label}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ul>
        <PeoplePicker
          label="People I want to work with"
          hint="Type at least two letters of a name."
          chosen={draft.wants}
          exclude={draft.avoids.map((p) => p.userId)}
          searchKey={findPeople.key}
          search={findPeople.search}
          onChange={(wants) => setDraft({ ...draft, wants })}
        />
        <PeoplePicker
          label="People I would rather not work with"
          hint="Private: never shown to them or to anyone else."
          chosen={draft.avoids}
          exclude={draft.wants.map((p) => p.userId)}
          searchKey={findPeople.key}
          search={findPeople.search}
          onChange={(avoids) => setDraft({ ...draft, avoids })}
        />
        <div className={fieldStyles.field}>
          <label htmlFor="skills">Skills I bring</label>
          <input
            id="skills"
            value={draft.skills}
            disabled={closed}
            aria-describedby="skills-hint"
            onChange={(event) => setDraft({ ...draft, skills: event.target.value })}
          />
          <p id="skills-hint" className={`${textStyles.small} ${textStyles.muted}`}>
            Separate them with commas, e.g. statistics, clinical trials.
          </p>
        </div>
        <ErrorAlert alert={save.isError ? alertFor(save.error) : null} />
        <StatusMessage>{save.isPending ? 'Saving…' : ''}</StatusMessage>
        <div className={actionStyles.formActions}>
          <button type="submit" className={buttonStyles.button} disabled={closed || save.isPending}>
            Save my interests
          </button>
        </div>
      </form>
    </section>
  );
}
