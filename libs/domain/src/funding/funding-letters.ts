/**
 * Words of the funding decision for teams: the decision letter (with the reviewers' comments to
 * the team that organisers released, never a panel comment) and the progress-report reminder.
 * Pure: the caller formats money and dates.
 */

export interface FundingLetterFacts {
  outcome: 'funded' | 'not-funded';
  recipientName: string;
  teamName: string;
  proposalTitle: string;
  roundName: string;
  labTitle: string;
  /** Formatted, e.g. "USD 48,000.00"; funded letters only. */
  amount: string | null;
  rationale: string;
  /** The invite-only round the team is invited to, by name. */
  invitedTo: string | null;
  /** Comments to the team from its reviews, as released. */
  teamComments: readonly string[];
}

export function composeFundingLetter(facts: FundingLetterFacts): {
  subject: string;
  body: string;
} {
  const lines: string[] = [`Dear ${facts.recipientName},`, ''];
  if (facts.outcome === 'funded') {
    lines.push(
      `We are delighted to tell you that the proposal of ${facts.teamName}, "${facts.proposalTitle}", is funded in ${facts.roundName} of ${facts.labTitle}, with an award of ${facts.amount ?? 'the amount agreed'}.`,
    );
  } else {
    lines.push(
      `Thank you for the proposal of ${facts.teamName}, "${facts.proposalTitle}", to ${facts.roundName} of ${facts.labTitle}. We are sorry to tell you that it is not funded in this round.`,
    );
  }
  lines.push('', 'Why:', facts.rationale.trim());
  if (facts.invitedTo !== null)
    lines.push(
      '',
      `Your team is invited to apply to ${facts.invitedTo}. Your proposal there starts from this one.`,
    );
  if (facts.teamComments.length > 0) {
    lines.push('', "The reviewers' comments to your team:");
    facts.teamComments.forEach((comment, i) =>
      lines.push('', `Reviewer ${i + 1}:`, comment.trim()),
    );
  }
  lines.push('', `With best wishes,`, `The organisers of ${facts.labTitle}`);
  return {
    subject:
      facts.outcome === 'funded'
        ? `${facts.labTitle}: your proposal is funded`
        : `${facts.labTitle}: the decision on your proposal`,
    body: lines.join('\n'),
  };
}

export function composeProgressReminder(facts: {
  recipientName: string;
  teamName: string;
  reportTitle: string;
  due: string;
  labTitle: string;
  reportUrl: string;
}): { subject: string; body: string } {
  return {
    subject: `${facts.labTitle}: your ${facts.reportTitle} is overdue`,
    body: [
      `Dear ${facts.recipientName},`,
      '',
      `The ${facts.reportTitle} of ${facts.teamName} was due on ${facts.due} and has not been filed yet.`,
      `Please file it here: ${facts.reportUrl}`,
      '',
      `With best wishes,`,
      `The organisers of ${facts.labTitle}`,
    ].join('\n'),
  };
}
