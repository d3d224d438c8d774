import { useMemo, useState } from 'react';
import { matchTimezones, knownTimezones, zoneOffsetNow } from '../lib/lab-time';
import { TextField } from './form-fields';
import styles from './timezone-field.module.css';
import buttonStyles from './button.module.css';
import textStyles from './text.module.css';

/**
 * An IANA timezone, found by part of its name: typing "york" lists America/New_York (with its
 * offset now) to pick with a tap or Enter. A browser's own suggestion list (a datalist) cannot
 * be searched on most phones, nor read by every screen reader; these are plain buttons.
 */
export function TimezoneField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  const zones = useMemo(() => knownTimezones(), []);
  // Matches show while the person types, and go once they pick one.
  const [searching, setSearching] = useState(false);
  const typed = props.value.trim();
  const showMatches = searching && typed.length >= 2 && !zones.includes(typed);
  const matches = showMatches ? matchTimezones(typed, zones) : [];
  const listId = `${props.id}-matches`;
  return (
    <div className={styles.timezone}>
      <TextField
        id={props.id}
        label="Timezone"
        hint={
          props.hint ??
          'Type part of a place, e.g. “york” or “london”, and pick its zone (Europe/London, America/New_York).'
        }
        autoComplete="off"
        spellCheck={false}
        aria-controls={showMatches ? listId : undefined}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
          setSearching(true);
        }}
        error={props.error}
      />
      {showMatches ? (
        <>
          <p className={`${textStyles.small} ${textStyles.muted}`} role="status">
            {matches.length === 0
              ? `No timezone matches “${typed}”.`
              : `${matches.length === 1 ? 'One timezone matches' : `${matches.length} timezones match`}: pick one.`}
          </p>
          {matches.length > 0 ? (
            <ul id={listId} className={styles.matches} aria-label="Matching zones">
              {matches.map((zone) => (
                <li key={zone}>
                  <button
                    type="button"
                    className={`${buttonStyles.button} ${buttonStyles.secondary}`}
                    onClick={() => {
                      props.onChange(zone);
                      setSearching(false);
                    }}
                  >
                    {zone}{' '}
                    <span className={`${textStyles.muted} ${textStyles.small}`}>
                      {zoneOffsetNow(zone)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
