import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import styles from './people-picker.module.css';
import fieldStyles from './field.module.css';
import buttonStyles from './button.module.css';
import textStyles from './text.module.css';

/** Someone of the lab, as every people search of the API returns them. */
export interface PickedPerson {
  userId: string;
  displayName: string;
}

/**
 * Name people of the lab: search by name (at least two letters), add from the results, remove
 * with a button. The search is the caller's (each feature asks its own route who may be named).
 */
export function PeoplePicker<P extends PickedPerson>({
  label,
  hint,
  chosen,
  exclude = [],
  searchKey,
  search,
  onChange,
}: {
  label: string;
  hint: string;
  chosen: P[];
  exclude?: readonly string[];
  searchKey: (term: string) => QueryKey;
  search: (term: string) => Promise<P[]>;
  onChange: (people: P[]) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const term = query.trim();
  const found = useQuery({
    queryKey: searchKey(term),
    queryFn: () => search(term),
    enabled: term.length >= 2,
  });
  const taken = new Set([...chosen.map((p) => p.userId), ...exclude]);
  const results = (found.data ?? []).filter((p) => !taken.has(p.userId));
  return (
    <fieldset className={fieldStyles.field}>
      <legend>{label}</legend>
      <p className={`${textStyles.small} ${textStyles.muted}`} id={`${id}-hint`}>
        {hint}
      </p>
      {chosen.length > 0 ? (
        <PeopleChips
          label={label}
          people={chosen}
          extra={(person) => (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.quiet}`}
              aria-label={`Remove ${person.displayName}`}
              onClick={() => onChange(chosen.filter((p) => p.userId !== person.userId))}
            >
              ×
            </button>
          )}
        />
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
                className={`${buttonStyles.button} ${buttonStyles.secondary}`}
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
            <li className={textStyles.muted}>Nobody else by that name.</li>
          ) : null}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** People as a row of name chips, each with something after the name (a note, a button). */
export function PeopleChips<P extends PickedPerson>({
  label,
  people,
  extra,
}: {
  label: string;
  people: readonly P[];
  extra?: (person: P) => ReactNode;
}) {
  return (
    <ul className={styles.chosen} aria-label={label}>
      {people.map((person) => (
        <li key={person.userId} className={styles.chip}>
          {person.displayName}
          {extra?.(person)}
        </li>
      ))}
    </ul>
  );
}
