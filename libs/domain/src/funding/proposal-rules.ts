/**
 * The rules of a funding proposal: its sections, its budget against the round's cap, its
 * deadline (the round's, or a team's extension) and how two versions differ section by
 * section. Plain data in, plain data out.
 */
import { formatInTimezone } from '../applications/application-deadline.js';
import { countWords } from '../applications/word-count.js';

/** The written sections a round may ask for (title and budget are always asked). */
export const PROPOSAL_SECTION_KEYS = [
  'abstract',
  'aims',
  'approach',
  'challengeArea',
  'milestones',
  'teamRoles',
] as const;
export type ProposalSectionKey = (typeof PROPOSAL_SECTION_KEYS)[number];

export const BUDGET_CATEGORIES = [
  'personnel',
  'equipment',
  'compute',
  'consumables',
  'travel',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface ProposalMilestone {
  title: string;
  /** A month (`YYYY-MM`) or a date, as the team writes it. */
  due: string;
  description: string;
}

export interface ProposalTeamRole {
  userId: string | null;
  name: string;
  role: string;
}

export interface BudgetLine {
  category: BudgetCategory;
  description: string;
  /** Major units (dollars), at most 2 decimals. */
  amount: number;
}

export interface ProposalContent {
  title: string;
  abstract: string;
  aims: string;
  approach: string;
  challengeArea: string;
  milestones: ProposalMilestone[];
  teamRoles: ProposalTeamRole[];
  budget: BudgetLine[];
}

/** A section as the round asks for it. */
export interface ProposalSectionSetting {
  key: ProposalSectionKey;
  label: string;
  guidance: string;
  /** For the written sections (abstract, aims, approach): at most this many words. */
  wordLimit: number | null;
}

export const SECTION_LABELS: Record<ProposalSectionKey | 'title' | 'budget', string> = {
  title: 'Title',
  abstract: 'Abstract',
  aims: 'Aims',
  approach: 'Approach',
  challengeArea: 'Part of the challenge addressed',
  milestones: 'Milestones',
  teamRoles: 'Team roles',
  budget: 'Budget',
};

export const emptyProposalContent = (): ProposalContent => ({
  title: '',
  abstract: '',
  aims: '',
  approach: '',
  challengeArea: '',
  milestones: [],
  teamRoles: [],
  budget: [],
});

/** Money in minor units (cents), so sums are exact. */
export const toMinorUnits = (amount: number): number => Math.round(amount * 100);

export function budgetTotalMinor(budget: readonly BudgetLine[]): number {
  return budget.reduce((sum, line) => sum + toMinorUnits(line.amount), 0);
}

export interface ProposalProblem {
  field: string;
  message: string;
}

const money = (minor: number, currency: string) =>
  `${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${currency}`;

/**
 * What stops a proposal from being submitted: a missing title, an empty section the round
 * asks for, a section over its word limit, no budget, or a budget over the per-award cap.
 * Drafts may be saved with any of these.
 */
export function proposalSubmissionProblems(input: {
  content: ProposalContent;
  sections: readonly ProposalSectionSetting[];
  awardCapMinor: number;
  currency: string;
}): ProposalProblem[] {
  const { content, sections, awardCapMinor, currency } = input;
  const problems: ProposalProblem[] = [];
  if (content.title.trim() === '') problems.push({ field: 'title', message: 'title is empty' });
  for (const section of sections) {
    const value = content[section.key];
    if (typeof value === 'string') {
      if (value.trim() === '') {
        problems.push({ field: section.key, message: `${section.label} is empty` });
      } else if (section.wordLimit !== null && countWords(value) > section.wordLimit) {
        problems.push({
          field: section.key,
          message: `${section.label} has ${countWords(value)} words; the limit is ${section.wordLimit}`,
        });
      }
    } else if (value.length === 0) {
      problems.push({ field: section.key, message: `${section.label} lists nothing` });
    }
  }
  if (content.budget.length === 0)
    problems.push({ field: 'budget', message: 'the budget has no line' });
  const total = budgetTotalMinor(content.budget);
  if (total > awardCapMinor)
    problems.push({
      field: 'budget',
      message: `the budget totals ${money(total, currency)}, over the cap of ${money(awardCapMinor, currency)}`,
    });
  return problems;
}

export type ProposalDeadlineDecision =
  | { open: true; deadline: Date; extended: boolean }
  | { open: false; deadline: Date; extended: boolean; message: string };

/**
 * May a team still save or submit? Server time against the round's deadline, or the team's
 * extension when it is later; the message names the deadline in the lab's time zone.
 */
export function decideProposalDeadline(input: {
  dueAt: Date;
  extensionUntil: Date | null;
  now: Date;
  timezone: string;
}): ProposalDeadlineDecision {
  const { dueAt, extensionUntil, now, timezone } = input;
  const extended = extensionUntil !== null && extensionUntil.getTime() > dueAt.getTime();
  const deadline = extended ? extensionUntil : dueAt;
  if (now.getTime() < deadline.getTime()) return { open: true, deadline, extended };
  const when = formatInTimezone(deadline, timezone);
  return {
    open: false,
    deadline,
    extended,
    message: extended
      ? `Your team's extension ended on ${when}; the proposal can no longer be changed.`
      : `Proposals for this round were due on ${when}. Ask the organisers if your team needs an extension.`,
  };
}

export interface SectionComparison {
  key: 'title' | ProposalSectionKey | 'budget';
  label: string;
  changed: boolean;
  /** The section as text, one item a line (milestones, roles, budget lines). */
  before: string;
  after: string;
}

const sectionText = (content: ProposalContent, key: SectionComparison['key']): string => {
  switch (key) {
    case 'title':
    case 'abstract':
    case 'aims':
    case 'approach':
    case 'challengeArea':
      return content[key];
    case 'milestones':
      return content.milestones
        .map((m) => `${m.due} — ${m.title}${m.description ? `: ${m.description}` : ''}`)
        .join('\n');
    case 'teamRoles':
      return content.teamRoles.map((r) => `${r.name}: ${r.role}`).join('\n');
    case 'budget': {
      const lines = content.budget.map(
        (b) => `${b.category} — ${b.description}: ${(toMinorUnits(b.amount) / 100).toFixed(2)}`,
      );
      lines.push(`total: ${(budgetTotalMinor(content.budget) / 100).toFixed(2)}`);
      return lines.join('\n');
    }
  }
};

/** Two versions side by side, section by section, saying which sections changed. */
export function compareProposalContents(
  before: ProposalContent,
  after: ProposalContent,
): SectionComparison[] {
  const keys: SectionComparison['key'][] = ['title', ...PROPOSAL_SECTION_KEYS, 'budget'];
  return keys.map((key) => {
    const a = sectionText(before, key);
    const b = sectionText(after, key);
    return { key, label: SECTION_LABELS[key], changed: a !== b, before: a, after: b };
  });
}
