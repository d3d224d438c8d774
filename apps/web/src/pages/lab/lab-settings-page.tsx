import { useState } from 'react';
import type { FieldIssue } from '../../api';
import { useLab } from './lab-context';
import { LabSettingsForm } from './lab-settings-form';
import { PhasePanel } from './phase-panel';
import pageLayout from '../../components/page-layout.module.css';

/** The organiser's desk for one lab: its lifecycle and every setting. */
export function LabSettingsPage() {
  const { lab, setLab } = useLab();
  const [missingSettings, setMissingSettings] = useState<FieldIssue[]>([]);
  return (
    <div className={pageLayout.stackLg}>
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
