import { useState, type FormEvent } from 'react';
import type { FormationRules, FormationSettings } from './formation-api';
import styles from './formation.module.css';
import fieldStyles from '../../components/field.module.css';
import actionStyles from '../../components/actions.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';

type Group = FormationRules['notIsolated'][number];

const numberOr = (text: string, fallback: number) => {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : fallback;
};

/** Groups typed as lines "discipline: clinician", "careerStage: early career", "skill: imaging". */
export function parseGroups(text: string): Group[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const [category, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      const known = ['discipline', 'careerStage', 'skill'] as const;
      const match = known.find(
        (k) => k.toLowerCase() === category.trim().toLowerCase().replace(/\s+/g, ''),
      );
      return match && value ? [{ category: match, value }] : [];
    });
}

export const groupsText = (groups: readonly Group[]) =>
  groups.map((g) => `${g.category}: ${g.value}`).join('\n');

/** The organiser's rules: each one switchable, saved with the version read (a stale save is refused). */
export function RulesEditor({
  settings,
  busy,
  onSave,
}: {
  settings: FormationSettings;
  busy: boolean;
  onSave: (next: { open: boolean; rules: FormationRules }) => void;
}) {
  const [open, setOpen] = useState(settings.open);
  const [rules, setRules] = useState<FormationRules>(settings.rules);
  const [isolated, setIsolated] = useState(groupsText(settings.rules.notIsolated));
  const [everyTeam, setEveryTeam] = useState(groupsText(settings.rules.inEveryTeam));
  const set = (patch: Partial<FormationRules>) => setRules({ ...rules, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      open,
      rules: { ...rules, notIsolated: parseGroups(isolated), inEveryTeam: parseGroups(everyTeam) },
    });
  };
  return (
    <form
      className={`${cardStyles.card} ${styles.rules}`}
      onSubmit={submit}
      aria-labelledby="rules-title"
    >
      <h2 id="rules-title">Rules</h2>
      <label className={fieldStyles.checkbox}>
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />
        Formation is open (participants state interests and join teams)
      </label>
      <div className={styles.ruleRow}>
        <label>
          Fewest teams
          <input
            type="number"
            min={0}
            value={rules.teamCount.min}
            onChange={(e) =>
              set({ teamCount: { ...rules.teamCount, min: numberOr(e.target.value, 0) } })
            }
          />
        </label>
        <label>
          Most teams
          <input
            type="number"
            min={0}
            value={rules.teamCount.max}
            onChange={(e) =>
              set({ teamCount: { ...rules.teamCount, max: numberOr(e.target.value, 0) } })
            }
          />
        </label>
      </div>
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.teamSize !== null}
          onChange={(e) => set({ teamSize: e.target.checked ? { min: 3, max: 6 } : null })}
        />
        Team sizes
      </label>
      {rules.teamSize ? (
        <div className={styles.ruleRow}>
          <label>
            Smallest
            <input
              type="number"
              min={0}
              value={rules.teamSize.min}
              onChange={(e) =>
                set({ teamSize: { ...rules.teamSize!, min: numberOr(e.target.value, 0) } })
              }
            />
          </label>
          <label>
            Largest
            <input
              type="number"
              min={0}
              value={rules.teamSize.max}
              onChange={(e) =>
                set({ teamSize: { ...rules.teamSize!, max: numberOr(e.target.value, 0) } })
              }
            />
          </label>
        </div>
      ) : null}
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.minDisciplines !== null}
          onChange={(e) => set({ minDisciplines: e.target.checked ? 2 : null })}
        />
        At least some distinct disciplines per team
      </label>
      {rules.minDisciplines !== null ? (
        <label>
          Disciplines per team, at least
          <input
            type="number"
            min={1}
            value={rules.minDisciplines}
            onChange={(e) => set({ minDisciplines: numberOr(e.target.value, 1) })}
          />
        </label>
      ) : null}
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.mixedCareerStages}
          onChange={(e) => set({ mixedCareerStages: e.target.checked })}
        />
        No team all of one career stage
      </label>
      <label className={fieldStyles.field}>
        Nobody the only one of these groups on a team (one per line, e.g. “discipline: clinical
        oncology”)
        <textarea rows={2} value={isolated} onChange={(e) => setIsolated(e.target.value)} />
      </label>
      <label className={fieldStyles.field}>
        At least one of these on every team where the cohort allows (e.g. “skill: statistics”)
        <textarea rows={2} value={everyTeam} onChange={(e) => setEveryTeam(e.target.value)} />
      </label>
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.separateAvoidedPairs}
          onChange={(e) => set({ separateAvoidedPairs: e.target.checked })}
        />
        Keep apart people who would rather not work together
      </label>
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.rewardWantedPairs}
          onChange={(e) => set({ rewardWantedPairs: e.target.checked })}
        />
        Reward placing people with those they want to work with
      </label>
      <label className={fieldStyles.checkbox}>
        <input
          type="checkbox"
          checked={rules.fairness}
          onChange={(e) => set({ fairness: e.target.checked })}
        />
        Fairness: lift the least-satisfied participant
      </label>
      {rules.fairness ? (
        <label>
          Fairness weight (empty: as much as one point for everyone)
          <input
            type="number"
            min={0}
            value={rules.fairnessWeight ?? ''}
            onChange={(e) =>
              set({
                fairnessWeight: e.target.value === '' ? null : Math.max(0, Number(e.target.value)),
              })
            }
          />
        </label>
      ) : null}
      <div className={actionStyles.formActions}>
        <button type="submit" className={buttonStyles.button} disabled={busy}>
          Save rules
        </button>
      </div>
    </form>
  );
}
