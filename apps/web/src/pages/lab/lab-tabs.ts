import type { LabRole, LabPhase } from '../../api';

/** One tab in a lab's navigation. */
export interface LabTab {
  to: string;
  label: string;
  end?: boolean;
}

/** What a feature needs to decide which tabs the viewer gets. */
export interface LabTabContext {
  labId: string;
  phase: LabPhase;
  roles: LabRole[];
  canOrganise: boolean;
}
