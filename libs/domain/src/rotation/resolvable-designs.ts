import { galoisField, primePowerOf, type GaloisField } from './galois-field.js';

/**
 * Repeat-free rotations built from resolvable designs: for n points in rooms of g, rounds
 * (each a partition of the points into rooms of g) in which no two points share a room twice.
 * These are the constructions of the social-golfer literature; where one applies it reaches
 * the optimum at once, where none does the planner searches (`rotation-search.ts`).
 *
 * - affine geometry: n = q^m, g = q a prime power; the lines of AG(m, q) in each direction
 *   form a round, (n − 1)/(g − 1) rounds in which every pair meets exactly once.
 * - transversal: n = g·k where every prime-power factor of k is at least g; a resolvable
 *   transversal design over the ring GF(q₁) × GF(q₂) × … (k rounds), then each of its g
 *   groups of k people is split into rooms by a design on k points. For n = p^e and
 *   g = p^d this recursion reaches the largest known partial spreads: 32 in rooms of 4 gets
 *   8 + 1 = 9 rounds, the most possible (a tenth is known to exist, but not from fields).
 * - Kirkman triple systems: g = 3 and n = 3q or n = 2q + 1 with q ≡ 1 (mod 6) a prime power,
 *   (n − 1)/2 rounds (15 in rooms of 3: Kirkman's schoolgirls, 7 rounds).
 * - round robin: g = 2, any even n, n − 1 rounds.
 * - products: a design on n₁ points in rooms of g₁ and one on n₂ points in rooms of g₂ give
 *   one on n₁·n₂ points in rooms of g₁·g₂ (rooms B₁ × B₂, round by round); with g₂ = 1 this
 *   is n₂ copies of the first design.
 *
 * Everything here is deterministic: the same n and g give the same design (the planner
 * relabels the points with its seeded generator).
 */
export type DesignMethod =
  | 'one-room'
  | 'singletons'
  | 'round-robin'
  | 'affine-geometry'
  | 'transversal'
  | 'kirkman'
  | 'product';

/** How to build the design with the most repeat-free rounds for n points in rooms of g. */
export interface DesignRecipe {
  method: DesignMethod;
  pointCount: number;
  roomSize: number;
  /** Repeat-free rounds the design has (Infinity for singletons). */
  rounds: number;
  /** The designs a product or a transversal design's filling is made of. */
  parts?: DesignRecipe[];
}

/** Largest point count the catalogue looks at (designs beyond it are not built). */
export const MAX_DESIGN_POINTS = 4096;

const recipes = new Map<string, DesignRecipe | null>();

/**
 * The catalogue's best design for `pointCount` points in rooms of `roomSize` (every room
 * full): the one with the most repeat-free rounds, or null when no construction applies.
 */
export function findDesign({
  pointCount,
  roomSize,
}: {
  pointCount: number;
  roomSize: number;
}): DesignRecipe | null {
  const n = pointCount;
  const g = roomSize;
  if (!Number.isInteger(n) || !Number.isInteger(g) || g < 1 || n < 1 || n % g !== 0) return null;
  if (n > MAX_DESIGN_POINTS) return null;
  const key = `${n}:${g}`;
  if (recipes.has(key)) return recipes.get(key) ?? null;
  recipes.set(key, null); // guards the recursion
  const found = bestRecipe(n, g);
  recipes.set(key, found);
  return found;
}

function bestRecipe(n: number, g: number): DesignRecipe | null {
  if (g === 1) return { method: 'singletons', pointCount: n, roomSize: 1, rounds: Infinity };
  if (g === n) return { method: 'one-room', pointCount: n, roomSize: g, rounds: 1 };
  const candidates: DesignRecipe[] = [];
  const add = (recipe: DesignRecipe | null): void => {
    if (recipe !== null && recipe.rounds >= 1) candidates.push(recipe);
  };
  const base = { pointCount: n, roomSize: g };

  if (g === 2 && n % 2 === 0) add({ method: 'round-robin', ...base, rounds: n - 1 });

  const q = primePowerOf(g);
  const np = primePowerOf(n);
  if (q && np && np.prime === q.prime && np.exponent % q.exponent === 0 && galoisField(g))
    add({ method: 'affine-geometry', ...base, rounds: (n - 1) / (g - 1) });

  if (g === 3 && n % 6 === 3) {
    const triple = kirkmanField(n);
    if (triple) add({ method: 'kirkman', ...base, rounds: (n - 1) / 2 });
  }

  const k = n / g;
  if (k >= g && transversalRing(k, g)) {
    const fill = k % g === 0 ? findDesign({ pointCount: k, roomSize: g }) : null;
    add({
      method: 'transversal',
      ...base,
      rounds: k + (fill?.rounds ?? 0),
      ...(fill ? { parts: [fill] } : {}),
    });
  }

  // Products n = n₁·n₂, g = g₁·g₂ (g₂ = 1: copies).
  for (let g1 = 2; g1 <= g; g1++) {
    if (g % g1 !== 0) continue;
    const g2 = g / g1;
    for (let n1 = g1; n1 < n; n1 += g1) {
      if (n % n1 !== 0) continue;
      const n2 = n / n1;
      if (n2 % g2 !== 0 || (n2 === 1 && g2 === 1)) continue;
      if (g2 > 1 && n2 === g2 && n1 === g1) continue;
      const first = findDesign({ pointCount: n1, roomSize: g1 });
      if (!first) continue;
      const second = findDesign({ pointCount: n2, roomSize: g2 });
      if (!second) continue;
      add({
        method: 'product',
        ...base,
        rounds: Math.min(first.rounds, second.rounds),
        parts: [first, second],
      });
    }
  }
  let best: DesignRecipe | null = null;
  for (const c of candidates) if (best === null || c.rounds > best.rounds) best = c;
  return best;
}

/**
 * Builds the first `rounds` rounds of a design (at most `recipe.rounds`): round → room →
 * point index 0 … n − 1, every room of `recipe.roomSize` points.
 */
export function buildDesign({
  recipe,
  rounds,
}: {
  recipe: DesignRecipe;
  rounds: number;
}): number[][][] {
  const R = Math.max(0, Math.min(rounds, recipe.rounds));
  const n = recipe.pointCount;
  const g = recipe.roomSize;
  switch (recipe.method) {
    case 'singletons':
      return Array.from({ length: R }, () => Array.from({ length: n }, (_, p) => [p]));
    case 'one-room':
      return Array.from({ length: R }, () => [Array.from({ length: n }, (_, p) => p)]);
    case 'round-robin':
      return roundRobin(n, R);
    case 'affine-geometry':
      return affineGeometry(n, g, R);
    case 'kirkman':
      return kirkmanTripleSystem(n, R);
    case 'transversal':
      return transversalDesign(n, g, R, recipe.parts?.[0]);
    case 'product': {
      const [first, second] = recipe.parts as [DesignRecipe, DesignRecipe];
      const a = buildDesign({ recipe: first, rounds: R });
      const b = buildDesign({ recipe: second, rounds: R });
      const n2 = second.pointCount;
      return a.map((roomsA, r) =>
        roomsA.flatMap((roomA) =>
          b[r].map((roomB) => roomA.flatMap((x) => roomB.map((y) => x * n2 + y))),
        ),
      );
    }
  }
}

// ---- round robin ------------------------------------------------------------------------

/** The circle method: n − 1 is fixed, the others turn. */
function roundRobin(n: number, R: number): number[][][] {
  const m = n - 1;
  return Array.from({ length: R }, (_, r) => {
    const rooms: number[][] = [[r, m]];
    for (let i = 1; i < n / 2; i++) rooms.push([(r + i) % m, (r - i + m) % m]);
    return rooms;
  });
}

// ---- affine geometry --------------------------------------------------------------------

/** Vectors of GF(q)^m as integers (digit i, base q, is coordinate i). */
function vectorSpace(field: GaloisField, m: number) {
  const q = field.order;
  const add = (a: number, b: number): number => {
    let out = 0;
    for (let i = 0, place = 1; i < m; i++, place *= q) {
      out += field.add[(Math.floor(a / place) % q) * q + (Math.floor(b / place) % q)] * place;
    }
    return out;
  };
  const scale = (c: number, a: number): number => {
    let out = 0;
    for (let i = 0, place = 1; i < m; i++, place *= q)
      out += field.mul[c * q + (Math.floor(a / place) % q)] * place;
    return out;
  };
  return { add, scale };
}

/** The parallel classes of lines of AG(m, q), one per direction (first nonzero coordinate 1). */
function affineGeometry(n: number, q: number, R: number): number[][][] {
  const field = galoisField(q) as GaloisField;
  let m = 0;
  for (let v = 1; v < n; v *= q) m++;
  const { add, scale } = vectorSpace(field, m);
  const directions: number[] = [];
  for (let v = 1; v < n && directions.length < R; v++) {
    let lead = v;
    while (lead % q === 0) lead /= q;
    if (lead % q === 1) directions.push(v);
  }
  return directions.map((v) => {
    const line = Array.from({ length: q }, (_, t) => scale(t, v));
    return cosets(n, line, add);
  });
}

/** The cosets x + S of a subgroup S (given as its elements), each listed once. */
function cosets(
  n: number,
  subgroup: readonly number[],
  add: (a: number, b: number) => number,
): number[][] {
  const seated = new Uint8Array(n);
  const rooms: number[][] = [];
  for (let x = 0; x < n; x++) {
    if (seated[x]) continue;
    const room = subgroup.map((s) => add(x, s));
    for (const p of room) seated[p] = 1;
    rooms.push(room);
  }
  return rooms;
}

// ---- Kirkman triple systems -------------------------------------------------------------

/** The field q behind a Kirkman construction for n points, or null. */
function kirkmanField(n: number): { q: number; kind: 'triple' | 'double' } | null {
  const fits = (q: number): boolean =>
    Number.isInteger(q) && q % 6 === 1 && primePowerOf(q) !== null && galoisField(q) !== null;
  if (fits((n - 1) / 2)) return { q: (n - 1) / 2, kind: 'double' };
  if (fits(n / 3)) return { q: n / 3, kind: 'triple' };
  return null;
}

function kirkmanTripleSystem(n: number, R: number): number[][][] {
  const { q, kind } = kirkmanField(n) as { q: number; kind: 'triple' | 'double' };
  const F = galoisField(q) as GaloisField;
  const t = (q - 1) / 6;
  const w = (i: number): number => F.power[((i % (q - 1)) + (q - 1)) % (q - 1)];
  const shift = (block: readonly [number, number][], s: number): [number, number][] =>
    block.map(([x, j]) => [x < 0 ? x : F.add[x * q + s], j]);
  let classes: [number, number][][][];
  if (kind === 'triple') {
    // Points (x, j), x ∈ GF(q), j ∈ {0, 1, 2}; ω primitive, q = 6t + 1.
    const A = (i: number): [number, number][] => [
      [w(i), 0],
      [w(i + 2 * t), 1],
      [w(i + 4 * t), 2],
    ];
    const base: [number, number][][] = [
      [
        [0, 0],
        [0, 1],
        [0, 2],
      ],
    ];
    for (let j = 0; j < 3; j++)
      for (let i = 0; i < t; i++)
        base.push([
          [w(i), j],
          [w(i + 2 * t), j],
          [w(i + 4 * t), j],
        ]);
    for (let i = 0; i < 6 * t; i++) if (Math.floor(i / t) % 2 === 1) base.push(A(i));
    classes = Array.from({ length: q }, (_, s) => base.map((b) => shift(b, s)));
    for (let i = 0; i < 6 * t; i++) {
      if (Math.floor(i / t) % 2 === 0)
        classes.push(Array.from({ length: q }, (_, s) => shift(A(i), s)));
    }
  } else {
    // Points (x, j), x ∈ GF(q), j ∈ {0, 1}, and ∞ (x = −1). One class, translated q times:
    // {∞, (0,0), (0,1)}; the cube-root cosets ω^i·{1, ε, ε²} in half 0 (all its
    // differences once); and {(x,0), (αx,1), (βx,1)} for the other nonzero x of half 0,
    // with α, β chosen so that the mixed differences and half 1 are each covered once.
    const X: number[] = [];
    for (let e = 0; e < q - 1; e++) if (Math.floor(e / t) % 2 === 1) X.push(w(e));
    const [alpha, beta] = kirkmanMultipliers(F, X);
    const base: [number, number][][] = [
      [
        [-1, 0],
        [0, 0],
        [0, 1],
      ],
    ];
    for (let i = 0; i < t; i++)
      base.push([
        [w(i), 0],
        [w(i + 2 * t), 0],
        [w(i + 4 * t), 0],
      ]);
    for (const x of X)
      base.push([
        [x, 0],
        [F.mul[alpha * q + x], 1],
        [F.mul[beta * q + x], 1],
      ]);
    classes = Array.from({ length: q }, (_, s) => base.map((b) => shift(b, s)));
  }
  const point = ([x, j]: [number, number]): number => (x < 0 ? n - 1 : j * q + x);
  return classes.slice(0, R).map((blocks) => blocks.map((b) => b.map(point)));
}

/** α, β with αX ⊔ βX = GF(q)* and (α − 1)X ⊔ (β − 1)X = GF(q)*. */
function kirkmanMultipliers(F: GaloisField, X: readonly number[]): [number, number] {
  const q = F.order;
  const partitions = (a: number, b: number): boolean => {
    const seen = new Uint8Array(q);
    for (const x of X) {
      for (const y of [F.mul[a * q + x], F.mul[b * q + x]]) {
        if (y === 0 || seen[y]) return false;
        seen[y] = 1;
      }
    }
    return true;
  };
  for (let a = 2; a < q; a++) {
    for (let b = 2; b < q; b++) {
      if (a === b || !partitions(a, b)) continue;
      if (partitions(F.sub[a * q + 1], F.sub[b * q + 1])) return [a, b];
    }
  }
  throw new Error(`no Kirkman multipliers over GF(${q})`);
}

// ---- transversal designs over a product of fields ----------------------------------------

/** k's prime-power factors as fields, when each has at least g elements. */
function transversalRing(k: number, g: number): GaloisField[] | null {
  const fields: GaloisField[] = [];
  let rest = k;
  for (let p = 2; rest > 1; p++) {
    if (rest % p !== 0) continue;
    let q = 1;
    while (rest % p === 0) {
      rest /= p;
      q *= p;
    }
    const field = q >= g ? galoisField(q) : null;
    if (!field) return null;
    fields.push(field);
  }
  return fields.length > 0 ? fields : null;
}

/**
 * A resolvable transversal design: g groups of k points (c, x), x in the ring R = ∏ GF(qᵢ);
 * round m ∈ R has rooms {(c, m·c + b) : c < g} for b ∈ R. Two points of different groups
 * meet in exactly one round (the differences c − c′ are units of R); points of one group
 * never do, so the rounds after the k-th split each group with `fill`.
 */
function transversalDesign(
  n: number,
  g: number,
  R: number,
  fill: DesignRecipe | undefined,
): number[][][] {
  const k = n / g;
  const fields = transversalRing(k, g) as GaloisField[];
  const orders = fields.map((f) => f.order);
  const digits = (v: number): number[] =>
    orders.map((q) => {
      const d = v % q;
      v = Math.floor(v / q);
      return d;
    });
  const fromDigits = (d: readonly number[]): number => {
    let v = 0;
    for (let i = orders.length - 1; i >= 0; i--) v = v * orders[i] + d[i];
    return v;
  };
  const rounds: number[][][] = [];
  for (let m = 0; m < Math.min(R, k); m++) {
    const md = digits(m);
    // In each component the group label c is the field element c (distinct since c < g ≤ q).
    const offsets = Array.from({ length: g }, (_, c) =>
      md.map((x, i) => fields[i].mul[x * orders[i] + c]),
    );
    const rooms: number[][] = [];
    for (let b = 0; b < k; b++) {
      const bd = digits(b);
      rooms.push(
        offsets.map(
          (off, c) => c * k + fromDigits(bd.map((y, i) => fields[i].add[off[i] * orders[i] + y])),
        ),
      );
    }
    rounds.push(rooms);
  }
  if (R > k && fill) {
    const inner = buildDesign({ recipe: fill, rounds: R - k });
    for (const rooms of inner) {
      rounds.push(
        Array.from({ length: g }, (_, c) => rooms.map((room) => room.map((y) => c * k + y))).flat(),
      );
    }
  }
  return rounds;
}
