import type { LabRole, LabPhase } from '../../api';

/** One tab in a lab's navigation. */
export interface LabTab {
  to: string;
  label: string;
  end?: boolean;
}

/**
 * The lab's sections, grouped by the stage of the lab they serve, so a lab with many tabs
 * wraps into short labelled groups instead of a strip that hides where one is.
 */
export type LabTabGroup = 'lab' | 'call' | 'selection' | 'workshop' | 'teams';

export const LAB_TAB_GROUP_LABELS: Record<LabTabGroup, string> = {
  lab: 'Lab',
  call: 'Call and review',
  selection: 'Selection',
  workshop: 'Workshop',
  teams: 'Ideas, teams and funding',
};

/** The groups in the order a lab goes through them; empty ones are left out. */
export function groupLabTabs(
  groups: Partial<Record<LabTabGroup, LabTab[]>>,
): { group: LabTabGroup; label: string; tabs: LabTab[] }[] {
  return (Object.keys(LAB_TAB_GROUP_LABELS) as LabTabGroup[])
    .map((group) => ({ group, label: LAB_TAB_GROUP_LABELS[group], tabs: groups[group] ?? [] }))
    .filter((g) => g.tabs.length > 0);
}

/** What a feature needs to decide which tabs the viewer gets. */
export interface LabTabContext {
  labId: string;
  phase: LabPhase;
  roles: LabRole[];
  canOrganise: boolean;
}
