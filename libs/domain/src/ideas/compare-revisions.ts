import { diffArrays, diffWordsWithSpace } from 'diff';

/** What an idea's revision says, as far as comparing two of them goes. */
export interface RevisionText {
  title: string;
  summary: string;
  challengeArea: string;
  tags: string[];
  disciplinesNeeded: string[];
}

export type DiffChange = 'same' | 'added' | 'removed';
export interface DiffPart {
  value: string;
  change: DiffChange;
}
export interface FieldComparison {
  field: keyof RevisionText;
  changed: boolean;
  parts: DiffPart[];
}

const TEXT_FIELDS = ['title', 'summary', 'challengeArea'] as const;
const LIST_FIELDS = ['tags', 'disciplinesNeeded'] as const;

const changeOf = (part: { added?: boolean; removed?: boolean }): DiffChange =>
  part.added ? 'added' : part.removed ? 'removed' : 'same';

/**
 * Two revisions compared field by field, word by word (jsdiff): the older side reads as the
 * `same` and `removed` parts, the newer as the `same` and `added` ones. Lists (tags,
 * disciplines) are compared item by item.
 */
export function compareRevisions({
  from,
  to,
}: {
  from: RevisionText;
  to: RevisionText;
}): FieldComparison[] {
  const texts = TEXT_FIELDS.map((field): FieldComparison => {
    const parts = diffWordsWithSpace(from[field], to[field]).map((p) => ({
      value: p.value,
      change: changeOf(p),
    }));
    return { field, changed: parts.some((p) => p.change !== 'same'), parts };
  });
  const lists = LIST_FIELDS.map((field): FieldComparison => {
    const parts = diffArrays(from[field], to[field]).flatMap((p) =>
      p.value.map((value) => ({ value, change: changeOf(p) })),
    );
    return { field, changed: parts.some((p) => p.change !== 'same'), parts };
  });
  return [...texts, ...lists];
}
