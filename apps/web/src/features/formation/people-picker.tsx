import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formationApi, formationKeys, type FormationPerson } from './formation-api';
import styles from './formation.module.css';

/** Name people of the lab: search by name, add from the results, remove with a button. */
export function PeoplePicker({
  labId,
  label,
  hint,
  chosen,
  exclude,
  onChange,
}: {
  labId: string;
  label: string;
  hint: string;
  chosen: FormationPerson[];
  exclude: readonly string[];
  onChange: (people: FormationPerson[]) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const term = query.trim();
  const found = useQuery({
    queryKey: formationKeys.people(labId, term),
    queryFn: () => formationApi.people(labId, term),
    enabled: term.length >= 2,
  });
  const taken = new Set([...chosen.map((p) => p.userId), ...exclude]);
  const results = (found.data ?? []).filter((p) => !taken.has(p.userId));
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <p className="small muted" id={`${id}-hint`}>
        {hint}
      </p>
      {chosen.length > 0 ? (
        <ul className={styles.people} aria-label={label}>
          {chosen.map((person) => (
            <li key={person.userId} className={styles.person}>
              {person.displayName}
              <button
                type="button"
                className="button button--quiet"
                aria-label={`Remove ${person.displayName}`}
                onClick={() => onChange(chosen.filter((p) => p.userId !== person.userId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={`${id}-search`}>Find by name</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setQuery(event.target.value)}
      />
      {term.length >= 2 ? (
        <ul className={styles.results} aria-label={`People found for ${label.toLowerCase()}`}>
          {results.map((person) => (
            <li key={person.userId}>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onChange([...chosen, person]);
                  setQuery('');
                }}
              >
                Add {person.displayName}
              </button>
            </li>
          ))}
          {found.isSuccess && results.length === 0 ? (
            <li className="muted">Nobody else by that name.</li>
          ) : null}
        </ul>
      ) : null}
    </fieldset>
  );
}
