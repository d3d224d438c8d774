/** A shortlisted idea as team formation needs it. */
export interface FormationIdea {
  id: string;
  title: string;
  challengeArea: string | null;
  disciplinesNeeded: string[];
}

/**
 * Where team formation reads the lab's shortlist from (the ideas board, libs/ideas, owns it);
 * bound in FormationModule, so formation never reads the ideas tables itself.
 */
export abstract class FormationShortlist {
  /** The lab's shortlisted ideas, in the organisers' order. */
  abstract shortlistedIdeas(labId: string): Promise<FormationIdea[]>;
}
