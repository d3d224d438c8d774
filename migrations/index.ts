// The migrations in the order they run. `npm run migration:generate` rewrites this file.
import { Foundation1795715136642 } from './1795715136642-Foundation.js';
import { Applications1795717887695 } from './1795717887695-Applications.js';
import { Workshop1795718078901 } from './1795718078901-Workshop.js';
import { Review1795718559871 } from './1795718559871-Review.js';
import { Live1795718954718 } from './1795718954718-Live.js';
import { Selection1795720479317 } from './1795720479317-Selection.js';
import { LiveHelp1795720529412 } from './1795720529412-LiveHelp.js';
import { DecisionLetters1795720946270 } from './1795720946270-DecisionLetters.js';
import { LiveControlRoom1795723419454 } from './1795723419454-LiveControlRoom.js';
import { SelectionOutbox1795723460374 } from './1795723460374-SelectionOutbox.js';
import { DecisionLetterPerOutcome1795724630147 } from './1795724630147-DecisionLetterPerOutcome.js';
import { LoginThrottleDelays1796572665760 } from './1796572665760-LoginThrottleDelays.js';
import { TokenEpoch1796574845600 } from './1796574845600-TokenEpoch.js';
import { OpenRoundsByDeadline1796576046277 } from './1796576046277-OpenRoundsByDeadline.js';
import { InvitationAddressee1796577217485 } from './1796577217485-InvitationAddressee.js';
import { IdeasBoard1796585299805 } from './1796585299805-IdeasBoard.js';
import { Proposals1796585424951 } from './1796585424951-Proposals.js';
import { IdeaMergesAndVoting1796586917127 } from './1796586917127-IdeaMergesAndVoting.js';
import { TeamFormation1796587995766 } from './1796587995766-TeamFormation.js';
import { LabExpertiseExamples1796590034393 } from './1796590034393-LabExpertiseExamples.js';
import { TeamIdeaForeignKey1796595880096 } from './1796595880096-TeamIdeaForeignKey.js';
import { ProposalReview1796596225806 } from './1796596225806-ProposalReview.js';
import { FundingDecisions1796596454422 } from './1796596454422-FundingDecisions.js';
import { PitchSessions1796596539114 } from './1796596539114-PitchSessions.js';
import { ProposalReviewConflicts1796608814182 } from './1796608814182-ProposalReviewConflicts.js';
import { RoomLinksAndRoundPins1796611918942 } from './1796611918942-RoomLinksAndRoundPins.js';

export const migrations = [Foundation1795715136642, Applications1795717887695, Workshop1795718078901, Review1795718559871, Live1795718954718, Selection1795720479317, LiveHelp1795720529412, DecisionLetters1795720946270, LiveControlRoom1795723419454, SelectionOutbox1795723460374, DecisionLetterPerOutcome1795724630147, LoginThrottleDelays1796572665760, TokenEpoch1796574845600, OpenRoundsByDeadline1796576046277, InvitationAddressee1796577217485, IdeasBoard1796585299805, Proposals1796585424951, IdeaMergesAndVoting1796586917127, TeamFormation1796587995766, LabExpertiseExamples1796590034393, TeamIdeaForeignKey1796595880096, ProposalReview1796596225806, FundingDecisions1796596454422, PitchSessions1796596539114, ProposalReviewConflicts1796608814182, RoomLinksAndRoundPins1796611918942];
