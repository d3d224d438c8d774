import type { SelectionRun } from './types';

/**
 * The price of diversity, place by place: the merit of the cohort the quotas allow and of
 * the unconstrained top N, each sorted best first. The gap between the two lines, summed, is
 * what the quotas cost.
 */
export function meritByPlace(run: Pick<SelectionRun, 'inputs' | 'result'>): {
  cohort: number[];
  topN: number[];
} {
  const merit = new Map(run.inputs.applicants.map((a) => [a.id, a.merit]));
  const sorted = (ids: string[]) =>
    ids
      .map((id) => merit.get(id))
      .filter((m): m is number => m !== undefined)
      .sort((a, b) => b - a);
  return {
    cohort: sorted(run.result.selectedIds),
    topN: sorted(run.result.unconstrained.selectedIds),
  };
}

/** Round tick values covering [min, max] (about `count` of them), from a 1–2–5 sequence. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * 0.999; v += step) ticks.push(round(v, step));
  return ticks;
}

/** Removes binary noise (0.30000000000000004) at the precision of the step. */
function round(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

/** A linear map from a data domain to a pixel range (a zero-width domain maps to the middle). */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface LineChart {
  /** SVG `points` per series, in the order given. */
  lines: string[];
  yTicks: { value: number; y: number }[];
  xTicks: { place: number; x: number }[];
  /** The pixel y of merit 0, when 0 is inside the axis. */
  zeroY: number | null;
  /** The area between the first two series (the merit given up), as an SVG polygon. */
  gap: string;
}

/** Pixel geometry of a place-by-place line chart of several series of equal length. */
export function lineChart(series: number[][], box: ChartBox): LineChart {
  const values = series.flat();
  const places = Math.max(1, ...series.map((s) => s.length));
  const ticks = niceTicks(Math.min(...values, 0), Math.max(...values, 0), 5);
  const domain: [number, number] = ticks.length ? [ticks[0], ticks[ticks.length - 1]] : [0, 1];
  const y = linearScale(domain, [box.height - box.bottom, box.top]);
  const x = linearScale([1, Math.max(2, places)], [box.left, box.width - box.right]);
  const point = (v: number, i: number) => `${fmt(x(i + 1))},${fmt(y(v))}`;
  const lines = series.map((s) => s.map(point).join(' '));
  const [a = [], b = []] = series;
  const gap =
    a.length > 0 && a.length === b.length
      ? [...a.map(point), ...b.map(point).reverse()].join(' ')
      : '';
  const step = Math.max(1, Math.ceil(places / 10));
  const xTicks: LineChart['xTicks'] = [];
  for (let place = 1; place <= places; place += step) xTicks.push({ place, x: x(place) });
  if (xTicks[xTicks.length - 1]?.place !== places && places > 1)
    xTicks.push({ place: places, x: x(places) });
  return {
    lines,
    yTicks: ticks.map((value) => ({ value, y: y(value) })),
    xTicks,
    zeroY: domain[0] <= 0 && domain[1] >= 0 ? y(0) : null,
    gap,
  };
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** Bar lengths (0–1 of the widest) for the price of diversity of each run; none below 0. */
export function priceBars(prices: readonly (number | null)[]): number[] {
  const max = Math.max(0, ...prices.map((p) => p ?? 0));
  return prices.map((p) => (max > 0 && p !== null ? Math.max(0, p) / max : 0));
}

/** Merit as organisers read it: two decimals, a real minus sign. */
export function formatMerit(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.abs(value) < 0.005 ? 0 : value;
  return rounded.toFixed(2).replace('-', '−');
}

/** "4.2 %" of the unconstrained merit, or nothing when it has no meaning. */
export function formatShare(relative: number | null | undefined): string {
  if (relative === null || relative === undefined || !Number.isFinite(relative)) return '';
  const percent = Math.abs(relative * 100) < 0.05 ? 0 : relative * 100;
  return `${percent.toFixed(1)} %`;
}
