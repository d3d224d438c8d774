import { describe, expect, it } from 'vitest';
import {
  freeRoomName,
  roomLinkTemplateProblems,
  roomNameClashes,
  roomVideoLink,
  urlSlug,
} from './room-video-link.js';

describe('roomLinkTemplateProblems', () => {
  it.each([
    'https://meet.jit.si/{lab}-{room}',
    'https://bbb.example.org/b/{room}',
    'https://zoom.example/j/{lab}?room={room}',
  ])('accepts %s', (template) => {
    expect(roomLinkTemplateProblems(template)).toEqual([]);
  });

  it.each([
    ['http://meet.jit.si/{room}', 'https://'],
    ['meet.jit.si/{lab}-{room}', 'web address'],
    ['https://meet.jit.si/{lab}-{team}', '{team}'],
    ['https://meet.jit.si/{lab}', '{room}'],
    ['https://meet.jit.si/{room', 'unclosed'],
    ['javascript:alert({room})', 'https://'],
  ])('refuses %s, saying %s', (template, words) => {
    const problems = roomLinkTemplateProblems(template);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'roomLinkTemplate' });
    expect(problems[0].message).toContain(words);
  });
});

describe('roomVideoLink', () => {
  const room = { labSlug: 'cancer-twin', roomName: 'Room 3', roomPosition: 2 };

  it("keeps a room's own link", () => {
    expect(
      roomVideoLink({ ...room, ownUrl: 'https://zoom.example/j/1', template: 'https://x/{room}' }),
    ).toBe('https://zoom.example/j/1');
  });

  it('fills the template with URL-safe slugs', () => {
    expect(
      roomVideoLink({
        ...room,
        roomName: 'Salle Été & Co / 2',
        ownUrl: null,
        template: 'https://meet.jit.si/{lab}-{room}',
      }),
    ).toBe('https://meet.jit.si/cancer-twin-salle-ete-co-2');
  });

  it('names a room without letters or digits by its number', () => {
    expect(
      roomVideoLink({
        ...room,
        roomName: '☕',
        ownUrl: null,
        template: 'https://m.example/{room}',
      }),
    ).toBe('https://m.example/room-3');
  });

  it('has no link without a template or an own link', () => {
    expect(roomVideoLink({ ...room, ownUrl: null, template: null })).toBeNull();
  });

  it('slugs stay short and never start or end with a dash', () => {
    expect(urlSlug(' --A very long name '.repeat(10))).toMatch(/^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/);
  });
});

describe('roomNameClashes', () => {
  const rooms = (...names: string[]) => names.map((name, position) => ({ name, position }));

  it('lets rooms with different link names be', () => {
    expect(roomNameClashes(rooms('Room A', 'Room B', 'Salle A'))).toEqual([]);
  });

  it('finds names that differ only in case, accents or punctuation', () => {
    expect(roomNameClashes(rooms('Room A', 'Room B', 'room a!', 'Röom  B'))).toEqual([
      { index: 2, takenBy: 'Room A', linkName: 'room-a' },
      { index: 3, takenBy: 'Room B', linkName: 'room-b' },
    ]);
  });

  it('counts a name without letters or digits by the number it is given', () => {
    // '☕' at position 1 is room-2, as "Room 2" is.
    expect(roomNameClashes(rooms('Room 2', '☕'))).toEqual([
      { index: 1, takenBy: 'Room 2', linkName: 'room-2' },
    ]);
  });

  it('finds long names whose slugs are cut to the same length', () => {
    const long = 'Discussion of the patient digital twin and its many uses in oncology';
    expect(roomNameClashes(rooms(`${long}, part 1`, `${long}, part 2`))).toHaveLength(1);
  });
});

describe('freeRoomName', () => {
  it('numbers a new room by its position when the name is free', () => {
    expect(freeRoomName([{ name: 'Room 1', position: 0 }], 1)).toBe('Room 2');
  });

  it('skips a number another room already goes by', () => {
    const taken = [
      { name: 'Room 3', position: 0 },
      { name: 'Room 2', position: 1 },
    ];
    expect(freeRoomName(taken, 2)).toBe('Room 4');
    expect(roomNameClashes([...taken, { name: freeRoomName(taken, 2), position: 2 }])).toEqual([]);
  });
});
