import { describe, expect, it } from 'vitest';
import { agendaCalendar, sessionEventUid, type CalendarSession } from './agenda-calendar.js';

const lab = { id: 'lab-1', title: 'Digital Twin; Cancer, Patients', timezone: 'America/New_York' };
const session = (overrides: Partial<CalendarSession> = {}): CalendarSession => ({
  id: '7f1d2c3b-0000-4000-8000-000000000001',
  kind: 'plenary',
  title: 'Welcome',
  startsAt: new Date('2027-07-13T15:00:00Z'),
  endsAt: new Date('2027-07-13T16:30:00Z'),
  meetingUrl: null,
  materials: [],
  version: 1,
  updatedAt: new Date('2027-06-01T10:00:00Z'),
  ...overrides,
});

/** RFC 5545 §3.1: a line starting with a space continues the previous one. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const lines = (ics: string) => unfold(ics).split('\r\n');

describe('agendaCalendar', () => {
  it('writes a VCALENDAR with one VEVENT per session, times in UTC and the lab time zone', () => {
    const ics = agendaCalendar({
      lab,
      sessions: [session(), session({ id: 'second', kind: 'pitch', title: 'Pitches' })],
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(lines(ics)).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'X-WR-TIMEZONE:America/New_York',
        'DTSTART:20270713T150000Z',
        'DTEND:20270713T163000Z',
        'METHOD:PUBLISH',
      ]),
    );
  });

  it('gives each session a stable UID and a sequence that grows with edits', () => {
    const first = agendaCalendar({ lab, sessions: [session()] });
    const edited = agendaCalendar({
      lab,
      sessions: [session({ title: 'Welcome and aims', version: 3 })],
    });
    const uid = `UID:${sessionEventUid('7f1d2c3b-0000-4000-8000-000000000001')}`;
    expect(lines(first)).toContain(uid);
    expect(lines(edited)).toContain(uid);
    expect(lines(first)).toContain('SEQUENCE:0');
    expect(lines(edited)).toContain('SEQUENCE:2');
  });

  it('escapes commas, semicolons, backslashes and new lines in text', () => {
    const ics = agendaCalendar({
      lab,
      sessions: [
        session({
          title: 'Ideas, risks; C:\\data',
          materials: [{ title: 'Brief', url: 'https://example.org/a' }],
        }),
      ],
    });
    const all = lines(ics);
    expect(all).toContain('SUMMARY:Ideas\\, risks\\; C:\\\\data');
    const description = all.find((l) => l.startsWith('DESCRIPTION:'));
    expect(description).toContain('\\nMaterials:\\n- Brief: https://example.org/a');
    expect(description).not.toContain('\n');
  });

  it('folds lines longer than 75 octets, counting multi-byte characters by their bytes', () => {
    const ics = agendaCalendar({
      lab,
      sessions: [session({ title: 'é'.repeat(90) + 'x'.repeat(60) })],
    });
    for (const line of ics.split('\r\n'))
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines(ics)).toContain(`SUMMARY:${'é'.repeat(90)}${'x'.repeat(60)}`);
  });

  it('puts the meeting link in LOCATION and URL', () => {
    const all = lines(
      agendaCalendar({ lab, sessions: [session({ meetingUrl: 'https://zoom.example/j/123' })] }),
    );
    expect(all).toContain('LOCATION:https://zoom.example/j/123');
    expect(all.some((l) => l.startsWith('URL') && l.endsWith(':https://zoom.example/j/123'))).toBe(
      true,
    );
  });

  it('is a valid empty calendar when the agenda is empty', () => {
    const ics = agendaCalendar({ lab, sessions: [] });
    expect(ics).not.toContain('BEGIN:VEVENT');
    expect(lines(ics)).toContain('X-WR-TIMEZONE:America/New_York');
  });
});
