/**
 * How many breakout rooms a round has, and how large each one is.
 *
 * With n participants and a wanted room size g the number of rooms is ⌈n / g⌉, unless
 * ⌊n / g⌋ rooms keep every room strictly closer to g (e.g. 11 people in rooms of 5: two
 * rooms of 6 and 5 rather than three of 4, 4 and 3). Sizes then differ by at most one,
 * larger rooms first. An explicit room count overrides the rule.
 */
export function planRoomSizes({
  participantCount,
  roomSize,
  roomCount,
}: {
  participantCount: number;
  roomSize: number;
  roomCount?: number;
}): number[] {
  const n = participantCount;
  if (n <= 0) return [];
  let k: number;
  if (roomCount !== undefined) {
    k = Math.min(Math.max(1, Math.floor(roomCount)), n);
  } else {
    const up = Math.ceil(n / roomSize);
    const down = Math.max(1, Math.floor(n / roomSize));
    const deviation = (rooms: number): number =>
      Math.max(
        Math.abs(Math.ceil(n / rooms) - roomSize),
        Math.abs(Math.floor(n / rooms) - roomSize),
      );
    k = deviation(down) < deviation(up) ? down : up;
  }
  const small = Math.floor(n / k);
  const larger = n % k;
  return Array.from({ length: k }, (_, r) => (r < larger ? small + 1 : small));
}
