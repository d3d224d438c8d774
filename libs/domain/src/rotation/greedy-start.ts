import type { RotationRandom } from './rotation-random.js';

/**
 * A greedy first plan that avoids repeats where it can, after Triska & Musliu's "freedom"
 * heuristic for the social-golfer problem: rounds are filled one after the other, each
 * room two people at a time, choosing among the people not seated yet who have met neither
 * each other nor anyone already in the room the pair with the most *freedom*, the number
 * of people neither of the two has met (so that pairs whose acquaintances overlap sit
 * together and the others keep their chances for later rounds); ties are broken at random.
 * In a room short of its wanted disciplines, pairs that bring new ones come first. When no
 * pair is left, the seat goes to whoever meets the fewest people again there, preferring
 * someone who brings a discipline the room lacks.
 *
 * Returns round → room → player indices, rooms aligned with `roomSizes`.
 */
export function greedyStart({
  playerCount: n,
  roomSizes,
  roundCount,
  fixedMeetings,
  discipline,
  disciplineTargets,
  random,
}: {
  playerCount: number;
  roomSizes: readonly number[];
  roundCount: number;
  /** n × n meetings already counted (held rounds, earlier sessions). */
  fixedMeetings: Int32Array;
  discipline: Int32Array;
  /** Wanted distinct disciplines per room, aligned with roomSizes (0: no wish). */
  disciplineTargets: readonly number[];
  random: RotationRandom;
}): number[][][] {
  const meet = Int32Array.from(fixedMeetings);
  const words = Math.ceil(n / 32);
  const known = new Uint32Array(n * words);
  const degree = new Int32Array(n);
  const freedom = new Int32Array(n * n);
  const rounds: number[][][] = [];

  for (let f = 0; f < roundCount; f++) {
    // Who knows whom, as bit sets, and the freedom of every pair, as the round begins.
    known.fill(0);
    degree.fill(0);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a !== b && meet[a * n + b] > 0) {
          known[a * words + (b >>> 5)] |= 1 << (b & 31);
          degree[a]++;
        }
      }
    }
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        let common = 0;
        for (let w = 0; w < words; w++)
          common += popcount(known[a * words + w] & known[b * words + w]);
        freedom[a * n + b] = freedom[b * n + a] = n - degree[a] - degree[b] + common;
      }
    }

    const unseated = random.shuffle(Array.from({ length: n }, (_, i) => i));
    const clash = new Int32Array(n); // meetings with the room being filled, per person
    const rooms: number[][] = [];
    for (let r = 0; r < roomSizes.length; r++) {
      const size = roomSizes[r];
      const room: number[] = [];
      const present = new Set<number>();
      clash.fill(0);
      const seat = (p: number): void => {
        room.push(p);
        present.add(discipline[p]);
        unseated.splice(unseated.indexOf(p), 1);
        for (const u of unseated) if (meet[u * n + p] > 0) clash[u]++;
      };
      while (room.length < size) {
        let pair: [number, number] | null = null;
        if (size - room.length >= 2) {
          let best = -Infinity;
          let ties = 0;
          for (let i = 0; i < unseated.length; i++) {
            const a = unseated[i];
            if (clash[a] > 0) continue;
            for (let j = i + 1; j < unseated.length; j++) {
              const b = unseated[j];
              if (clash[b] > 0 || meet[a * n + b] > 0) continue;
              // New disciplines for a room short of its target come first, then freedom.
              let score = freedom[a * n + b];
              if (present.size < disciplineTargets[r]) {
                const da = discipline[a];
                const db = discipline[b];
                const fresh = (present.has(da) ? 0 : 1) + (da !== db && !present.has(db) ? 1 : 0);
                score += fresh * (n + 1);
              }
              if (score > best) {
                best = score;
                pair = [a, b];
                ties = 1;
              } else if (score === best && random.int(++ties) === 0) {
                pair = [a, b];
              }
            }
          }
        }
        if (pair) {
          seat(pair[0]);
          seat(pair[1]);
          continue;
        }
        // One seat: the fewest repeats, then a new discipline, then the most freedom.
        let pick = -1;
        let best = Infinity;
        let ties = 0;
        for (const u of unseated) {
          const sameDiscipline = present.has(discipline[u]) ? 1 : 0;
          const score = (clash[u] * 2 + sameDiscipline) * (n + 1) + degree[u];
          if (score < best) {
            best = score;
            pick = u;
            ties = 1;
          } else if (score === best && random.int(++ties) === 0) {
            pick = u;
          }
        }
        seat(pick);
      }
      for (let i = 0; i < room.length; i++) {
        for (let j = i + 1; j < room.length; j++) {
          meet[room[i] * n + room[j]]++;
          meet[room[j] * n + room[i]]++;
        }
      }
      rooms.push(room);
    }
    rounds.push(rooms);
  }
  return rounds;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
