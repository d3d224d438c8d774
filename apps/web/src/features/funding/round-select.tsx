import { SelectField } from '../../components/form-fields';

/** Which funding round a page shows; nothing to choose while the lab has only one. */
export function RoundSelect({
  id,
  rounds,
  value,
  onChange,
}: {
  id: string;
  rounds: readonly { id: string; name: string }[] | undefined;
  value: string;
  onChange: (roundId: string) => void;
}) {
  if (!rounds || rounds.length <= 1) return null;
  return (
    <SelectField
      id={id}
      label="Funding round"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {rounds.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </SelectField>
  );
}
