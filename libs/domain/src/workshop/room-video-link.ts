/**
 * Video links of breakout rooms: a room's own link, else the lab's link template filled in
 * for it (e.g. `https://meet.jit.si/{lab}-{room}`), so every room has a call without an
 * organiser pasting one link per room and round.
 */

/** The placeholders a link template may hold. */
export const ROOM_LINK_PLACEHOLDERS = ['lab', 'room'] as const;

export interface RoomLinkTemplateProblem {
  field: 'roomLinkTemplate';
  message: string;
}

/**
 * What is wrong with a link template: it must be an https address, use only `{lab}` and
 * `{room}`, and name `{room}` (else every room would share one call).
 */
export function roomLinkTemplateProblems(template: string): RoomLinkTemplateProblem[] {
  const problem = (message: string): RoomLinkTemplateProblem[] => [
    { field: 'roomLinkTemplate', message },
  ];
  const placeholders = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  const unknown = placeholders.filter(
    (name) => !(ROOM_LINK_PLACEHOLDERS as readonly string[]).includes(name),
  );
  if (unknown.length > 0)
    return problem(
      `roomLinkTemplate may only use {lab} and {room}; it has ${[...new Set(unknown)].map((n) => `{${n}}`).join(', ')}`,
    );
  const filled = template.replaceAll('{lab}', 'lab').replaceAll('{room}', 'room');
  if (/[{}]/.test(filled)) return problem('roomLinkTemplate has an unclosed { or a stray }');
  if (!placeholders.includes('room'))
    return problem('roomLinkTemplate must contain {room}, so that each room gets its own call');
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return problem('roomLinkTemplate must be a web address, e.g. https://meet.jit.si/{lab}-{room}');
  }
  if (url.protocol !== 'https:')
    return problem('roomLinkTemplate must start with https:// (video calls need a secure link)');
  if (!url.hostname) return problem('roomLinkTemplate must name a host');
  return [];
}

/** A name as a URL-safe slug: lower-case ASCII letters and digits joined by single dashes. */
export function urlSlug(name: string, maxLength = 60): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * What `{room}` becomes for a room: its name's slug, or `room-<n>` when the name has no letters
 * or digits. Two rooms of one round must never share it (they would share a call), so a round
 * refuses a name whose slug another of its rooms has (`roomNameClashes`). Rooms of different
 * rounds may share one: "Room A" of every round meets in the same call.
 */
export function roomLinkName(room: { name: string; position: number }): string {
  return urlSlug(room.name) || `room-${room.position + 1}`;
}

export interface RoomNameClash {
  /** The room, of those given, whose name is refused. */
  index: number;
  /** The earlier room of the round it would share a call with. */
  takenBy: string;
  linkName: string;
}

/**
 * The rooms of one round whose `{room}` would repeat an earlier room's ("Room A" and "room a!"
 * both give `room-a`): each after the first of its slug is a clash.
 */
export function roomNameClashes(
  rooms: readonly { name: string; position: number }[],
): RoomNameClash[] {
  const firstOf = new Map<string, string>();
  const clashes: RoomNameClash[] = [];
  rooms.forEach((room, index) => {
    const linkName = roomLinkName(room);
    const takenBy = firstOf.get(linkName);
    if (takenBy === undefined) firstOf.set(linkName, room.name);
    else clashes.push({ index, takenBy, linkName });
  });
  return clashes;
}

/** "Room <n>" for a new room at `position`, the first such name no room of the round has. */
export function freeRoomName(
  rooms: readonly { name: string; position: number }[],
  position: number,
): string {
  const taken = new Set(rooms.map(roomLinkName));
  let n = position + 1;
  while (taken.has(urlSlug(`Room ${n}`))) n += 1;
  return `Room ${n}`;
}

/**
 * The link a room's people join: its own, else the template filled in with the lab's slug and
 * the room's link name (`roomLinkName`); null when neither.
 */
export function roomVideoLink(input: {
  ownUrl: string | null;
  template: string | null;
  labSlug: string;
  roomName: string;
  roomPosition: number;
}): string | null {
  if (input.ownUrl) return input.ownUrl;
  if (!input.template) return null;
  const lab = urlSlug(input.labSlug) || 'lab';
  const room = roomLinkName({ name: input.roomName, position: input.roomPosition });
  return input.template.replaceAll('{lab}', lab).replaceAll('{room}', room);
}
