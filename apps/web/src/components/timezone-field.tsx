import { useMemo } from 'react';
import { knownTimezones } from '../lib/lab-time';
import { TextField } from './form-fields';

/** A free-text IANA timezone with the browser's list of zones as suggestions. */
export function TimezoneField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  const zones = useMemo(() => knownTimezones(), []);
  const listId = `${props.id}-options`;
  return (
    <>
      <TextField
        id={props.id}
        label="Timezone"
        hint={props.hint ?? 'An IANA timezone such as Europe/London or America/New_York.'}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        error={props.error}
      />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
