/**
 * An audit event in words, for organisers reading a lab's log: "moved the lab from Selection
 * to Workshop", never `lab.phase_changed`. The sentence leaves out who did it (the reader
 * puts the actor's name in front). Actions without a sentence of their own still read as words.
 */
import { isLabPhase, LAB_PHASE_LABELS } from '../lab-phase/lab-phase.js';

type Data = Record<string, unknown>;
type Words = string | ((data: Data) => string);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const phase = (value: unknown): string =>
  isLabPhase(value) ? LAB_PHASE_LABELS[value] : (text(value) ?? 'another phase');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const role = (value: unknown) => text(value) ?? 'member';

const WORDS: Readonly<Record<string, Words>> = {
  'lab.created': (d) => `created the lab${text(d.title) ? ` "${text(d.title)}"` : ''}`,
  'lab.updated': (d) =>
    Array.isArray(d.fields) && d.fields.length > 0
      ? `changed the lab's settings (${d.fields.join(', ')})`
      : "changed the lab's settings",
  'lab.phase_changed': (d) => `moved the lab from ${phase(d.from)} to ${phase(d.to)}`,
  'lab.member_added': (d) => `added a ${role(d.role)}`,
  'lab.member_removed': (d) => `removed a ${role(d.role)}`,
  'lab.invitation_created': (d) => `invited ${text(d.email) ?? 'someone'} as ${role(d.role)}`,
  'lab.invitation_accepted': (d) => `accepted an invitation as ${role(d.role)}`,
  'lab.invitation_revoked': 'withdrew an invitation',
  'form.published': (d) =>
    `published version ${count(d.version) ?? '?'} of the application form${count(d.questions) !== null ? ` (${plural(count(d.questions)!, 'question')})` : ''}`,
  'application.started': 'started an application',
  'application.edited': 'edited an application',
  'application.submitted': 'submitted an application',
  'application.withdrawn': 'withdrew an application',
  'application.extension_granted': 'granted an applicant more time',
  'review.rubric_set': 'set the review rubric',
  'review.conflicts_declared': 'declared conflicts of interest',
  'review.assignment_run': 'ran the reviewer assignment',
  'review.assignment_added': 'assigned a reviewer by hand',
  'review.assignment_removed': 'removed a reviewer assignment',
  'review.draft_saved': 'saved a review draft',
  'review.submitted': 'submitted a review',
  'review.revised': (d) =>
    `revised a submitted review${typeof d.revision === 'number' ? ` (revision ${d.revision})` : ''}`,
  'review.closed': 'closed application review',
  'funding.round_created': (d) =>
    `set up the funding round${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'funding.round_updated': 'changed the settings of a funding round',
  'funding.extension_granted': 'gave a team more time for its proposal',
  'funding.portfolio_run': (d) =>
    count(d.funded) !== null
      ? `ran the portfolio optimiser (${plural(count(d.funded)!, 'award')})`
      : 'ran the portfolio optimiser',
  'funding.lottery_drawn': (d) =>
    Array.isArray(d.candidates) && Array.isArray(d.winners)
      ? `drew the funding lottery (seed ${text(d.seed) ?? '?'}): ${plural(d.winners.length, 'winner')} among ${plural(d.candidates.length, 'proposal')} at the funding line`
      : 'drew the funding lottery',
  'funding.portfolio_replayed': (d) =>
    d.same === true
      ? 'solved a portfolio run again from its record: same result'
      : 'solved a portfolio run again from its record: the result differs',
  'funding.run_adopted': 'adopted a portfolio run: its awards became the funding decisions',
  'funding.decision_recorded': (d) =>
    `decided that ${text(d.team) ?? 'a team'} is ${d.outcome === 'funded' ? `funded${count(d.amount) !== null ? ` (${count(d.amount)!.toLocaleString('en-US')})` : ''}` : 'not funded'}${text(d.invitedRoundId) ? ', invited to the next round' : ''}`,
  'funding.letters_composed': (d) =>
    count(d.letters) !== null
      ? `wrote ${plural(count(d.letters)!, 'funding letter')} into the outbox`
      : 'wrote the funding letters into the outbox',
  'funding.letters_released': (d) =>
    count(d.queued) !== null
      ? `released ${plural(count(d.queued)!, 'funding letter')}`
      : 'released the funding letters',
  'funding.progress_reports_scheduled': (d) =>
    `asked ${count(d.teams) !== null ? plural(count(d.teams)!, 'funded team') : 'the funded teams'} for ${text(d.title) ? `"${text(d.title)}"` : 'a progress report'}`,
  'funding.progress_report_filed': (d) =>
    d.late === true ? 'filed a progress report, late' : 'filed a progress report',
  'funding.reminders_sent': (d) =>
    count(d.reports) !== null
      ? `reminded ${plural(count(d.reports)!, 'late team')} of their progress reports`
      : 'reminded late teams of their progress reports',
  'funding.exported': (d) =>
    d.anonymised === true
      ? 'exported the funding round (reviewers anonymised)'
      : 'exported the funding round',
  'proposal.saved': (d) =>
    count(d.version) !== null
      ? `saved version ${count(d.version)} of a proposal`
      : 'saved a proposal',
  'proposal.submitted': (d) =>
    count(d.version) !== null
      ? `submitted version ${count(d.version)} of a proposal`
      : 'submitted a proposal',
  'pitch.order_saved': (d) =>
    `saved the running order of the pitch session${text(d.title) ? ` "${text(d.title)}"` : ''}${Array.isArray(d.teams) ? ` (${plural(d.teams.length, 'team')})` : ''}`,
  'pitch.session_started': (d) =>
    `started the pitch session${text(d.title) ? ` "${text(d.title)}"` : ''}`,
  'pitch.team_on': (d) => `put ${text(d.team) ?? 'a team'} on stage to pitch`,
  'pitch.questions_started': (d) =>
    `${d.by === 'timer' ? '(the clock) ' : ''}opened questions to ${text(d.team) ?? 'a team'}`,
  'pitch.slot_closed': (d) =>
    `${d.by === 'timer' ? '(the clock) ' : ''}closed the pitch of ${text(d.team) ?? 'a team'}: its scores are locked`,
  'pitch.clock_adjusted': (d) => {
    const team = text(d.team) ?? 'a team';
    const stage = d.phase === 'questions' ? `the questions to ${team}` : `the pitch of ${team}`;
    const delta = count(d.deltaSeconds);
    if (delta === null) return `moved the clock of ${stage}`;
    const amount =
      Math.abs(delta) % 60 === 0 ? `${Math.abs(delta) / 60} min` : `${Math.abs(delta)} s`;
    return delta > 0 ? `gave ${stage} ${amount} more` : `took ${amount} off ${stage}`;
  },
  'pitch.session_ended': (d) =>
    `ended the pitch session${text(d.title) ? ` "${text(d.title)}"` : ''}`,
  'pitch.score_saved': 'saved a pitch score',
  'pitch.comment_released': "released a mentor's pitch comment to the team",
  'pitch.comment_withdrawn': "withdrew a mentor's pitch comment from the team",
  'proposal_review.assignment_run': 'ran the assignment of mentors to proposals',
  'proposal_review.assignment_added': 'assigned a mentor to a proposal by hand',
  'proposal_review.assignment_removed': 'removed a mentor from a proposal',
  'proposal_review.draft_saved': 'saved a proposal review draft',
  'proposal_review.submitted': (d) =>
    count(d.revision) !== null && count(d.revision)! > 1
      ? `revised a proposal review (revision ${count(d.revision)})`
      : 'submitted a proposal review',
  'proposal_review.settings_changed': 'changed how proposals are reviewed',
  'proposal_review.closed': 'closed proposal review',
  'proposal_review.comments_released': 'released the review comments to the teams',
  'proposal_review.panel_message': 'wrote in a panel discussion',
  'proposal_review.lead_chosen': 'picked the lead reviewer of a proposal',
  'proposal_review.consensus_saved': (d) =>
    text(d.recommendation)
      ? `saved a consensus report (${text(d.recommendation)!.replace(/-/g, ' ')})`
      : 'saved a consensus report',
  'selection.run_created': 'ran the cohort selection',
  'selection.run_adopted': 'adopted a selection run: offers, waitlist and declines are decided',
  'selection.waitlist_promoted': 'offered a place to the next waitlisted applicant',
  'decision.confirmed': 'confirmed a place',
  'decision.declined': 'declined a place',
  'decision.expired': 'let an offer expire (its answer date passed)',
  'letters.composed': (d) =>
    count(d.letters) !== null
      ? `wrote ${plural(count(d.letters)!, 'decision letter')} into the outbox`
      : 'wrote decision letters into the outbox',
  'letter.edited': 'edited a decision letter',
  'letters.released': (d) =>
    count(d.queued) !== null
      ? `released ${plural(count(d.queued)!, 'decision letter')} to be sent`
      : 'released decision letters to be sent',
  'letters.delivered': 'delivered a decision letter',
  'agenda.session_created': (d) =>
    `added ${text(d.title) ? `"${text(d.title)}"` : 'a session'} to the agenda`,
  'agenda.session_updated': 'changed an agenda session',
  'agenda.session_deleted': 'removed an agenda session',
  'workshop.profile_set': "set a participant's workshop profile",
  'workshop.room_link_template_set': (d) =>
    text(d.roomLinkTemplate)
      ? `set the rooms' video link template to ${text(d.roomLinkTemplate)}`
      : "removed the rooms' video link template",
  'workshop.team_created': (d) => `set up the team${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'formation.settings_changed': (d) =>
    d.open === true ? 'opened team formation and set its rules' : 'set the team formation rules',
  'formation.run_created': (d) =>
    `ran team formation${count(d.teams) !== null ? ` (${plural(count(d.teams)!, 'team')})` : ''}`,
  'formation.run_adopted': 'adopted a team formation run',
  'formation.member_moved': 'moved a participant to another team',
  'formation.team_locked': (d) =>
    `locked the team${text(d.name) ? ` "${text(d.name)}"` : ''} as formed`,
  'formation.team_unlocked': (d) => `unlocked the team${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'formation.team_confirmed': (d) =>
    `confirmed the team${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'breakout.plan_created': 'planned a breakout rotation',
  'breakout.plan_adopted': 'adopted a breakout rotation plan',
  'breakout.round_created': 'created a breakout round',
  'breakout.round_opened': (d) =>
    text(d.otherDayConfirmed)
      ? `opened a breakout round away from its session's day (${text(d.otherDayConfirmed)}), confirming it`
      : 'opened a breakout round',
  'breakout.round_closing': 'started closing a breakout round',
  'breakout.round_closed': 'closed a breakout round',
  'breakout.timer_adjusted': (d) =>
    count(d.deltaSeconds) !== null
      ? `${count(d.deltaSeconds)! >= 0 ? 'added' : 'took'} ${Math.abs(count(d.deltaSeconds)!)} s ${count(d.deltaSeconds)! >= 0 ? 'to' : 'from'} a breakout round`
      : 'adjusted the timer of a breakout round',
  'breakout.rooms_recreated': 'recreated the rooms of a breakout round',
  'breakout.room_updated': 'changed a breakout room',
  'breakout.room_chosen': 'chose a breakout room',
  'breakout.participant_moved': 'moved a participant to another room',
  'breakout.participants_swapped': 'swapped two participants between rooms',
  'live.broadcast': (d) =>
    text(d.message) ? `broadcast "${text(d.message)}"` : 'broadcast a message',
  'live.instruction_pinned': 'pinned an instruction',
  'live.instruction_unpinned': 'unpinned an instruction',
  'live.instructions_ended': (d) =>
    Array.isArray(d.pinIds)
      ? `took down ${plural(d.pinIds.length, 'pinned instruction')} of the last round as the next opened`
      : 'took down the pinned instructions of the last round as the next opened',
  'live.help_requested': 'asked for help',
  'live.help_claimed': 'took a help request',
  'live.help_resolved': 'resolved a help request',
  'live.time_requested': 'asked for more time',
  'live.time_decided': (d) =>
    d.decision === 'approved' ? 'gave a room more time' : 'declined a request for more time',
  'live.mentor_moved': 'went to another room',
  'ideas.board_set': 'set the challenge areas and word limit of the ideas board',
  'ideas.theme_created': (d) => `added the theme${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'ideas.theme_deleted': (d) => `removed the theme${text(d.name) ? ` "${text(d.name)}"` : ''}`,
  'ideas.shortlist_set': (d) =>
    Array.isArray(d.ideas)
      ? `set the shortlist (${plural(d.ideas.length, 'idea')})`
      : 'set the shortlist',
  'idea.archived': (d) => `archived the idea${text(d.title) ? ` "${text(d.title)}"` : ''}`,
  'idea.restored': (d) => `restored the idea${text(d.title) ? ` "${text(d.title)}"` : ''}`,
  'idea.themed': 'put an idea under a theme',
  'idea.merged': (d) =>
    `merged ${count(d.merged) !== null ? plural(count(d.merged)!, 'idea') : 'ideas'} into${text(d.title) ? ` "${text(d.title)}"` : ' one'}`,
  'voting.session_opened': 'opened a voting session',
  'voting.session_closed': (d) =>
    d.by === 'timer' ? 'closed a voting session (its time ran out)' : 'closed a voting session',
  'user.registered': 'created an account',
  'user.logged_in': 'signed in',
  'user.logged_out': 'signed out',
  'user.signed_out_everywhere': 'signed out everywhere',
  'user.password_changed': 'changed their password',
};

/** `area.something_done` → "something done (area)", for actions without a sentence yet. */
function fallback(action: string): string {
  const [area, ...rest] = action.split('.');
  const what = rest.join(' ').replace(/[_-]+/g, ' ').trim();
  return what ? `${what} (${area.replace(/[_-]+/g, ' ')})` : area.replace(/[_-]+/g, ' ');
}

export function describeAuditEvent({ action, data }: { action: string; data: Data }): string {
  const words = WORDS[action];
  if (words === undefined) return fallback(action);
  return typeof words === 'string' ? words : words(data);
}
