import { hashSeed } from '../shared/seeded-random.js';

/**
 * A stable pseudonym for a reviewer in exports of a blind review: the same reviewer gets the
 * same name in every export of the round (`scope`), different reviewers (almost surely)
 * different names, and the name says nothing of who they are.
 */
export function reviewerPseudonym({
  scope,
  reviewerId,
}: {
  scope: string;
  reviewerId: string;
}): string {
  const code = hashSeed({ seed: `${scope}:${reviewerId}` })
    .toString(36)
    .toUpperCase()
    .padStart(7, '0');
  return `Reviewer ${code}`;
}
