import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { ErrorAlert, Loading, StatusMessage } from '../../components/feedback';
import { TextField } from '../../components/form-fields';
import { ChoiceGroup } from '../../components/question-field';
import { alertFor } from '../../lib/use-form-submit';
import { useLab } from '../../pages/lab/lab-context';
import {
  reviewCommands as reviewerCommands,
  reviewKeys as reviewerKeys,
  reviewQueries as reviewerQueries,
  type ReviewerProfile,
} from '../review/api';
import { reviewKeys } from './api';
import styles from './proposal-review.module.css';
import buttonStyles from '../../components/button.module.css';
import cardStyles from '../../components/card.module.css';
import pageLayout from '../../components/page-layout.module.css';

/** The two kinds of reviewer the assignment asks for on every proposal, where it can. */
const KINDS = [
  ['clinical', 'Clinical'],
  ['computational', 'Computational'],
] as const;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A mentor's expertise in this lab: clinical and/or computational, the lab's disciplines they
 * know, and other tags. The proposal assignment covers each proposal with a clinical and a
 * computational reviewer where it can, and prefers reviewers whose disciplines match the team's.
 */
export function ExpertiseCard() {
  const { lab } = useLab();
  const profile = useQuery(reviewerQueries.myProfile(lab.id));
  if (profile.isPending) return <Loading what="your expertise" />;
  if (profile.isError) return <ErrorAlert alert={alertFor(profile.error)} />;
  return <ExpertiseEditor profile={profile.data} />;
}

function ExpertiseEditor({ profile }: { profile: ReviewerProfile }) {
  const { lab } = useLab();
  const known = [...KINDS.map(([tag]) => tag), ...lab.taxonomy.disciplines];
  const [chosen, setChosen] = useState(() =>
    known.filter((tag) => profile.expertise.some((e) => same(e, tag))),
  );
  const [other, setOther] = useState(() =>
    profile.expertise.filter((e) => !known.some((tag) => same(e, tag))).join(', '),
  );
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      reviewerCommands.declareConflicts(lab.id, {
        expertise: [
          ...chosen,
          ...other
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        ],
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(reviewerKeys.myProfile(lab.id), next);
      setStatus('Expertise saved: the next assignment run uses it.');
      // Organisers see mentors' expertise beside the assignment.
      void queryClient.invalidateQueries({ queryKey: reviewKeys.lab(lab.id) });
    },
  });
  const toggle = (tag: string, on: boolean) =>
    setChosen(on ? [...chosen, tag] : chosen.filter((t) => t !== tag));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    save.mutate();
  };
  const box = (tag: string, label: string) => (
    <label key={tag}>
      <input
        type="checkbox"
        checked={chosen.includes(tag)}
        onChange={(e) => toggle(tag, e.target.checked)}
      />
      {label}
    </label>
  );
  return (
    <form
      className={`${cardStyles.card} ${pageLayout.stack}`}
      aria-labelledby="my-expertise"
      onSubmit={onSubmit}
    >
      <h3 id="my-expertise">My expertise</h3>
      <p>
        The assignment gives each proposal a clinical and a computational reviewer where it can, and
        prefers reviewers who know the team’s disciplines.
      </p>
      <ChoiceGroup id="expertise-kind" legend="I review as" className={styles.checks}>
        {KINDS.map(([tag, label]) => box(tag, label))}
      </ChoiceGroup>
      {lab.taxonomy.disciplines.length > 0 ? (
        <ChoiceGroup
          id="expertise-disciplines"
          legend="Disciplines I know"
          className={styles.checks}
        >
          {lab.taxonomy.disciplines.map((d) => box(d, d))}
        </ChoiceGroup>
      ) : null}
      <TextField
        id="expertise-other"
        label="Other expertise"
        hint="Separate tags with commas, e.g. imaging, clinical trials."
        value={other}
        onChange={(e) => setOther(e.target.value)}
      />
      <ErrorAlert alert={save.isError ? alertFor(save.error) : null} />
      <StatusMessage>{status}</StatusMessage>
      <div>
        <button type="submit" className={buttonStyles.button} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save my expertise'}
        </button>
      </div>
    </form>
  );
}
