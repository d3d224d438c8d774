import { describe, expect, it } from 'vitest';
import type { LabView } from '@ideas-lab/labs';
import { describeDemoLab } from './demo-banner.js';

const lab = (overrides: Partial<LabView>): LabView =>
  ({
    title: 'Twin',
    slug: 'twin',
    timezone: 'America/New_York',
    phase: 'workshop',
    dates: {
      applicationsOpenAt: null,
      applicationsCloseAt: '2027-04-01T21:00:00.000Z',
      workshopStartAt: '2027-07-13T13:00:00.000Z',
      workshopEndAt: '2027-07-17T21:00:00.000Z',
      proposalsDueAt: null,
    },
    ...overrides,
  }) as LabView;

describe('describeDemoLab', () => {
  it('says a workshop is live only while it runs', () => {
    expect(describeDemoLab(lab({}), new Date('2027-07-14T15:00:00Z'))).toContain(
      'in its workshop until 17 July 2027',
    );
    expect(describeDemoLab(lab({}), new Date('2027-07-20T15:00:00Z'))).toContain(
      'its workshop ended 17 July 2027',
    );
    expect(describeDemoLab(lab({}), new Date('2027-07-01T15:00:00Z'))).toContain(
      'its workshop starts 13 July 2027',
    );
  });

  it('names the phase a lab has moved on to', () => {
    expect(describeDemoLab(lab({ phase: 'proposals' }), new Date())).toBe(
      '"Twin": in phase Proposals',
    );
    expect(describeDemoLab(lab({ phase: 'selection' }), new Date())).toContain('in selection');
    expect(describeDemoLab(lab({ phase: 'review' }), new Date())).toBe(
      '"Twin": in review; organiser@ideas-lab.test and the mentors read the submitted proposals under Proposals, the organiser the funding decided so far under Funding decision and the follow-up under Progress reports; applicant031..060 are on its six teams',
    );
  });
});
