import { useState } from 'react';
import type { FieldIssue } from '../../api';
import { useLab } from './lab-context';
import { LabSettingsForm } from './lab-settings-form';
import { PhasePanel } from './phase-panel';

/** The organiser's desk for one lab: its lifecycle and every setting. */
export function LabSettingsPage() {
  const { lab, setLab } = useLab();
  const [missingSettings, setMissingSettings] = useState<FieldIssue[]>([]);
  return (
    <div className="stack-lg">
      <PhasePanel lab={lab} onMoved={setLab} onMissingSettings={setMissingSettings} />
      <LabSettingsForm
        key={lab.id}
        lab={lab}
        externalIssues={missingSettings}
        onSaved={(saved) => {
          setLab(saved);
          setMissingSettings([]);
        }}
      />
    </div>
  );
}
