import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { assignReviewers } from '../review-assignment/assign-reviewers.js';
import { proposalConflictMatrix } from './proposal-conflicts.js';
import type { ProposalReviewer, ProposalTeam } from './proposal-conflicts.js';
import { reviewConflictOf } from './review-conflicts.js';

const team = (proposalId: string, ...members: [string, string][]): ProposalTeam => ({
  proposalId,
  members: members.map(([personId, institution]) => ({ personId, institution })),
});

describe('proposalConflictMatrix', () => {
  const proposals = [
    team('p-twin', ['ada', 'Argonne'], ['bob', ' University of  Chicago ']),
    team('p-cells', ['cy', 'Broad Institute']),
  ];
  it.each<{ name: string; reviewer: ProposalReviewer; conflicts: [string, string][] }>([
    { name: 'an outsider', reviewer: { id: 'm', institution: 'NCI' }, conflicts: [] },
    {
      name: 'a colleague of one team member, spelled differently',
      reviewer: { id: 'm', institution: 'university of chicago' },
      conflicts: [['p-twin', 'same-institution']],
    },
    {
      name: 'a mentor who is on a team',
      reviewer: { id: 'cy', institution: 'NCI' },
      conflicts: [['p-cells', 'team-member']],
    },
    {
      name: 'a declared team member',
      reviewer: { id: 'm', declared: [{ applicantId: 'bob' }] },
      conflicts: [['p-twin', 'declared-person']],
    },
    {
      name: 'a declared institution of a team member',
      reviewer: { id: 'm', declared: [{ institution: 'BROAD institute' }] },
      conflicts: [['p-cells', 'declared-institution']],
    },
    {
      name: 'a declared proposal',
      reviewer: { id: 'm', declared: [{ proposalId: 'p-cells' }] },
      conflicts: [['p-cells', 'declared-proposal']],
    },
  ])('$name', ({ reviewer, conflicts }) => {
    expect(
      proposalConflictMatrix({ proposals, reviewers: [reviewer] }).map((c) => [
        c.proposalId,
        c.reason,
      ]),
    ).toEqual(conflicts);
  });

  it('agrees with application review for a team of one', () => {
    const cases: [string, string][] = [
      ['Edinburgh', ' edinburgh '],
      ['Edinburgh', 'Argonne'],
      ['', ''],
    ];
    for (const [reviewerInstitution, applicantInstitution] of cases) {
      const matrix = proposalConflictMatrix({
        proposals: [team('p', ['u', applicantInstitution])],
        reviewers: [{ id: 'm', institution: reviewerInstitution }],
      });
      const single = reviewConflictOf({
        reviewerId: 'm',
        reviewerInstitution,
        declared: [],
        application: { applicantId: 'u', institution: applicantInstitution },
      });
      expect(matrix[0]?.reason ?? null).toBe(single);
    }
  });

  it('property: no conflicted reviewer–proposal pair is ever assigned', async () => {
    const instance = fc.record({
      teams: fc.array(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 4,
        }),
        { minLength: 1, maxLength: 8 },
      ),
      mentors: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }),
      declared: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
      k: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (spec) => {
        const proposals = spec.teams.map((members, i) =>
          team(
            `p${i}`,
            ...members.map(([person, institution]): [string, string] => [
              `u${person}`,
              `I${institution}`,
            ]),
          ),
        );
        // Mentors may share an institution with team members, and u0/u1 are also mentors.
        const reviewers: ProposalReviewer[] = spec.mentors.map((institution, i) => ({
          id: i < 2 ? `u${i}` : `m${i}`,
          institution: `I${institution}`,
          declared: spec.declared
            .filter(([r]) => r % spec.mentors.length === i)
            .map(([, p]) => ({ proposalId: `p${p % proposals.length}` })),
        }));
        const matrix = proposalConflictMatrix({ proposals, reviewers });
        const result = await assignReviewers({
          applications: proposals.map((p) => ({ id: p.proposalId })),
          reviewers: reviewers.map((r) => ({ id: r.id })),
          reviewsPerApplication: spec.k,
          conflicts: matrix.map((c) => ({ reviewerId: c.reviewerId, applicationId: c.proposalId })),
          subject: 'proposal',
        });
        const conflicted = new Set(matrix.map((c) => `${c.reviewerId}|${c.proposalId}`));
        for (const pair of result.assignments) {
          expect(conflicted.has(`${pair.reviewerId}|${pair.applicationId}`)).toBe(false);
          const members = proposals.find((p) => p.proposalId === pair.applicationId)?.members;
          const reviewer = reviewers.find((r) => r.id === pair.reviewerId);
          expect(members?.some((m) => m.personId === reviewer?.id)).toBe(false);
          expect(members?.some((m) => m.institution === reviewer?.institution)).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });
});
