import { roomVideoLink } from '@ideas-lab/domain';
import type { RoomLinkSettings, SeatRow } from './breakout.repository.js';
import type { BreakoutPlanEntity } from './entities/breakout-plan.entity.js';
import type { BreakoutRoomEntity } from './entities/breakout-room.entity.js';
import type { BreakoutRoundEntity } from './entities/breakout-round.entity.js';
import type { PlanView, RoomView, RoundView, RoundsView, SeatView } from './workshop.contract.js';

/** What one person may see of the rounds: organisers everything, mentors their rooms, participants their own room. */
export interface Viewer {
  userId: string;
  seesEverything: boolean;
}

export function toRoundsView(
  sessionId: string,
  rounds: readonly BreakoutRoundEntity[],
  rooms: readonly BreakoutRoomEntity[],
  seats: readonly SeatRow[],
  viewer: Viewer,
  links: RoomLinkSettings,
): RoundsView {
  const seatsOfRoom = new Map<string, SeatView[]>();
  for (const seat of seats) {
    const list = seatsOfRoom.get(seat.roomId) ?? [];
    list.push({ userId: seat.userId, displayName: seat.displayName });
    seatsOfRoom.set(seat.roomId, list);
  }
  const myRoomOfRound = new Map(
    seats.filter((s) => s.userId === viewer.userId).map((s) => [s.roundId, s.roomId]),
  );
  const views: RoundView[] = [];
  for (const round of rounds) {
    const myRoomId = myRoomOfRound.get(round.id) ?? null;
    const roomViews: RoomView[] = [];
    for (const room of rooms.filter((r) => r.roundId === round.id)) {
      const members = seatsOfRoom.get(room.id) ?? [];
      const mine = room.id === myRoomId || room.mentorId === viewer.userId;
      // A self-select round shows every room (with its free seats) so participants can pick one.
      if (!viewer.seesEverything && !mine && round.mode !== 'self-select') continue;
      const view: RoomView = {
        id: room.id,
        position: room.position,
        name: room.name,
        meetingUrl: room.meetingUrl,
        videoUrl: roomVideoLink({
          ownUrl: room.meetingUrl,
          template: links.roomLinkTemplate,
          labSlug: links.labSlug,
          roomName: room.name,
          roomPosition: room.position,
        }),
        mentorId: room.mentorId,
        capacity: room.capacity,
        occupancy: members.length,
      };
      if (viewer.seesEverything || mine) view.participants = members;
      roomViews.push(view);
    }
    if (!viewer.seesEverything && roomViews.length === 0) continue;
    views.push({
      id: round.id,
      index: round.index,
      title: round.title,
      durationMinutes: round.durationMinutes,
      state: round.state,
      mode: round.mode,
      myRoomId,
      rooms: roomViews,
    });
  }
  return { sessionId, rounds: views };
}

export function toPlanView(plan: BreakoutPlanEntity): PlanView {
  return {
    id: plan.id,
    sessionId: plan.sessionId,
    seed: plan.seed,
    inputs: plan.inputs,
    pairsMet: plan.pairsMet,
    repeats: plan.repeats,
    metrics: plan.result.metrics,
    rounds: plan.result.rounds,
    adoptedAt: plan.adoptedAt ? plan.adoptedAt.toISOString() : null,
    createdAt: plan.createdAt.toISOString(),
  };
}
