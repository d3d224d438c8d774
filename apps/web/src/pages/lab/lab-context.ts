import { useOutletContext } from 'react-router-dom';
import type { Lab } from '../../api';

export interface LabContext {
  lab: Lab;
  /** Replace the lab after a successful change, so every tab shows the new version. */
  setLab: (lab: Lab) => void;
  canOrganise: boolean;
}

export function useLab(): LabContext {
  return useOutletContext<LabContext>();
}
