import type { INestApplicationContext } from '@nestjs/common';
import { formatInTimezone, LAB_PHASE_LABELS, type Actor } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { LabsService, type LabView } from '@ideas-lab/labs';
import { DEMO_LAB } from './demo-lab.js';
import { DEMO_REVIEW_LAB } from './demo-review.js';
import { DEMO_WORKSHOP_LAB } from './demo-workshop.js';

const DEMO_SLUGS = [DEMO_LAB.slug, DEMO_WORKSHOP_LAB.slug, DEMO_REVIEW_LAB.slug];

/** Where a lab stands today and what a person trying the demo can do there, in one line. */
export function describeDemoLab(lab: LabView, now: Date): string {
  const at = (iso: string | null) => (iso ? formatInTimezone(new Date(iso), lab.timezone) : '?');
  const phase = LAB_PHASE_LABELS[lab.phase];
  switch (lab.phase) {
    case 'applications_open':
      return `"${lab.title}": applications open until ${at(lab.dates.applicationsCloseAt)}; its call is at /call/${lab.slug}`;
    case 'selection':
      return `"${lab.title}": in selection; organiser@ideas-lab.test chooses the cohort from the Selection tab`;
    case 'workshop': {
      const start = lab.dates.workshopStartAt ? new Date(lab.dates.workshopStartAt) : null;
      const end = lab.dates.workshopEndAt ? new Date(lab.dates.workshopEndAt) : null;
      if (start && now < start)
        return `"${lab.title}": its workshop starts ${at(lab.dates.workshopStartAt)}`;
      if (end && now > end)
        return `"${lab.title}": its workshop ended ${at(lab.dates.workshopEndAt)} (the lab is still in phase ${phase})`;
      return `"${lab.title}": in its workshop until ${at(lab.dates.workshopEndAt)}; organiser@ideas-lab.test runs breakout rounds from the Control room, applicant001..030 join them under Live`;
    }
    case 'review':
      return `"${lab.title}": in review; organiser@ideas-lab.test and the mentors read the submitted proposals under Proposals, the organiser the funding decided so far under Funding decision and the follow-up under Progress reports; applicant031..060 are on its six teams`;
    default:
      return `"${lab.title}": in phase ${phase}`;
  }
}

/** The demo labs as they are now (they move on as people use them), for the start banner. */
export async function describeDemoLabs(app: INestApplicationContext, now: Date): Promise<string[]> {
  const admin = await app.get(IdentityService).findProfileByEmail('admin@ideas-lab.test');
  if (!admin) return [];
  const actor: Actor = { userId: admin.id, isAdmin: true };
  const labs = app.get(LabsService);
  const lines: string[] = [];
  for (const summary of await labs.list(actor)) {
    if (!DEMO_SLUGS.includes(summary.slug)) continue;
    lines.push(describeDemoLab(await labs.get(actor, summary.id), now));
  }
  return lines;
}
