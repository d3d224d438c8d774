import { SaveConflictDialog } from '../../components/save-conflict-dialog';
import type { Proposal, ProposalContent } from './api';

const SECTIONS: { key: keyof ProposalContent; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'abstract', label: 'Abstract' },
  { key: 'aims', label: 'Aims' },
  { key: 'approach', label: 'Approach' },
  { key: 'challengeArea', label: 'Part of the challenge addressed' },
  { key: 'milestones', label: 'Milestones' },
  { key: 'teamRoles', label: 'Team roles' },
  { key: 'budget', label: 'Budget' },
];

const asText = (value: ProposalContent[keyof ProposalContent]): string =>
  typeof value === 'string'
    ? value
    : value
        .map((item) =>
          Object.values(item)
            .filter((v) => v !== null && v !== '')
            .join(' — '),
        )
        .join('\n');

/**
 * Someone saved while this person was editing: their version and this person's text side by
 * side for each section that differs. Nothing of the user's text is lost whatever they choose.
 */
export function ConflictDialog({
  mine,
  theirs,
  busy,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  mine: ProposalContent;
  theirs: Proposal;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  return (
    <SaveConflictDialog
      title={`${theirs.savedBy?.displayName ?? 'A teammate'} saved version ${theirs.latestVersion} while you were editing`}
      intro="Your text is kept. Compare the sections that differ, then choose."
      theirsHeading="Theirs"
      keepMineLabel={`Save mine as version ${theirs.latestVersion + 1}`}
      fields={SECTIONS.map((s) => ({
        key: s.key,
        label: s.label,
        theirs: asText(theirs.content[s.key]),
        mine: asText(mine[s.key]),
      }))}
      busy={busy}
      onKeepMine={onKeepMine}
      onTakeTheirs={onTakeTheirs}
      onClose={onClose}
    />
  );
}
