import { describe, expect, it } from 'vitest';
import { compareRevisions, type RevisionText } from './compare-revisions.js';

const base: RevisionText = {
  title: 'A digital twin of the tumour',
  summary: 'Couple agent-based models with imaging.',
  challengeArea: 'Mechanistic models',
  tags: ['imaging', 'agent-based'],
  disciplinesNeeded: ['AI'],
};

const side = (parts: { value: string; change: string }[], keep: 'removed' | 'added') =>
  parts
    .filter((p) => p.change === 'same' || p.change === keep)
    .map((p) => p.value)
    .join('');

describe('compareRevisions', () => {
  it('marks the words that changed, and each side reads back as its own revision', () => {
    const to = { ...base, summary: 'Couple agent-based models with spatial transcriptomics.' };
    const summary = compareRevisions({ from: base, to }).find((f) => f.field === 'summary')!;
    expect(summary.changed).toBe(true);
    expect(summary.parts.filter((p) => p.change === 'removed').map((p) => p.value)).toEqual([
      'imaging',
    ]);
    expect(side(summary.parts, 'removed')).toBe(base.summary);
    expect(side(summary.parts, 'added')).toBe(to.summary);
  });

  it('compares lists item by item and reports unchanged fields as unchanged', () => {
    const to = { ...base, tags: ['imaging', 'spatial omics'] };
    const fields = compareRevisions({ from: base, to });
    expect(fields.find((f) => f.field === 'tags')!.parts).toEqual([
      { value: 'imaging', change: 'same' },
      { value: 'agent-based', change: 'removed' },
      { value: 'spatial omics', change: 'added' },
    ]);
    expect(fields.filter((f) => f.changed).map((f) => f.field)).toEqual(['tags']);
  });
});
