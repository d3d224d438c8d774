/**
 * Finite fields GF(q), q = p^m a prime power, as lookup tables: the arithmetic behind the
 * affine and transversal designs of `resolvable-designs.ts`.
 *
 * An element is an integer 0 … q − 1 whose base-p digits are the coefficients of a
 * polynomial over Z_p (digit i is the coefficient of x^i); arithmetic is modulo a primitive
 * polynomial of degree m, found by trying monic polynomials in order until x has order
 * q − 1. So 0 is zero, 1 is one, and addition is digit-wise modulo p.
 */
export interface GaloisField {
  order: number;
  characteristic: number;
  degree: number;
  /** add[a * q + b] = a + b. */
  add: Int32Array;
  /** sub[a * q + b] = a − b. */
  sub: Int32Array;
  /** mul[a * q + b] = a · b. */
  mul: Int32Array;
  /** inv[a] = a⁻¹ (inv[0] = 0). */
  inv: Int32Array;
  /** power[i] = ω^i for a primitive element ω, i = 0 … q − 2. */
  power: Int32Array;
}

/** Fields larger than this are not built (their tables would be large for no use here). */
export const MAX_FIELD_ORDER = 256;

/** q = p^m with p prime: { prime: p, exponent: m }; null when q is not a prime power. */
export function primePowerOf(q: number): { prime: number; exponent: number } | null {
  if (!Number.isInteger(q) || q < 2) return null;
  let p = 2;
  while (p * p <= q && q % p !== 0) p++;
  if (q % p !== 0) p = q;
  let rest = q;
  let exponent = 0;
  while (rest % p === 0) {
    rest /= p;
    exponent++;
  }
  return rest === 1 ? { prime: p, exponent } : null;
}

const cache = new Map<number, GaloisField | null>();

/** GF(q), or null when q is not a prime power or exceeds `MAX_FIELD_ORDER`. */
export function galoisField(q: number): GaloisField | null {
  if (cache.has(q)) return cache.get(q) ?? null;
  const field = q <= MAX_FIELD_ORDER ? buildField(q) : null;
  cache.set(q, field);
  return field;
}

function buildField(q: number): GaloisField | null {
  const pp = primePowerOf(q);
  if (pp === null) return null;
  const { prime: p, exponent: m } = pp;
  const digits = (v: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < m; i++) {
      out.push(v % p);
      v = Math.floor(v / p);
    }
    return out;
  };
  const fromDigits = (d: readonly number[]): number => {
    let v = 0;
    for (let i = m - 1; i >= 0; i--) v = v * p + d[i];
    return v;
  };
  const add = new Int32Array(q * q);
  const sub = new Int32Array(q * q);
  for (let a = 0; a < q; a++) {
    const da = digits(a);
    for (let b = 0; b < q; b++) {
      const db = digits(b);
      add[a * q + b] = fromDigits(da.map((x, i) => (x + db[i]) % p));
      sub[a * q + b] = fromDigits(da.map((x, i) => (x - db[i] + p) % p));
    }
  }

  // The powers of x modulo a monic polynomial with lower coefficients `low` (x^m = −low).
  const powersOfX = (low: readonly number[]): Int32Array | null => {
    const power = new Int32Array(q - 1);
    let current = new Array<number>(m).fill(0);
    current[0] = 1;
    for (let i = 0; i < q - 1; i++) {
      const value = fromDigits(current);
      if (i > 0 && value === 1) return null; // x has a smaller order: not primitive
      power[i] = value;
      // current · x
      const top = current[m - 1];
      const next = new Array<number>(m).fill(0);
      for (let j = m - 1; j >= 1; j--) next[j] = current[j - 1];
      for (let j = 0; j < m; j++) next[j] = (((next[j] - top * low[j]) % p) + p) % p;
      current = next;
    }
    return fromDigits(current) === 1 ? power : null;
  };

  let power: Int32Array | null = null;
  if (m === 1) {
    // Z_p: the smallest primitive root.
    for (let g = 2; g < p && power === null; g++) {
      const candidate = new Int32Array(p - 1);
      let v = 1;
      let ok = true;
      for (let i = 0; i < p - 1; i++) {
        if (i > 0 && v === 1) {
          ok = false;
          break;
        }
        candidate[i] = v;
        v = (v * g) % p;
      }
      if (ok) power = candidate;
    }
    if (p === 2) power = Int32Array.of(1);
  } else {
    for (let code = 0; code < q && power === null; code++) power = powersOfX(digits(code));
  }
  if (power === null) return null;
  const log = new Int32Array(q).fill(-1);
  power.forEach((v, i) => (log[v] = i));
  const mul = new Int32Array(q * q);
  const inv = new Int32Array(q);
  for (let a = 1; a < q; a++) {
    inv[a] = power[(q - 1 - log[a]) % (q - 1)];
    for (let b = 1; b < q; b++) mul[a * q + b] = power[(log[a] + log[b]) % (q - 1)];
  }
  return { order: q, characteristic: p, degree: m, add, sub, mul, inv, power };
}
