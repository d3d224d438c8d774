/**
 * What the domain benchmarks share: the model Ideas Lab's eight expertise areas (as the demo
 * lab lists them) with how unevenly applicants spread over them, a weighted pick, and the
 * printout (a table, then one JSON object per case on its own line).
 */
export const EXPERTISE_AREAS = [
  'AI',
  'bioinformatics',
  'biomedical engineering',
  'cancer research',
  'clinical practice',
  'computational and data science',
  'healthcare delivery',
  'mathematical modelling',
];

/** Relative frequency of each area among applicants, in the order of EXPERTISE_AREAS. */
export const EXPERTISE_AREA_WEIGHTS = [3, 2, 1.5, 2.5, 1, 2.5, 1, 1.2];

/** Career stages as the demo lab lists them, with their relative frequency among applicants. */
export const CAREER_STAGES = ['graduate student', 'early career', 'mid career', 'senior'];
export const CAREER_STAGE_WEIGHTS = [1, 3, 3, 2];

/** One of `values`, drawn with the given relative weights. */
export function pickWeighted<T>(
  random: () => number,
  values: readonly T[],
  weights: readonly number[],
): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let x = random() * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i];
    if (x < 0) return values[i];
  }
  return values[values.length - 1];
}

/** Prints a preface line, an aligned table (the last column free), then the JSON lines. */
export function printBenchResults({
  preface,
  header,
  rows,
  lines,
}: {
  preface: string;
  header: readonly string[];
  rows: readonly string[][];
  lines: readonly object[];
}): void {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const format = (row: readonly string[]) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  console.log(preface);
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(format(row));
  console.log('');
  for (const line of lines) console.log(JSON.stringify(line));
}
