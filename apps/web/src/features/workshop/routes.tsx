import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { OrganiserOnly } from '../../pages/lab/organiser-only';
import { lazyPage } from '../../lib/lazy-page';

const AgendaPage = lazyPage(() => import('./agenda-page'), 'AgendaPage');
const ControlRoomPage = lazyPage(() => import('./control-room-page'), 'ControlRoomPage');
const RotationPage = lazyPage(() => import('./rotation-page'), 'RotationPage');

/** Agenda, control room, rotation planner: the routes inside a lab (children of /labs/:labId). */
export function workshopLabRoutes(): ReactNode {
  return (
    <>
      {/* Every member may read the agenda; only organisers get the editing controls. */}
      <Route path="agenda" element={<AgendaPage />} />
      <Route
        path="rotation"
        element={
          <OrganiserOnly>
            <RotationPage />
          </OrganiserOnly>
        }
      />
      <Route
        path="control-room"
        element={
          <OrganiserOnly>
            <ControlRoomPage />
          </OrganiserOnly>
        }
      />
    </>
  );
}

/** The lab tabs this feature adds for the viewer: organisers run the workshop from here. */
export function workshopLabTabs(context: LabTabContext): LabTab[] {
  if (!context.canOrganise) return [];
  return [
    { to: 'agenda', label: 'Agenda' },
    { to: 'rotation', label: 'Rotation' },
    { to: 'control-room', label: 'Control room' },
  ];
}
