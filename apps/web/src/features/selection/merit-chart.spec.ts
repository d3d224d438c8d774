import { describe, expect, it } from 'vitest';
import {
  formatMerit,
  formatShare,
  lineChart,
  linearScale,
  meritByPlace,
  niceTicks,
  priceBars,
} from './merit-chart';

describe('niceTicks', () => {
  it.each([
    [0, 1, 5, [0, 0.25, 0.5, 0.75, 1]],
    [0, 3.27, 5, [0, 1, 2, 3, 4]],
    [-1.53, 1.53, 5, [-2, -1, 0, 1, 2]],
    [0, 0.3, 4, [0, 0.1, 0.2, 0.3]],
    [2, 2, 3, [1, 2, 3]],
    [0, 0, 3, [-1, 0, 1]],
  ])('covers [%d, %d] with about %d round ticks', (min, max, count, ticks) => {
    expect(niceTicks(min, max, count)).toEqual(ticks);
  });

  it('always covers the data', () => {
    for (const [min, max] of [
      [-0.37, 2.91],
      [0.001, 0.009],
      [-45, -3],
      [12, 1234],
    ]) {
      const ticks = niceTicks(min, max);
      expect(ticks[0]).toBeLessThanOrEqual(min);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });

  it('gives nothing for non-finite data', () => {
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, inverted axes included', () => {
    const y = linearScale([0, 2], [200, 0]);
    expect([y(0), y(1), y(2)]).toEqual([200, 100, 0]);
  });
  it('puts a zero-width domain in the middle', () => {
    expect(linearScale([1, 1], [0, 10])(1)).toBe(5);
  });
});

const box = { width: 100, height: 100, left: 0, right: 0, top: 0, bottom: 0 };

describe('lineChart', () => {
  it('draws one point per place, from the first to the last x', () => {
    const chart = lineChart(
      [
        [2, 1, 0],
        [2, 1, -2],
      ],
      box,
    );
    expect(chart.lines[0]).toBe('0,0 50,25 100,50');
    expect(chart.lines[1]).toBe('0,0 50,25 100,100');
    // The y axis runs -2..2: zero is half way down.
    expect(chart.yTicks.map((t) => t.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(chart.zeroY).toBe(50);
    expect(chart.xTicks.map((t) => t.place)).toEqual([1, 2, 3]);
  });

  it('shades the area between the top N and the cohort', () => {
    const chart = lineChart(
      [
        [1, 1],
        [1, 0],
      ],
      box,
    );
    expect(chart.gap).toBe('0,0 100,0 100,100 0,0');
  });

  it('thins the place labels of a large cohort but keeps the last', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => 30 - i);
    const places = lineChart([thirty, thirty], box).xTicks.map((t) => t.place);
    expect(places).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 30]);
  });
});

describe('meritByPlace', () => {
  it("sorts each side's merits best first", () => {
    const applicants = [
      { id: 'a', merit: 1 },
      { id: 'b', merit: 3 },
      { id: 'c', merit: 2 },
    ];
    const run = {
      inputs: { applicants },
      result: { selectedIds: ['a', 'b'], unconstrained: { selectedIds: ['b', 'c'], merit: 5 } },
    } as unknown as Parameters<typeof meritByPlace>[0];
    expect(meritByPlace(run)).toEqual({ cohort: [3, 1], topN: [3, 2] });
  });
});

describe('priceBars', () => {
  it('scales to the largest price, with no bar for a run without a cohort', () => {
    expect(priceBars([0.5, 0, null, 1])).toEqual([0.5, 0, 0, 1]);
    expect(priceBars([0, null])).toEqual([0, 0]);
  });
});

describe('formatting', () => {
  it.each([
    [1.234, '1.23'],
    [-0.5, '−0.50'],
    [-0.001, '0.00'],
    [null, '—'],
  ])('merit %s reads %s', (value, text) => {
    expect(formatMerit(value)).toBe(text);
  });
  it('reads a share as a percentage', () => {
    expect(formatShare(0.1334)).toBe('13.3 %');
    expect(formatShare(null)).toBe('');
  });
});
